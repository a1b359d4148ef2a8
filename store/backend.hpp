// The seam between the repositories and a database engine. A backend (SQLite, PostgreSQL) hands
// out connections; a connection prepares cursors, keeps them for reuse, and runs one unit of work
// at a time. Repositories never see these types: they use store::Statement inside a
// store::Transaction, and the Database picks the connection (see database.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace accord::store {

enum class Engine { sqlite, postgresql };

// What a column of the current row holds, as the engine reports it.
enum class ColumnType { null, integer, real, text, blob };

// One prepared statement on one connection. Parameters are numbered from 1 and columns from 0,
// as in SQLite; a NULL column reads as 0 or "".
class Cursor {
 public:
  explicit Cursor(std::string sql) : sql_(std::move(sql)) {}
  virtual ~Cursor() = default;
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  const std::string& sql() const { return sql_; }

  virtual void bind_null(int index) = 0;
  virtual void bind_integer(int index, std::int64_t value) = 0;
  virtual void bind_real(int index, double value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;

  // The next row; false when there is none. The first call runs the statement.
  virtual bool step() = 0;
  // Runs a statement that returns no rows; the number of rows it changed.
  virtual int exec() = 0;

  virtual int column_count() = 0;
  virtual std::string column_name(int index) = 0;
  virtual ColumnType column_type(int index) = 0;
  virtual std::int64_t column_integer(int index) = 0;
  virtual double column_real(int index) = 0;
  virtual std::string column_text(int index) = 0;
  virtual std::string column_blob(int index) = 0;

  // Ready to run again with the same bindings.
  virtual void reset() = 0;
  // Ready for the next lease: reset, bindings forgotten. Must not throw.
  virtual void clear() noexcept = 0;

 private:
  std::string sql_;
};

// One session with the engine. Preparing SQL costs about as much as running it, so a connection
// keeps its cursors: take() hands out an idle one (or prepares a new one: the same SQL may be
// used twice at once by a nested query) and give_back() keeps it for the next statement.
class Connection {
 public:
  Connection() = default;
  virtual ~Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  std::unique_ptr<Cursor> take(std::string_view sql);
  void give_back(std::unique_ptr<Cursor> cursor) noexcept;

  // The unit of work on this connection. begin() may throw; rollback() must not.
  virtual void begin() = 0;
  // A unit of work that will keep to one project (lock_project): it excludes only units of work
  // of that project, and those that begin() for the whole database. SQLite has one writer
  // anyway: the same as begin().
  virtual void begin_for_one_project() { begin(); }
  // A unit of work that only reads: it waits for no writer and no writer waits for it (SQLite:
  // a reader connection of its own, BEGIN DEFERRED, in WAL mode; PostgreSQL: READ ONLY, no lock).
  virtual void begin_read_only() { begin(); }
  virtual void lock_project(std::int64_t project_id) { (void)project_id; }
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  // Whether a transaction is open (SQLite ends one itself on some errors).
  virtual bool in_transaction() { return true; }

 protected:
  virtual std::unique_ptr<Cursor> prepare(std::string_view sql) = 0;
  // Cursors must be destroyed before the engine's connection closes.
  void forget_cursors() noexcept;

 private:
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const noexcept {
      return std::hash<std::string_view>{}(sql);
    }
  };
  std::mutex idle_mutex_;
  std::unordered_map<std::string, std::vector<std::unique_ptr<Cursor>>, SqlHash, std::equal_to<>>
      idle_;
};

// Waits for a named signal other processes on the database send when they commit work for this
// one (PostgreSQL's LISTEN/NOTIFY): replicas wake each other rather than only polling.
class Notifications {
 public:
  Notifications() = default;
  virtual ~Notifications() = default;
  Notifications(const Notifications&) = delete;
  Notifications& operator=(const Notifications&) = delete;
  // True when a signal came (all that came so far are consumed), false after `timeout` without
  // one. A lost connection is re-established; since a signal may have been missed meanwhile,
  // that also counts as one.
  virtual bool wait(std::chrono::milliseconds timeout) = 0;
};

// An engine's connections. acquire() blocks until a connection is free: the one writer of an
// SQLite file, or one of a pool for PostgreSQL.
class Backend {
 public:
  Backend() = default;
  virtual ~Backend() = default;
  Backend(const Backend&) = delete;
  Backend& operator=(const Backend&) = delete;

  virtual Engine engine() const = 0;
  virtual Connection& acquire() = 0;
  // A connection for a read-only unit of work; where the engine has none apart, acquire()'s.
  virtual Connection& acquire_reader() { return acquire(); }
  // Gives back a connection from either.
  virtual void release(Connection& connection) noexcept = 0;
  virtual int schema_version() = 0;
  // Signals on `channel` (see Notifications), or nullptr where the engine has none: one SQLite
  // file has one server, which wakes its own workers.
  virtual std::unique_ptr<Notifications> listen(const std::string& channel) {
    (void)channel;
    return nullptr;
  }
};

}  // namespace accord::store
