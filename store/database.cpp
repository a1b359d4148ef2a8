#include "store/database.hpp"

#include <stdexcept>
#include <string_view>
#include <vector>

#include "store/postgresql_backend.hpp"
#include "store/sqlite_backend.hpp"

namespace accord::store {
namespace {

// The connection each thread holds, per database: a transaction's, or one a statement borrowed.
// Statements nested in one another share it.
struct Held {
  Database* database;
  Connection* connection;
  int users;
  bool group = false;  // held by a CommitGroup: its units of work are savepoints
};

void run(Connection& connection, std::string_view sql) {
  auto cursor = connection.take(sql);
  cursor->exec();
  connection.give_back(std::move(cursor));
}

// Gives back this thread's hold on `database` when it goes out of scope.
struct ReleaseAtExit {
  Database& database;
  ~ReleaseAtExit() { database.release_for_thread(); }
};

// A connection this thread has just taken for a unit of work or group: if its first use throws,
// it is given back before the error goes on.
template <class Begin>
void begin_or_release(Database& database, Begin begin) {
  try {
    begin();
  } catch (...) {
    database.release_for_thread();
    throw;
  }
}

constexpr std::string_view kSavepoint = "SAVEPOINT accord_unit";
constexpr std::string_view kRelease = "RELEASE accord_unit";
constexpr std::string_view kRollbackTo = "ROLLBACK TO accord_unit";
thread_local std::vector<Held> held_by_thread;

Held* find_held(const Database* database) {
  for (auto& held : held_by_thread) {
    if (held.database == database) return &held;
  }
  return nullptr;
}

}  // namespace

Database::Database(const std::string& path, int busy_timeout_ms) {
  if (is_postgresql_url(path)) {
    backend_ = std::make_unique<PostgresqlBackend>(path);
    return;
  }
  auto sqlite = std::make_unique<SqliteBackend>(path, busy_timeout_ms);
  sqlite_ = sqlite.get();
  backend_ = std::move(sqlite);
}

Database::~Database() = default;

int Database::schema_version() {
  return backend_->schema_version();
}

void Database::checkpoint() {
  // The writer is taken without regard to this thread's hold: inside a unit of work or a commit
  // group it would wait for itself.
  if (find_held(this) != nullptr) {
    throw std::logic_error("a checkpoint inside a unit of work, a commit group or a statement");
  }
  if (sqlite_) sqlite_->checkpoint();
}

void Database::checkpoint_in_background(CheckpointOptions options) {
  if (sqlite_) sqlite_->checkpoint_in_background(options);
}

CheckpointStats Database::checkpoint_stats() const {
  return sqlite_ ? sqlite_->checkpoint_stats() : CheckpointStats{};
}

SQLite::Database& Database::sqlite() {
  if (!sqlite_) throw std::logic_error("this database is not SQLite");
  return sqlite_->sql();
}

Connection& Database::connection_for_thread() {
  return hold_for_thread(false);
}

Connection& Database::reader_for_thread() {
  return hold_for_thread(true);
}

Connection& Database::hold_for_thread(bool reader) {
  if (auto* held = find_held(this)) {
    ++held->users;
    return *held->connection;
  }
  Connection& connection = reader ? backend_->acquire_reader() : backend_->acquire();
  try {
    held_by_thread.push_back({this, &connection, 1});
  } catch (...) {
    backend_->release(connection);
    throw;
  }
  return connection;
}

void Database::release_for_thread() noexcept {
  for (auto it = held_by_thread.begin(); it != held_by_thread.end(); ++it) {
    if (it->database != this) continue;
    if (--it->users == 0) {
      backend_->release(*it->connection);
      held_by_thread.erase(it);
    }
    return;
  }
}

void Database::set_grouped_on_thread(bool grouped) {
  find_held(this)->group = grouped;
}

Transaction::Transaction(Database& database, Scope scope)
    : database_(database),
      connection_(scope == Scope::read_only ? database.reader_for_thread()
                                            : database.connection_for_thread()) {
  const Held* held = find_held(&database);
  in_group_ = held->group;
  // The group's own hold is one user; a unit of work in it is the second.
  if (held->users > (in_group_ ? 2 : 1)) {
    database_.release_for_thread();
    throw std::logic_error("a transaction inside another, or inside a statement's lifetime");
  }
  begin_or_release(database_, [&] {
    if (in_group_) {
      // An error SQLite answers by rolling back (disk full, I/O) ended the group's transaction:
      // this unit fails rather than run, and commit, on its own.
      if (!connection_.in_transaction()) {
        throw std::runtime_error("the group of units of work this one belongs to was rolled back");
      }
      // Whatever its scope: the group holds the writer, and a read sees the group's work.
      run(connection_, kSavepoint);
    } else if (scope == Scope::one_project) {
      connection_.begin_for_one_project();
    } else if (scope == Scope::read_only) {
      connection_.begin_read_only();
    } else {
      connection_.begin();
    }
  });
}

void Transaction::lock_project(Database& database, std::int64_t project_id) {
  Connection& connection = database.connection_for_thread();
  const ReleaseAtExit release{database};
  connection.lock_project(project_id);
}

Transaction::~Transaction() {
  if (committed_) return;
  if (in_group_) {
    try {
      run(connection_, kRollbackTo);
      run(connection_, kRelease);
    } catch (...) {
      // The group's transaction is gone with it (SQLite rolled it back): its commit fails.
    }
  } else {
    connection_.rollback();
  }
  database_.release_for_thread();
}

// The connection is free for the next unit of work as soon as this one is committed.
void Transaction::commit() {
  if (in_group_) {
    run(connection_, kRelease);
  } else {
    connection_.commit();
  }
  committed_ = true;
  database_.release_for_thread();
}

CommitGroup::CommitGroup(Database& database)
    : database_(database), connection_(database.connection_for_thread()) {
  if (find_held(&database)->users > 1) {
    database_.release_for_thread();
    throw std::logic_error("a commit group inside a transaction or a statement's lifetime");
  }
  begin_or_release(database_, [&] { connection_.begin(); });
  database_.set_grouped_on_thread(true);
}

CommitGroup::~CommitGroup() {
  if (ended_) return;
  connection_.rollback();
  database_.set_grouped_on_thread(false);
  database_.release_for_thread();
}

void CommitGroup::commit() {
  ended_ = true;
  database_.set_grouped_on_thread(false);
  const ReleaseAtExit release{database_};
  if (!connection_.in_transaction()) {
    throw std::runtime_error("the group's transaction was rolled back: none of its work is kept");
  }
  try {
    connection_.commit();
  } catch (...) {
    connection_.rollback();
    throw;
  }
}

}  // namespace accord::store
