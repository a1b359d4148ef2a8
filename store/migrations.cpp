#include "store/migrations.hpp"

#include <stdexcept>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include "store/migration_steps.hpp"

namespace accord::store {
namespace {

int user_version(SQLite::Database& db) {
  return db.execAndGet("PRAGMA user_version").getInt();
}

}  // namespace

int latest_schema_version() {
  return static_cast<int>(migration_steps().size());
}

int migrate(SQLite::Database& db, int target) {
  const int latest = latest_schema_version();
  if (target < 0) target = latest;
  if (target > latest) {
    throw std::invalid_argument("no schema version " + std::to_string(target));
  }
  const int found = user_version(db);
  if (found > latest) {
    throw std::runtime_error("the database has schema version " + std::to_string(found) +
                             ", newer than this build knows (" + std::to_string(latest) + ")");
  }
  for (int version = found + 1; version <= target; ++version) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    // Another process may have migrated while we waited for the write lock.
    if (user_version(db) >= version) continue;
    db.exec(migration_steps()[static_cast<std::size_t>(version - 1)]);
    // PRAGMA takes no bound parameters; the value is our own integer.
    db.exec("PRAGMA user_version = " + std::to_string(version));
    tx.commit();
  }
  return user_version(db);
}

}  // namespace accord::store
