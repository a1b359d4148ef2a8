// Change requests to the roadmap (CR-1, CR-2, ...) and the customer-side approvers' votes on
// them. The decision is guarded in SQL: only a pending request can be decided or withdrawn, so
// of two approvers clicking at once exactly one decides.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct ChangeRequest {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  int number = 0;            // the n of CR-n
  std::string kind;          // add | move | drop
  std::int64_t item_id = 0;  // the roadmap item it changes (for add: the proposed item)
  std::string title_before;  // empty for add
  std::string title_after;   // empty for drop
  std::optional<std::string> due_before;
  std::optional<std::string> due_after;
  std::string reason;
  std::string status = "pending";  // pending | approved | changes_requested | rejected | withdrawn
  std::string proposed_by;
  Timestamp proposed_at{};
  std::string decided_by;
  std::optional<Timestamp> decided_at;
  std::string decision_comment;
};

struct Vote {
  std::string approver;
  std::string decision;  // approve | changes | reject
  std::string comment;
  Timestamp at{};
};

class ChangeRequests {
 public:
  explicit ChangeRequests(Database& db) : db_(db) {}

  // Assigns the next per-project number and returns the stored request.
  ChangeRequest add(const ChangeRequest& request);
  std::optional<ChangeRequest> find(std::int64_t project_id, int number);
  // Pending requests of the project, oldest first.
  std::vector<ChangeRequest> pending(std::int64_t project_id);
  // Moves a pending request to `status`; false when it was no longer pending.
  bool decide(std::int64_t id, const std::string& status, const std::string& by, Timestamp at,
              const std::string& comment);
  // Records (or replaces) an approver's vote.
  void vote(std::int64_t id, const Vote& vote);
  // Votes by time.
  std::vector<Vote> votes(std::int64_t id);

 private:
  Database& db_;
};

}  // namespace accord::store
