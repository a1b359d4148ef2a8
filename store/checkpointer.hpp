// WAL checkpoints off the request path. SQLite's own automatic checkpoint runs inside the commit
// that crosses 1,000 WAL frames, so every ~100th request copied the WAL back into the database and
// waited for two fsyncs while holding the one connection (on the benchmark machine about 12 ms,
// two thirds of all commit time). Here the committing connection only counts: a thread with a
// connection of its own runs a PASSIVE checkpoint (it never blocks a writer) once that many new
// frames have collected.
//
// A passive checkpoint that ran beside writes leaves the newest frames behind, and SQLite starts
// the WAL file over only once every frame is back in the database. So when the WAL reaches
// `restart_frames`, the committing connection checkpoints the few frames left itself, as SQLite
// would have; the next write then starts the WAL over. The stall that remains is that small
// checkpoint, once per `restart_frames` rather than once per 1,000.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace accord::store {

struct CheckpointOptions {
  // New WAL frames (pages) that start a background checkpoint: SQLite's automatic default.
  int background_frames = 1000;
  // WAL size at which the committing connection finishes the checkpoint itself (32 MiB of 4 KiB
  // pages): bounds the WAL under constant writes.
  int restart_frames = 8000;
};

struct CheckpointStats {
  std::uint64_t background = 0;   // passive checkpoints run by the thread
  std::uint64_t inline_runs = 0;  // checkpoints the committing connection ran at restart_frames
};

class Checkpointer {
 public:
  // Opens a second connection to the database at `path` and starts the thread.
  Checkpointer(const std::string& path, CheckpointOptions options);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Replaces SQLite's automatic checkpoint on the writing connection `writer` with this one. The
  // writer must outlive the hook: call detach() before closing it.
  void attach(sqlite3* writer);
  void detach();

  CheckpointStats stats() const;

 private:
  static int on_commit(void* self, sqlite3* writer, const char* schema, int frames);
  void committed(sqlite3* writer, const char* schema, int frames);
  void run();

  const CheckpointOptions options_;
  sqlite3* connection_ = nullptr;
  sqlite3* writer_ = nullptr;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  // WAL frames already copied back as of the last background checkpoint; 0 after a restart.
  int backfilled_ = 0;
  CheckpointStats stats_;
  std::thread thread_;
};

}  // namespace accord::store
