// Documents (DOC-1, DOC-2, ...): links to the project's documents, each for the roles that may
// see it (none listed: everyone on the project). One may be marked "where to test"; acceptance
// cards link it. Who sees what is decided when read, so it follows role changes at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/roles.hpp"
#include "store/time.hpp"

namespace accord::store {

struct Document {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  int number = 0;  // the n of DOC-n
  std::string title;
  std::string url;
  std::vector<Role> audience;  // empty: everyone on the project
  bool where_to_test = false;
  std::string added_by;
  Timestamp added_at{};
};

class Documents {
 public:
  explicit Documents(Database& db) : db_(db) {}

  // Assigns the next per-project number. Marked where-to-test, it takes the mark from any other.
  Document add(const Document& document);
  std::optional<Document> find(std::int64_t project_id, int number);
  // In the order they were added.
  std::vector<Document> list(std::int64_t project_id);
  // The document marked where-to-test, if any.
  std::optional<Document> where_to_test(std::int64_t project_id);
  void remove(std::int64_t document_id);

 private:
  Database& db_;
};

}  // namespace accord::store
