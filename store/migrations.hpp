// Versioned schema migrations, applied in order at start; each runs in its own transaction and
// bumps PRAGMA user_version, so running them again is a no-op.
#pragma once

namespace SQLite {
class Database;
}

namespace accord::store {

int latest_schema_version();

// Applies the migrations above the database's current version (or up to `target`, for tests).
// Returns the resulting version.
int migrate(SQLite::Database& db, int target = -1);

}  // namespace accord::store
