// The whole schema for PostgreSQL, as SQLite's migrations leave it at version 18. A PostgreSQL
// database starts at that version in one step instead of replaying SQLite's history; a later
// migration is added to both backends.
#pragma once

#include <string_view>

namespace accord::store {

// The SQLite schema version the DDL below matches; it also ends up in its schema_version table.
constexpr int kPostgresqlSchemaVersion = 18;

// DDL for an empty schema, to run once inside one transaction.
std::string_view postgresql_schema();

}  // namespace accord::store
