// A project's task templates and recurring cases (DESIGN §3.9): a name, a title skeleton, a kind,
// a story and acceptance criteria that `task add from=<name>` pre-fills. Both sides write them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/tasks.hpp"
#include "store/time.hpp"

namespace accord::store {

struct TaskTemplate {
  std::int64_t project_id = 0;
  std::string name;   // lower case, unique in the project
  std::string title;  // the title skeleton; may be empty
  TaskKind kind = TaskKind::feature;
  std::string story;
  std::vector<std::string> criteria;
  std::string added_by;
  Timestamp added_at{};
};

class TaskTemplates {
 public:
  explicit TaskTemplates(Database& db) : db_(db) {}

  // Adds it, or replaces the project's template of that name; true when it replaced one.
  bool put(const TaskTemplate& task_template);
  std::optional<TaskTemplate> find(std::int64_t project_id, const std::string& name);
  // By name.
  std::vector<TaskTemplate> list(std::int64_t project_id);
  bool remove(std::int64_t project_id, const std::string& name);

 private:
  Database& db_;
};

}  // namespace accord::store
