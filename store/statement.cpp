#include "store/statement.hpp"

#include <stdexcept>

#include "store/database.hpp"

namespace accord::store {

Statement::Statement(Database& database, std::string_view sql)
    : database_(database), connection_(database.connection_for_thread()) {
  try {
    cursor_ = connection_.take(sql);
  } catch (...) {
    database_.release_for_thread();
    throw;
  }
}

Statement::~Statement() {
  connection_.give_back(std::move(cursor_));
  database_.release_for_thread();
}

std::optional<std::int64_t> Statement::insert_id() {
  if (!cursor_->step()) return std::nullopt;
  const std::int64_t id = cursor_->column_integer(0);
  while (cursor_->step()) {
  }
  return id;
}

std::int64_t Statement::inserted_id() {
  const auto id = insert_id();
  if (!id) throw std::logic_error("an INSERT that inserted nothing: " + cursor_->sql());
  return *id;
}

}  // namespace accord::store
