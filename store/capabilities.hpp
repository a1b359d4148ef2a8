// Capabilities the contractor proposes for an objective (C-1, C-2, ...), the scenarios each
// covers, and proposal versions. An accepted capability is an epic of the backlog. A decision is
// guarded in SQL: only a capability awaiting one ('proposed') can be decided.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct Capability {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  int number = 0;  // the n of C-n
  std::int64_t objective_id = 0;
  std::string title;
  std::optional<double> size_hours;
  std::string status = "draft";  // draft | proposed | accepted | change | out_of_scope
  std::string decision_comment;
  std::string decided_by;
  std::optional<Timestamp> decided_at;
  std::string created_by;
  Timestamp created_at{};
  std::vector<std::int64_t> scenario_ids;  // scenarios it covers
};

struct Proposal {
  int version = 0;
  std::string submitted_by;
  Timestamp submitted_at{};
};

class Capabilities {
 public:
  explicit Capabilities(Database& db) : db_(db) {}

  // Assigns the next per-project number, stores what it covers, returns the stored capability.
  Capability add(const Capability& capability);
  std::optional<Capability> find(std::int64_t project_id, int number);
  std::optional<Capability> find_by_id(std::int64_t id);
  std::vector<Capability> for_objective(std::int64_t objective_id);
  // Capabilities awaiting the customer's decision, oldest first.
  std::vector<Capability> awaiting_decision(std::int64_t project_id);
  // Drafts and those sent back for changes become 'proposed'; returns how many.
  int submit(std::int64_t objective_id);
  // From 'proposed' to `status`; false when it was not awaiting a decision.
  bool decide(std::int64_t id, const std::string& status, const std::string& by, Timestamp at,
              const std::string& comment);

  // Records a new proposal version of the objective and returns its number (1, 2, ...).
  int add_proposal(std::int64_t project_id, std::int64_t objective_id, const std::string& by,
                   Timestamp at);
  // The latest proposal version of the objective, if one was submitted.
  std::optional<Proposal> latest_proposal(std::int64_t objective_id);

 private:
  Database& db_;
};

}  // namespace accord::store
