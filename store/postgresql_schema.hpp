// The schema for PostgreSQL. A new database starts from the whole schema as SQLite's migrations
// left it at version 18, in one step instead of replaying SQLite's history; each later version is
// a migration of its own (postgresql_migrations.cpp), as in SQLite's steps, so a database made by
// an older build is brought up to date.
#pragma once

#include <span>
#include <string_view>

namespace accord::store {

// The version postgresql_schema() creates (it also writes it into its schema_version table).
constexpr int kPostgresqlBaseVersion = 18;
// The version the migrations below reach: the same as SQLite's latest_schema_version().
constexpr int kPostgresqlSchemaVersion = 28;

// DDL for an empty schema, to run once inside one transaction.
std::string_view postgresql_schema();

// Migration i takes the schema from version kPostgresqlBaseVersion + i to the next.
std::span<const std::string_view> postgresql_migrations();

}  // namespace accord::store
