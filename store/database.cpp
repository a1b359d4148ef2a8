#include "store/database.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include "store/migrations.hpp"

namespace accord::store {

namespace {

std::optional<DatabaseLock> lock_unless_in_memory(const std::string& path) {
  if (path.empty() || path == ":memory:") return std::nullopt;
  return DatabaseLock::shared(path);
}

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

Transaction::Transaction(Database& database)
    : lock_(database.mutex()),
      tx_(std::make_unique<SQLite::Transaction>(database.sql(),
                                                SQLite::TransactionBehavior::IMMEDIATE)) {}

// tx_ is declared after lock_, so it rolls back before the connection is released.
Transaction::~Transaction() = default;

void Transaction::commit() {
  tx_->commit();
}

}  // namespace accord::store
