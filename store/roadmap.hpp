// The roadmap: items with a target date (or none yet), numbered per project (R-1, R-2, ...), and
// the baselines: each approval freezes the approved roadmap as a new numbered version.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct RoadmapItem {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  int number = 0;  // the n of R-n
  std::string title;
  std::optional<std::int64_t> epic_id;  // a capability
  std::optional<std::string> due_date;  // YYYY-MM-DD; none = unscheduled
  std::string status = "proposed";      // proposed | approved | dropped
  std::string created_by;
  Timestamp created_at{};
};

struct Baseline {
  int version = 0;
  std::optional<std::int64_t> change_request_id;
  std::string approved_by;
  Timestamp approved_at{};
  std::string snapshot;  // JSON
};

class Roadmap {
 public:
  explicit Roadmap(Database& db) : db_(db) {}

  // Assigns the next per-project number and returns the stored item.
  RoadmapItem add(const RoadmapItem& item);
  std::optional<RoadmapItem> find(std::int64_t project_id, int number);
  std::optional<RoadmapItem> find_by_id(std::int64_t id);
  // Approved items: dated ones by date, then the unscheduled ones, each by number.
  std::vector<RoadmapItem> approved(std::int64_t project_id);
  void set_status(std::int64_t id, const std::string& status);
  void set_due(std::int64_t id, const std::optional<std::string>& due_date);

  // Stores the next baseline version and returns its number.
  int add_baseline(std::int64_t project_id, std::optional<std::int64_t> change_request_id,
                   const std::string& approved_by, Timestamp at, const std::string& snapshot);
  // Oldest first.
  std::vector<Baseline> baselines(std::int64_t project_id);

 private:
  Database& db_;
};

}  // namespace accord::store
