// Per-project counters behind the short ids (O-1, T-7, ...). Internal to store/: repositories call
// it inside the caller's transaction, so a number is never handed out twice.
#pragma once

#include <cstdint>
#include <string_view>

namespace accord::store {

class Database;

// Returns the next number of `kind` in the project: 1, 2, ...
int next_number(Database& db, std::int64_t project_id, std::string_view kind);

}  // namespace accord::store
