// The SQL of every SQLite schema version, in order: step i takes a database from version i to
// version i + 1. migrations.cpp applies them; postgresql_schema.cpp mirrors each for PostgreSQL.
#pragma once

#include <span>

namespace accord::store {

std::span<const char* const> migration_steps();

}  // namespace accord::store
