// The customer's review of a planned sprint's priorities (DESIGN §3.9: "Each sprint is planned by
// the whole team, including you"): when they were asked, and who confirmed them. It informs the
// pm; it never blocks a start.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct SprintReview {
  std::int64_t sprint_id = 0;
  Timestamp asked_at{};
  std::string confirmed_by;  // empty until confirmed
  std::optional<Timestamp> confirmed_at;
};

class SprintReviews {
 public:
  explicit SprintReviews(Database& db) : db_(db) {}

  // Asks (again): the planned work changed, so any earlier confirmation no longer holds.
  void ask(std::int64_t sprint_id, Timestamp at);
  std::optional<SprintReview> find(std::int64_t sprint_id);
  // Guarded: false when not asked, or confirmed already.
  bool confirm(std::int64_t sprint_id, const std::string& user, Timestamp at);

 private:
  Database& db_;
};

}  // namespace accord::store
