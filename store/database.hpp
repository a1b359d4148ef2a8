// The database: SQLite by default, behind the backend seam (backend.hpp). All access goes through
// a Transaction, which holds one connection for this thread until it ends; a Statement made
// outside one borrows a connection for as long as it lives.
#pragma once

#include <memory>
#include <string>

#include "store/backend.hpp"
#include "store/checkpointer.hpp"

namespace SQLite {
class Database;
}  // namespace SQLite

namespace accord::store {

class SqliteBackend;

class Database {
 public:
  // Opens (creating if needed) the SQLite file at `path` (":memory:" for a private one) and
  // migrates it to the latest schema. Throws on failure, and while `accord restore` is
  // replacing the file (see database_lock.hpp). A postgresql:// URL opens PostgreSQL instead
  // (postgresql_backend.hpp).
  explicit Database(const std::string& path, int busy_timeout_ms = 5000);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Engine engine() const { return backend_->engine(); }
  // Signals other processes send on `channel` when they commit (backend.hpp); nullptr on SQLite.
  std::unique_ptr<Notifications> listen(const std::string& channel) {
    return backend_->listen(channel);
  }
  int schema_version();
  // Flushes the WAL into the main file; called on graceful shutdown. SQLite only (else nothing).
  void checkpoint();
  // From now on WAL checkpoints run on a thread of their own rather than inside the commit that
  // crosses SQLite's threshold (see checkpointer.hpp). For the long-running server; a database
  // in memory has no WAL and is left as it is.
  void checkpoint_in_background(CheckpointOptions options = {});
  CheckpointStats checkpoint_stats() const;

  // SQLite's own connection, for what only SQLite has (online backup). Throws on another engine.
  // Hold the connection (a Transaction, or Connection lease below) while using it.
  SQLite::Database& sqlite();

  // For Statement and Transaction: the connection this thread works on (its transaction's, or
  // one borrowed until the matching release_for_thread()).
  Connection& connection_for_thread();
  // The same, but a reader connection when the thread holds none yet (Scope::read_only).
  Connection& reader_for_thread();
  void release_for_thread() noexcept;

 private:
  friend class Transaction;
  friend class CommitGroup;
  Connection& hold_for_thread(bool reader);
  // Marks this thread's hold as a CommitGroup's (its units of work become savepoints).
  void set_grouped_on_thread(bool grouped);
  std::unique_ptr<Backend> backend_;
  SqliteBackend* sqlite_ = nullptr;  // backend_, when it is SQLite
};

// This thread holds the database's connection, outside any transaction, for as long as this
// lives: for work on SQLite's own connection (Database::sqlite()).
class ConnectionHold {
 public:
  explicit ConnectionHold(Database& database) : database_(database) {
    database.connection_for_thread();
  }
  ~ConnectionHold() { database_.release_for_thread(); }
  ConnectionHold(const ConnectionHold&) = delete;
  ConnectionHold& operator=(const ConnectionHold&) = delete;

 private:
  Database& database_;
};

// What a unit of work may touch, and so whom it must exclude. On PostgreSQL a unit for the whole
// database runs alone; units for one project each run beside those of other projects.
// A read-only unit of work (Scope::read_only) waits for neither; it must not write.
enum class Scope { whole_database, one_project, read_only };

// One unit of work: holds a connection for this thread, begins on construction, and ends with
// commit() or, without one, is rolled back by the destructor. Repositories are used inside one;
// never nest them. Inside a CommitGroup on this thread it is a savepoint of the group's
// transaction: commit() keeps its work for the group's commit, rollback undoes only its own.
class Transaction {
 public:
  explicit Transaction(Database& database, Scope scope = Scope::whole_database);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();
  // In a Scope::one_project unit of work, before anything of the project is read to be written:
  // waits for the project's other units of work. `0` stands for "no project yet" (setup, link).
  static void lock_project(Database& database, std::int64_t project_id);

 private:
  Database& database_;
  Connection& connection_;
  bool in_group_ = false;
  bool committed_ = false;
};

// Group commit: the units of work this thread runs while it lives share one transaction of the
// writing connection and reach the disk in one commit (one set of WAL frames, one round of file
// locks), rather than one each. Whoever answers for those units must wait for commit(): until
// it returns, nothing of theirs is durable, and if it throws, none of it happened. For the one
// thread that runs the server's handlers on SQLite (bot/serve). Holds the writer while it lives.
class CommitGroup {
 public:
  explicit CommitGroup(Database& database);
  ~CommitGroup();
  CommitGroup(const CommitGroup&) = delete;
  CommitGroup& operator=(const CommitGroup&) = delete;

  void commit();

 private:
  Database& database_;
  Connection& connection_;
  bool ended_ = false;
};

}  // namespace accord::store
