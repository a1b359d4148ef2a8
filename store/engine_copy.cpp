#include "store/engine_copy.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "store/statement.hpp"

namespace accord::store {
namespace {

std::vector<std::string> strings(Database& db, const std::string& sql) {
  Statement query(db, sql);
  std::vector<std::string> values;
  while (query.executeStep()) values.push_back(query.getColumn(0).getString());
  return values;
}

// Names come from the databases' own catalogues; quoted all the same.
std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (const char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The destination's tables, each after the tables its foreign keys refer to.
std::vector<std::string> tables_in_dependency_order(Database& destination) {
  const auto tables = strings(destination,
                              "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n "
                              "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                              "AND c.relkind = 'r' AND c.relname <> 'schema_version' "
                              "ORDER BY c.relname");
  std::map<std::string, std::set<std::string>> parents;
  Statement keys(destination,
                 "SELECT child.relname::text, parent.relname::text FROM pg_constraint k "
                 "JOIN pg_class child ON child.oid = k.conrelid "
                 "JOIN pg_class parent ON parent.oid = k.confrelid "
                 "JOIN pg_namespace n ON n.oid = child.relnamespace "
                 "WHERE k.contype = 'f' AND n.nspname = current_schema()");
  while (keys.executeStep()) {
    const auto child = keys.getColumn(0).getString();
    const auto parent = keys.getColumn(1).getString();
    if (child != parent) parents[child].insert(parent);
  }
  std::vector<std::string> ordered;
  std::set<std::string> placed;
  while (ordered.size() < tables.size()) {
    bool progress = false;
    for (const auto& table : tables) {
      if (placed.count(table) != 0) continue;
      const auto& needs = parents[table];
      if (std::all_of(needs.begin(), needs.end(),
                      [&](const std::string& p) { return placed.count(p) != 0; })) {
        ordered.push_back(table);
        placed.insert(table);
        progress = true;
      }
    }
    if (!progress) throw std::runtime_error("the PostgreSQL schema's foreign keys form a cycle");
  }
  return ordered;
}

std::int64_t copy_table(Database& source, Database& destination, const std::string& table) {
  const auto columns = strings(source, "SELECT name FROM pragma_table_info('" + table + "')");
  const bool has_id = std::find(columns.begin(), columns.end(), "id") != columns.end();
  // Bytes in PostgreSQL (bytea) that SQLite may hold as text (an export written before its
  // column held bytes): bound as bytes, never read as bytea's escape syntax.
  std::set<std::string> bytes;
  if (destination.engine() == Engine::postgresql) {
    for (auto& name : strings(destination,
                              "SELECT column_name FROM information_schema.columns "
                              "WHERE table_schema = current_schema() AND table_name = '" +
                                  table + "' AND data_type = 'bytea'")) {
      bytes.insert(std::move(name));
    }
  }
  std::vector<bool> is_bytes(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) is_bytes[i] = bytes.count(columns[i]) != 0;
  std::string names;
  std::string placeholders;
  for (const auto& column : columns) {
    names += (names.empty() ? "" : ", ") + quoted(column);
    placeholders += placeholders.empty() ? "?" : ", ?";
  }
  // By id where there is one: a row that refers to another of its table (a subtask to its task)
  // comes after it.
  Statement rows(source,
                 "SELECT " + names + " FROM " + quoted(table) + (has_id ? " ORDER BY id" : ""));
  Statement insert(destination, "INSERT INTO " + quoted(table) + " (" + names + ") VALUES (" +
                                    placeholders + ")");
  std::int64_t copied = 0;
  while (rows.executeStep()) {
    for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
      const auto column = rows.getColumn(i);
      switch (column.type()) {
        case ColumnType::null:
          insert.bind(i + 1);
          break;
        case ColumnType::integer:
          insert.bind(i + 1, column.getInt64());
          break;
        case ColumnType::real:
          insert.bind(i + 1, column.getDouble());
          break;
        case ColumnType::text:
          if (is_bytes[static_cast<std::size_t>(i)]) {
            insert.bind_blob(i + 1, column.getBlob());
          } else {
            insert.bind(i + 1, column.getString());
          }
          break;
        case ColumnType::blob:
          insert.bind_blob(i + 1, column.getBlob());
          break;
      }
    }
    insert.exec();
    insert.reset();
    ++copied;
  }
  return copied;
}

}  // namespace

std::vector<CopiedTable> copy_rows(Database& source, Database& destination) {
  if (source.engine() != Engine::sqlite || destination.engine() != Engine::postgresql) {
    throw std::invalid_argument("copy_rows copies from SQLite to PostgreSQL");
  }
  if (source.schema_version() != destination.schema_version()) {
    throw std::runtime_error("the databases are at different schema versions (" +
                             std::to_string(source.schema_version()) + " and " +
                             std::to_string(destination.schema_version()) + ")");
  }
  Transaction read(source);
  Transaction write(destination);
  const auto tables = tables_in_dependency_order(destination);
  const auto source_tables = strings(
      source, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  for (const auto& table : source_tables) {
    if (std::find(tables.begin(), tables.end(), table) == tables.end()) {
      throw std::runtime_error("table " + table + " has no counterpart in PostgreSQL");
    }
  }
  for (const auto& table : tables) {
    Statement any(destination, "SELECT 1 FROM " + quoted(table) + " LIMIT 1");
    if (any.executeStep()) {
      throw DestinationNotEmpty("the PostgreSQL database already holds data (table " + table +
                                " has rows)");
    }
  }
  std::vector<CopiedTable> copied;
  copied.reserve(tables.size());
  for (const auto& table : tables)
    copied.push_back({table, copy_table(source, destination, table)});

  // Identity columns continue after the highest id copied, not from 1.
  Statement identities(destination,
                       "SELECT table_name::text, column_name::text FROM information_schema.columns "
                       "WHERE table_schema = current_schema() AND is_identity = 'YES'");
  std::vector<std::pair<std::string, std::string>> found;
  while (identities.executeStep()) {
    found.emplace_back(identities.getColumn(0).getString(), identities.getColumn(1).getString());
  }
  for (const auto& [table, column] : found) {
    Statement advance(destination,
                      "SELECT setval(pg_get_serial_sequence(?, ?), (SELECT "
                      "COALESCE(MAX(" +
                          quoted(column) + "), 0) + 1 FROM " + quoted(table) + "), false)");
    advance.bind(1, table);
    advance.bind(2, column);
    advance.executeStep();
  }
  write.commit();
  return copied;
}

}  // namespace accord::store
