#include "store/sqlite_backend.hpp"

#include <mutex>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include "store/migrations.hpp"

namespace accord::store {
namespace {

// Every connection here is used by one thread at a time (the writer under mutex_, a reader while
// it is lent out), so they are opened without SQLite's own per-connection mutex (OPEN_NOMUTEX):
// in its default serialized mode every bind, step and column call locked and unlocked it.

// Process-wide settings, made once before SQLite is first used here: no memory statistics. With
// them (SQLite's default) every allocation and free inside SQLite locked one global mutex to count
// it: a tenth of the handler thread's time (README, Benchmarks). Nothing here reads the counts
// (sqlite3_memory_used, a soft heap limit). When SQLite was already in use in this process the
// call is refused (SQLITE_MISUSE) and the statistics stay on: slower, not wrong.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

std::unique_ptr<SQLite::Database> open_database(const std::string& path, int flags) {
  configure_sqlite_once();
  return std::make_unique<SQLite::Database>(path, flags | SQLite::OPEN_NOMUTEX);
}

// A private database in memory: no file to lock, and no other connection can see it.
bool in_memory(const std::string& path) {
  return path.empty() || path == ":memory:";
}

std::optional<DatabaseLock> lock_unless_in_memory(const std::string& path) {
  if (in_memory(path)) return std::nullopt;
  return DatabaseLock::shared(path);
}

class SqliteCursor final : public Cursor {
 public:
  SqliteCursor(SQLite::Database& db, std::string_view sql)
      : Cursor(std::string(sql)), statement_(db, this->sql()) {}

  void bind_null(int index) override { statement_.bind(index); }
  void bind_integer(int index, std::int64_t value) override { statement_.bind(index, value); }
  void bind_real(int index, double value) override { statement_.bind(index, value); }
  void bind_text(int index, std::string_view value) override {
    // Transient: SQLite copies the text, so the caller's buffer may go away.
    statement_.bind(index, std::string(value));
  }
  void bind_blob(int index, std::string_view bytes) override {
    statement_.bind(index, bytes.data(), static_cast<int>(bytes.size()));
  }

  bool step() override { return statement_.executeStep(); }
  int exec() override { return statement_.exec(); }

  int column_count() override { return statement_.getColumnCount(); }
  std::string column_name(int index) override { return statement_.getColumnName(index); }
  ColumnType column_type(int index) override {
    switch (statement_.getColumn(index).getType()) {
      case SQLITE_INTEGER:
        return ColumnType::integer;
      case SQLITE_FLOAT:
        return ColumnType::real;
      case SQLITE_BLOB:
        return ColumnType::blob;
      case SQLITE_NULL:
        return ColumnType::null;
      default:
        return ColumnType::text;
    }
  }
  std::int64_t column_integer(int index) override { return statement_.getColumn(index).getInt64(); }
  double column_real(int index) override { return statement_.getColumn(index).getDouble(); }
  std::string column_text(int index) override { return statement_.getColumn(index).getString(); }
  std::string column_blob(int index) override {
    const auto column = statement_.getColumn(index);
    if (column.isNull()) return {};
    return {static_cast<const char*>(column.getBlob()),
            static_cast<std::size_t>(column.getBytes())};
  }

  void reset() override { statement_.reset(); }
  void clear() noexcept override {
    statement_.tryReset();
    statement_.clearBindings();
  }

 private:
  SQLite::Statement statement_;
};

}  // namespace

SqliteConnection::~SqliteConnection() {
  forget_cursors();
}

std::unique_ptr<Cursor> SqliteConnection::prepare(std::string_view sql) {
  return std::make_unique<SqliteCursor>(db_, sql);
}

// BEGIN IMMEDIATE takes the write lock at once, so a unit of work never fails half-way for
// another process's write. BEGIN, COMMIT and ROLLBACK are cached cursors too.
void SqliteConnection::begin() {
  auto cursor = take("BEGIN IMMEDIATE");
  cursor->exec();
  give_back(std::move(cursor));
}

void SqliteConnection::begin_read_only() {
  // Deferred: the snapshot starts with the first read, and no write lock is ever asked for.
  auto cursor = take("BEGIN DEFERRED");
  cursor->exec();
  give_back(std::move(cursor));
}

void SqliteConnection::commit() {
  auto cursor = take("COMMIT");
  cursor->exec();
  give_back(std::move(cursor));
}

void SqliteConnection::rollback() noexcept {
  try {
    auto cursor = take("ROLLBACK");
    cursor->exec();
    give_back(std::move(cursor));
  } catch (...) {
    // Nothing to undo (BEGIN failed) or the connection is gone; SQLite rolls back on close.
  }
}

bool SqliteConnection::in_transaction() {
  return sqlite3_get_autocommit(db_.getHandle()) == 0;
}

SqliteBackend::SqliteBackend(const std::string& path, int busy_timeout_ms)
    : lock_(lock_unless_in_memory(path)),
      db_(open_database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)),
      path_(path),
      busy_timeout_ms_(busy_timeout_ms) {
  db_->setBusyTimeout(busy_timeout_ms);
  // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes in
  // WAL mode and only risks the last commits on power loss.
  db_->exec("PRAGMA journal_mode=WAL");
  db_->exec("PRAGMA foreign_keys=ON");
  db_->exec("PRAGMA synchronous=NORMAL");
  migrate(*db_);
  // The journal of each request's savepoint within a commit group stays in memory: past 64 KiB
  // SQLite spilled it to a temporary file, one for every group (README, Benchmarks). Set after
  // the migrations, whose index builds may sort a whole table and should spill as before.
  db_->exec("PRAGMA temp_store=MEMORY");
  connection_ = std::make_unique<SqliteConnection>(*db_);
}

SqliteBackend::~SqliteBackend() {
  readers_.clear();
  connection_.reset();
  checkpointer_.reset();
}

Connection& SqliteBackend::acquire() {
  mutex_.lock();
  return *connection_;
}

Connection& SqliteBackend::acquire_reader() {
  if (in_memory(path_)) return acquire();
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      auto* reader = idle_readers_.back();
      idle_readers_.pop_back();
      return *reader;
    }
  }
  Reader reader;
  reader.db = open_database(path_, SQLite::OPEN_READONLY);
  reader.db->setBusyTimeout(busy_timeout_ms_);
  reader.connection = std::make_unique<SqliteConnection>(*reader.db);
  auto& connection = *reader.connection;
  std::lock_guard lock(readers_mutex_);
  readers_.push_back(std::move(reader));
  return connection;
}

void SqliteBackend::release(Connection& connection) noexcept {
  if (&connection == connection_.get()) {
    mutex_.unlock();
    return;
  }
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(static_cast<SqliteConnection*>(&connection));
}

int SqliteBackend::schema_version() {
  std::lock_guard lock(mutex_);
  return db_->execAndGet("PRAGMA user_version").getInt();
}

void SqliteBackend::checkpoint() {
  std::lock_guard lock(mutex_);
  db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void SqliteBackend::checkpoint_in_background(CheckpointOptions options) {
  std::lock_guard lock(mutex_);
  const std::string path = db_->getFilename();
  if (checkpointer_ || path.empty() || path == ":memory:") return;
  checkpointer_ = std::make_unique<Checkpointer>(path, options);
  checkpointer_->attach(db_->getHandle());
}

CheckpointStats SqliteBackend::checkpoint_stats() const {
  return checkpointer_ ? checkpointer_->stats() : CheckpointStats{};
}

}  // namespace accord::store
