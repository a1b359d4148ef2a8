#include "store/database.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/migrations.hpp"
#include "store/statement.hpp"

namespace accord::store {

namespace {

std::optional<DatabaseLock> lock_unless_in_memory(const std::string& path) {
  if (path.empty() || path == ":memory:") return std::nullopt;
  return DatabaseLock::shared(path);
}

// Idle copies kept per statement: more than the deepest nesting of one query in practice.
constexpr std::size_t kIdleCopies = 4;

}  // namespace

Database::Database(const std::string& path, int busy_timeout_ms)
    : lock_(lock_unless_in_memory(path)),
      db_(std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)) {
  db_->setBusyTimeout(busy_timeout_ms);
  // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes in
  // WAL mode and only risks the last commits on power loss.
  db_->exec("PRAGMA journal_mode=WAL");
  db_->exec("PRAGMA foreign_keys=ON");
  db_->exec("PRAGMA synchronous=NORMAL");
  migrate(*db_);
}

Database::~Database() = default;

int Database::schema_version() {
  return db_->execAndGet("PRAGMA user_version").getInt();
}

void Database::checkpoint() {
  std::lock_guard lock(mutex_);
  db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void Database::checkpoint_in_background(CheckpointOptions options) {
  std::lock_guard lock(mutex_);
  const std::string path = db_->getFilename();
  if (checkpointer_ || path.empty() || path == ":memory:") return;
  checkpointer_ = std::make_unique<Checkpointer>(path, options);
  checkpointer_->attach(db_->getHandle());
}

CheckpointStats Database::checkpoint_stats() const {
  return checkpointer_ ? checkpointer_->stats() : CheckpointStats{};
}

std::unique_ptr<SQLite::Statement> Database::take_statement(std::string_view sql) {
  {
    std::lock_guard lock(statements_mutex_);
    const auto found = idle_statements_.find(sql);
    if (found != idle_statements_.end() && !found->second.empty()) {
      auto statement = std::move(found->second.back());
      found->second.pop_back();
      return statement;
    }
  }
  return std::make_unique<SQLite::Statement>(*db_, std::string(sql));
}

void Database::return_statement(std::unique_ptr<SQLite::Statement> statement) noexcept {
  try {
    statement->tryReset();
    statement->clearBindings();
    std::lock_guard lock(statements_mutex_);
    auto& idle = idle_statements_[statement->getQuery()];
    if (idle.size() < kIdleCopies) idle.push_back(std::move(statement));
  } catch (...) {
    // Out of memory or a failed clear: the statement is finalized instead of kept.
  }
}

// BEGIN, COMMIT and ROLLBACK are cached statements too; the rollback in the destructor runs
// while the connection is still held.
Transaction::Transaction(Database& database) : database_(database), lock_(database.mutex()) {
  Statement(database_, "BEGIN IMMEDIATE").exec();
}

Transaction::~Transaction() {
  if (committed_) return;
  try {
    Statement(database_, "ROLLBACK").exec();
  } catch (...) {
    // Nothing to undo (BEGIN failed) or the connection is gone; SQLite rolls back on close.
  }
}

void Transaction::commit() {
  Statement(database_, "COMMIT").exec();
  committed_ = true;
}

Statement::Statement(Database& database, std::string_view sql)
    : database_(database), statement_(database.take_statement(sql)) {}

Statement::~Statement() {
  database_.return_statement(std::move(statement_));
}

}  // namespace accord::store
