// SQLite behind the backend seam: one file, one writing connection shared by every thread in
// turn (acquire() waits for it), WAL mode with foreign keys, migrated on open. The file is locked
// against `accord restore` for as long as it is open (database_lock.hpp).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/backend.hpp"
#include "store/checkpointer.hpp"
#include "store/database_lock.hpp"
#include "store/fair_mutex.hpp"

namespace SQLite {
class Database;
}  // namespace SQLite

namespace accord::store {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(SQLite::Database& db) : db_(db) {}
  ~SqliteConnection() override;

  void begin() override;
  void begin_read_only() override;
  void commit() override;
  void rollback() noexcept override;
  bool in_transaction() override;

 protected:
  std::unique_ptr<Cursor> prepare(std::string_view sql) override;

 private:
  SQLite::Database& db_;
};

class SqliteBackend final : public Backend {
 public:
  // Opens (creating if needed) the file at `path` (or ":memory:") and migrates it.
  SqliteBackend(const std::string& path, int busy_timeout_ms);
  ~SqliteBackend() override;

  Engine engine() const override { return Engine::sqlite; }
  Connection& acquire() override;
  // A read-only connection of its own (opened on first need, kept for the next reader); the
  // writing connection for a database in memory, which no other connection can see.
  Connection& acquire_reader() override;
  void release(Connection& connection) noexcept override;
  int schema_version() override;

  SQLite::Database& sql() { return *db_; }
  void checkpoint();
  void checkpoint_in_background(CheckpointOptions options);
  CheckpointStats checkpoint_stats() const;

 private:
  std::optional<DatabaseLock> lock_;  // declared first: released after the connection closes
  std::unique_ptr<SQLite::Database> db_;
  FairMutex mutex_;  // the writer's: in turns, first come first served
  // Declared after db_: stopped, and its hook removed, before the connection closes.
  std::unique_ptr<Checkpointer> checkpointer_;
  // Declared after db_: its cursors are finalized before the connection closes.
  std::unique_ptr<SqliteConnection> connection_;

  const std::string path_;
  const int busy_timeout_ms_;
  struct Reader {
    std::unique_ptr<SQLite::Database> db;
    std::unique_ptr<SqliteConnection> connection;  // declared after db: closed first
  };
  std::mutex readers_mutex_;
  std::vector<Reader> readers_;
  std::vector<SqliteConnection*> idle_readers_;
};

}  // namespace accord::store
