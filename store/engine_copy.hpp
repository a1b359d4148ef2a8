// Moving a deployment from SQLite to PostgreSQL (`accord copy-data`): every row of every Accord
// table, as it is, in one transaction on the destination, which must be empty.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace accord::store {

// The destination already holds data: copying into it would mix two deployments.
class DestinationNotEmpty : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CopiedTable {
  std::string table;
  std::int64_t rows = 0;
};

// Copies every row of `source` (SQLite) into `destination` (PostgreSQL, an empty Accord schema
// at the same version), parents before the rows that refer to them, and sets each identity
// column's sequence past the highest id copied, so new rows continue the numbering. All or
// nothing: on any error the destination is left as it was. Returns the tables in copy order.
std::vector<CopiedTable> copy_rows(Database& source, Database& destination);

}  // namespace accord::store
