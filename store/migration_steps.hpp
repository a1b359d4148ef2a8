// The SQL of every SQLite schema version, in order: step i takes a database from version i to
// version i + 1. migrations.cpp applies them; PostgreSQL mirrors each (postgresql_migrations.cpp).
#pragma once

#include <span>

namespace accord::store {

std::span<const char* const> migration_steps();
// Steps 16 on (migration_steps_from_16.cpp): element 0 takes version 15 to 16.
std::span<const char* const> migration_steps_from_16();

}  // namespace accord::store
