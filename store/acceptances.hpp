// Acceptance requests: each time a task is marked done, the customer side is asked to accept
// or reject it. The request records who asked and when, and who decided what, when and why.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

enum class AcceptanceDecision { accepted, rejected };

std::string_view to_string(AcceptanceDecision decision);

struct Acceptance {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  int task_number = 0;  // T-n of the task
  std::string task_title;
  std::string requested_by;
  Timestamp requested_at{};
  std::optional<AcceptanceDecision> decision;  // empty while the request waits
  std::string decided_by;
  std::optional<Timestamp> decided_at;
  std::string reason;  // why it was rejected
  std::string note;    // said when accepting
};

class Acceptances {
 public:
  explicit Acceptances(Database& db) : db_(db) {}

  // A new waiting request; a task has at most one waiting request at a time.
  Acceptance request(std::int64_t task_id, const std::string& by, Timestamp at);
  std::optional<Acceptance> find(std::int64_t id);
  // The task's most recent request, decided or not.
  std::optional<Acceptance> latest(std::int64_t task_id);
  // Requests still waiting in the project, oldest first.
  std::vector<Acceptance> waiting(std::int64_t project_id);
  // Every request in the project, decided or not, oldest first.
  std::vector<Acceptance> for_project(std::int64_t project_id);
  // Guarded: only a waiting request is decided; false when it already was. When decided,
  // `request` holds what was stored, so the caller need not read it back.
  bool decide(Acceptance& request, AcceptanceDecision decision, const std::string& by, Timestamp at,
              const std::string& reason, const std::string& note);

 private:
  Database& db_;
};

}  // namespace accord::store
