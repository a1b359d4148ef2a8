// `accord export --project`: everything Accord holds about one project, as one JSON document, for
// a customer who leaves. Keys come in a fixed order, times are UTC ISO-8601 and objects are named
// as people know them (O-1, T-3, CR-2); internal row ids never appear.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct ProjectExportOptions {
  // Problem reports are confidential (DESIGN §3.7): left out unless asked for explicitly.
  bool include_problem_reports = false;
  // Documents for some roles only (DESIGN §3.9): likewise left out unless asked for.
  bool include_restricted_documents = false;
};

// The document, or nullopt when there is no project `project_id`.
std::optional<std::string> export_project(Database& db, std::int64_t project_id, Timestamp now,
                                          const ProjectExportOptions& options = {});

// One line per project ("1  Apollo  (slack T1, channel C1)"), to help choose the id.
std::vector<std::string> describe_projects(Database& db);

}  // namespace accord::store
