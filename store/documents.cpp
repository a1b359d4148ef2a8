#include "store/documents.hpp"

#include <sstream>

#include "store/sequences.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kSelectDocument =
    "SELECT id, project_id, number, title, url, audience, where_to_test, added_by, added_at "
    "FROM documents ";

// Stored as role names separated by commas: "customer,pm".
std::string audience_text(const std::vector<Role>& audience) {
  std::string text;
  for (const auto role : audience) text += (text.empty() ? "" : ",") + std::string(to_string(role));
  return text;
}

std::vector<Role> audience_of(const std::string& text) {
  std::vector<Role> roles;
  std::stringstream list(text);
  std::string name;
  while (std::getline(list, name, ',')) {
    if (const auto role = parse_role(name)) roles.push_back(*role);
  }
  return roles;
}

Document read_document(Statement& row) {
  Document document;
  document.id = row.getColumn(0).getInt64();
  document.project_id = row.getColumn(1).getInt64();
  document.number = row.getColumn(2).getInt();
  document.title = row.getColumn(3).getString();
  document.url = row.getColumn(4).getString();
  document.audience = audience_of(row.getColumn(5).getString());
  document.where_to_test = row.getColumn(6).getInt() != 0;
  document.added_by = row.getColumn(7).getString();
  document.added_at = from_millis(row.getColumn(8).getInt64());
  return document;
}

std::vector<Document> read_documents(Statement& query) {
  std::vector<Document> documents;
  while (query.executeStep()) documents.push_back(read_document(query));
  return documents;
}

}  // namespace

Document Documents::add(const Document& document) {
  Document stored = document;
  stored.number = next_number(db_, document.project_id, "document");
  if (stored.where_to_test) {
    Statement unmark(db_, "UPDATE documents SET where_to_test = 0 WHERE project_id = ?");
    unmark.bind(1, stored.project_id);
    unmark.exec();
  }
  Statement insert(db_,
                   "INSERT INTO documents (project_id, number, title, url, audience, "
                   "where_to_test, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                   "RETURNING id");
  insert.bind(1, stored.project_id);
  insert.bind(2, stored.number);
  insert.bind(3, stored.title);
  insert.bind(4, stored.url);
  insert.bind(5, audience_text(stored.audience));
  insert.bind(6, stored.where_to_test ? 1 : 0);
  insert.bind(7, stored.added_by);
  insert.bind(8, to_millis(stored.added_at));
  stored.id = insert.inserted_id();
  return stored;
}

std::optional<Document> Documents::find(std::int64_t project_id, int number) {
  Statement query(db_, std::string(kSelectDocument) + "WHERE project_id = ? AND number = ?");
  query.bind(1, project_id);
  query.bind(2, number);
  if (!query.executeStep()) return std::nullopt;
  return read_document(query);
}

std::vector<Document> Documents::list(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectDocument) + "WHERE project_id = ? ORDER BY number");
  query.bind(1, project_id);
  return read_documents(query);
}

std::optional<Document> Documents::where_to_test(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectDocument) +
                           "WHERE project_id = ? AND where_to_test = 1 ORDER BY number DESC");
  query.bind(1, project_id);
  if (!query.executeStep()) return std::nullopt;
  return read_document(query);
}

void Documents::remove(std::int64_t document_id) {
  Statement remove(db_, "DELETE FROM documents WHERE id = ?");
  remove.bind(1, document_id);
  remove.exec();
}

}  // namespace accord::store
