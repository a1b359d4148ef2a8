#include "store/sequences.hpp"

#include <string>

#include "store/statement.hpp"

namespace accord::store {

int next_number(Database& db, std::int64_t project_id, std::string_view kind) {
  Statement next(db,
                 "INSERT INTO sequences (project_id, kind, last) VALUES (?, ?, 1) "
                 "ON CONFLICT (project_id, kind) DO UPDATE SET last = sequences.last + 1 "
                 "RETURNING last");
  next.bind(1, project_id);
  next.bind(2, std::string(kind));
  next.executeStep();
  return next.getColumn(0).getInt();
}

}  // namespace accord::store
