// SQLite behind the backend seam: one file, one writing connection shared by every thread in
// turn (acquire() waits for it), WAL mode with foreign keys, migrated on open. The file is locked
// against `accord restore` for as long as it is open (database_lock.hpp).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "store/backend.hpp"
#include "store/checkpointer.hpp"
#include "store/database_lock.hpp"

namespace SQLite {
class Database;
}  // namespace SQLite

namespace accord::store {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(SQLite::Database& db) : db_(db) {}
  ~SqliteConnection() override;

  void begin() override;
  void commit() override;
  void rollback() noexcept override;

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
  void release(Connection& connection) noexcept override;
  int schema_version() override;

  SQLite::Database& sql() { return *db_; }
  void checkpoint();
  void checkpoint_in_background(CheckpointOptions options);
  CheckpointStats checkpoint_stats() const;

 private:
  std::optional<DatabaseLock> lock_;  // declared first: released after the connection closes
  std::unique_ptr<SQLite::Database> db_;
  std::mutex mutex_;
  // Declared after db_: stopped, and its hook removed, before the connection closes.
  std::unique_ptr<Checkpointer> checkpointer_;
  // Declared after db_: its cursors are finalized before the connection closes.
  std::unique_ptr<SqliteConnection> connection_;
};

}  // namespace accord::store
