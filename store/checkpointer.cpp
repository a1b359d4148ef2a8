#include "store/checkpointer.hpp"

#include <stdexcept>

#include <sqlite3.h>

namespace accord::store {

Checkpointer::Checkpointer(const std::string& path, CheckpointOptions options) : options_(options) {
  if (sqlite3_open_v2(path.c_str(), &connection_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string reason = connection_ ? sqlite3_errmsg(connection_) : "out of memory";
    sqlite3_close_v2(connection_);
    throw std::runtime_error("cannot open the database for checkpoints: " + reason);
  }
  // The same durability as the writer: the WAL is synced before it is copied back, the database
  // after. A read opens the WAL on this connection, so the first checkpoint finds it.
  sqlite3_exec(connection_, "PRAGMA synchronous=NORMAL; SELECT 1 FROM sqlite_schema LIMIT 1",
               nullptr, nullptr, nullptr);
  thread_ = std::thread([this] { run(); });
}

Checkpointer::~Checkpointer() {
  detach();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close_v2(connection_);
}

void Checkpointer::attach(sqlite3* writer) {
  writer_ = writer;
  sqlite3_wal_hook(writer_, &Checkpointer::on_commit, this);
}

void Checkpointer::detach() {
  if (writer_ == nullptr) return;
  // Back to SQLite's own automatic checkpoint (which also replaces the hook).
  sqlite3_wal_autocheckpoint(writer_, options_.background_frames);
  writer_ = nullptr;
}

CheckpointStats Checkpointer::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

int Checkpointer::on_commit(void* self, sqlite3* writer, const char* schema, int frames) {
  static_cast<Checkpointer*>(self)->committed(writer, schema, frames);
  return SQLITE_OK;
}

// Runs inside the writer's COMMIT, on the thread holding the connection: counts, and only at
// restart_frames does any work.
void Checkpointer::committed(sqlite3* writer, const char* schema, int frames) {
  if (frames >= options_.restart_frames) {
    int copied = 0;
    // Busy when the thread is checkpointing at this moment: the next commit tries again.
    const int result =
        sqlite3_wal_checkpoint_v2(writer, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied);
    if (result == SQLITE_OK) {
      std::lock_guard lock(mutex_);
      ++stats_.inline_runs;
      backfilled_ = copied;
    }
    return;
  }
  std::lock_guard lock(mutex_);
  if (frames < backfilled_) backfilled_ = 0;  // the WAL has started over since
  if (requested_ || frames - backfilled_ < options_.background_frames) return;
  requested_ = true;
  wake_.notify_one();
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return requested_ || stopping_; });
    if (stopping_) return;
    lock.unlock();
    int copied = 0;
    const int result = sqlite3_wal_checkpoint_v2(connection_, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                                 nullptr, &copied);
    lock.lock();
    requested_ = false;
    if (result == SQLITE_OK) {
      ++stats_.background;
      // Unless the writer has started the WAL over meanwhile (then it is shorter than this).
      backfilled_ = copied;
    }
  }
}

}  // namespace accord::store
