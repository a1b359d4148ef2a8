// The SQLite database: opened in WAL mode with foreign keys and a busy timeout, migrated on open.
// All access goes through a Transaction, which also serialises threads on the one connection.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/checkpointer.hpp"
#include "store/database_lock.hpp"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace accord::store {

class Database {
 public:
  // Opens (creating if needed) and migrates to the latest schema. Throws on failure, and while
  // `accord restore` is replacing the file (see database_lock.hpp).
  explicit Database(const std::string& path, int busy_timeout_ms = 5000);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  int schema_version();
  // Flushes the WAL into the main file; called on graceful shutdown.
  void checkpoint();
  // From now on WAL checkpoints run on a thread of their own rather than inside the commit that
  // crosses SQLite's threshold (see checkpointer.hpp). For the long-running server; a database
  // in memory has no WAL and is left as it is.
  void checkpoint_in_background(CheckpointOptions options = {});
  CheckpointStats checkpoint_stats() const;

  // For repositories inside store/ only.
  SQLite::Database& sql() { return *db_; }
  std::mutex& mutex() { return mutex_; }

 private:
  friend class Statement;
  // The statement cache behind store::Statement: a prepared statement for `sql`, idle or new,
  // and its return once reset.
  std::unique_ptr<SQLite::Statement> take_statement(std::string_view sql);
  void return_statement(std::unique_ptr<SQLite::Statement> statement) noexcept;

  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const noexcept {
      return std::hash<std::string_view>{}(sql);
    }
  };

  std::optional<DatabaseLock> lock_;  // declared first: released after the connection closes
  std::unique_ptr<SQLite::Database> db_;
  std::mutex mutex_;
  // Declared after db_: stopped, and its hook removed, before the connection closes.
  std::unique_ptr<Checkpointer> checkpointer_;
  // Declared after db_: finalized before the connection closes.
  std::mutex statements_mutex_;
  std::unordered_map<std::string, std::vector<std::unique_ptr<SQLite::Statement>>, SqlHash,
                     std::equal_to<>>
      idle_statements_;
};

// One unit of work: holds the connection for this thread, BEGIN IMMEDIATE on construction,
// rolled back by the destructor unless commit() was called. Repositories are used inside one.
class Transaction {
 public:
  explicit Transaction(Database& database);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  Database& database_;
  std::unique_lock<std::mutex> lock_;
  bool committed_ = false;
};

}  // namespace accord::store
