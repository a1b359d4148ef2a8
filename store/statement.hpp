// A prepared statement borrowed from its connection's cache. Parsing and planning SQL was about a
// third of a request's CPU when every call site prepared its statement anew, so a statement is
// prepared once per connection and reused: the lease resets it and clears its bindings when it
// goes out of scope. The same SQL may be leased twice at once (a nested query); the second lease
// prepares a copy. Methods keep SQLiteCpp's names so a lease reads like a SQLite::Statement.
#pragma once

#include <memory>
#include <string_view>
#include <utility>

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

namespace accord::store {

class Database;

class Statement {
 public:
  Statement(Database& database, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  template <typename... Args>
  void bind(Args&&... args) {
    statement_->bind(std::forward<Args>(args)...);
  }
  bool executeStep() { return statement_->executeStep(); }
  // Runs a statement that returns no rows; the number of rows it changed.
  int exec() { return statement_->exec(); }
  SQLite::Column getColumn(int index) { return statement_->getColumn(index); }
  int getColumnCount() const { return statement_->getColumnCount(); }
  // Starts the statement over, keeping its bindings.
  void reset() { statement_->reset(); }

 private:
  Database& database_;
  std::unique_ptr<SQLite::Statement> statement_;
};

}  // namespace accord::store
