// A prepared statement borrowed from its connection's cache (backend.hpp): the connection of this
// thread's transaction, or one borrowed for the statement's lifetime. Parsing and planning SQL
// was about a third of a request's CPU when every call site prepared its statement anew; the
// lease returns the statement, reset and with its bindings cleared, when it goes out of scope.
// Methods keep SQLiteCpp's names, which the repositories were written with. Parameters are `?`,
// numbered from 1; columns from 0.
#pragma once

#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "store/backend.hpp"

namespace accord::store {

class Database;

// A column of the statement's current row. NULL reads as 0 or "".
class Column {
 public:
  Column(Cursor& cursor, int index) : cursor_(cursor), index_(index) {}

  bool isNull() const { return cursor_.column_type(index_) == ColumnType::null; }
  ColumnType type() const { return cursor_.column_type(index_); }
  std::string name() const { return cursor_.column_name(index_); }
  std::int64_t getInt64() const { return cursor_.column_integer(index_); }
  int getInt() const { return static_cast<int>(cursor_.column_integer(index_)); }
  double getDouble() const { return cursor_.column_real(index_); }
  std::string getString() const { return cursor_.column_text(index_); }
  std::string getBlob() const { return cursor_.column_blob(index_); }

 private:
  Cursor& cursor_;
  int index_;
};

class Statement {
 public:
  Statement(Database& database, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int index) { cursor_->bind_null(index); }  // NULL
  void bind(int index, std::nullptr_t) { cursor_->bind_null(index); }
  template <typename T>
  requires std::integral<T>
  void bind(int index, T value) { cursor_->bind_integer(index, static_cast<std::int64_t>(value)); }
  template <typename T>
  requires std::floating_point<T>
  void bind(int index, T value) { cursor_->bind_real(index, static_cast<double>(value)); }
  void bind(int index, std::string_view text) { cursor_->bind_text(index, text); }
  void bind(int index, const std::string& text) { cursor_->bind_text(index, text); }
  void bind(int index, const char* text) { cursor_->bind_text(index, text); }
  template <typename T>
  void bind(int index, const std::optional<T>& value) {
    if (value) {
      bind(index, *value);
    } else {
      bind(index);
    }
  }
  void bind_blob(int index, std::string_view bytes) { cursor_->bind_blob(index, bytes); }

  bool executeStep() { return cursor_->step(); }
  // Runs a statement that returns no rows; the number of rows it changed.
  int exec() { return cursor_->exec(); }
  // Runs an INSERT … RETURNING id: the new row's id, or nothing when no row was inserted (ON
  // CONFLICT DO NOTHING, or an INSERT … SELECT that selected nothing).
  std::optional<std::int64_t> insert_id();
  // The same for an INSERT that always inserts (else it throws).
  std::int64_t inserted_id();
  Column getColumn(int index) { return {*cursor_, index}; }
  int getColumnCount() { return cursor_->column_count(); }
  // Starts the statement over, keeping its bindings.
  void reset() { cursor_->reset(); }

 private:
  Database& database_;
  Connection& connection_;
  std::unique_ptr<Cursor> cursor_;
};

}  // namespace accord::store
