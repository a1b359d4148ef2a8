// Problem reports (PR-7KQ2, ...), the people each level of a report goes to, and its status
// timeline. Transitions are guarded in SQL, so of two recipients acknowledging at once exactly one
// becomes the owner. Who may see a report is decided in commands/, never stored here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct ProblemReport {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  // Order of filing in the project, for Accord's own keys only: never shown, as it would count
  // the reports a person may not see.
  int number = 0;
  std::string code;      // what follows "PR-": random (7KQ2), or the number of an older report
  std::string category;  // team | pm | performance | deadline | other
  std::string text;
  std::string about_user;  // empty unless a team member was named
  std::string reporter;
  Timestamp reported_at{};
  std::string status = "open";  // open | acknowledged | resolved | reopened | stalled
  int level = 1;                // escalation level the report is at
  std::string owner;            // who acknowledged (or resolved) it
  std::optional<Timestamp> acknowledged_at;
  std::optional<Timestamp> resolved_at;
  std::string resolution_note;
  // When the current level must acknowledge, or the owner resolve, before it goes a level up.
  std::optional<Timestamp> ack_deadline;
  std::optional<Timestamp> resolve_deadline;
  // The escalation policy in force when it was filed (JSON: timeouts), frozen on the report.
  std::string policy;
};

struct ProblemEvent {
  Timestamp at{};
  std::string actor;
  std::string action;  // reported | routed | acknowledged | resolved | reopened
  std::string note;
};

class ProblemReports {
 public:
  explicit ProblemReports(Database& db) : db_(db) {}

  // Assigns the next per-project number and returns the stored report; `report.code` must be
  // one no report of the project has (code_taken), or empty to go by the number.
  ProblemReport add(const ProblemReport& report);
  bool code_taken(std::int64_t project_id, const std::string& code);
  std::optional<ProblemReport> find(std::int64_t project_id, int number);
  std::optional<ProblemReport> find_by_code(std::int64_t project_id, const std::string& code);
  // Reports still waiting on someone that have no deadline: filed before deadlines were kept.
  std::vector<ProblemReport> waiting_without_deadline();
  // Every report of the project, newest first; the caller filters what a person may see.
  std::vector<ProblemReport> for_project(std::int64_t project_id);

  // The level a report is at, e.g. level 2 when level 1 has nobody to go to.
  void set_level(std::int64_t id, int level);
  void add_recipient(std::int64_t report_id, int level, const std::string& user);
  std::vector<std::string> recipients(std::int64_t report_id, int level);

  // open | reopened → acknowledged with `by` as owner; false when it was in another state.
  bool acknowledge(std::int64_t id, const std::string& by, Timestamp at);
  // open | acknowledged | reopened → resolved; the owner stays, or becomes `by` if none.
  bool resolve(std::int64_t id, const std::string& by, Timestamp at, const std::string& note);
  // resolved → reopened, waiting for a new acknowledgement.
  bool reopen(std::int64_t id);

  void set_deadlines(std::int64_t id, std::optional<Timestamp> ack,
                     std::optional<Timestamp> resolve);
  // Moves the report to `level`, where it waits to be acknowledged again (an acknowledged report
  // becomes open, without an owner).
  void escalate(std::int64_t id, int level);
  // open | acknowledged | reopened → stalled: the last level did not act in time.
  bool stall(std::int64_t id);

  std::int64_t add_event(std::int64_t report_id, const ProblemEvent& event);
  // Oldest first.
  std::vector<ProblemEvent> events(std::int64_t report_id);

 private:
  Database& db_;
};

}  // namespace accord::store
