// When the customer's sponsor was last told of a decision left waiting (DESIGN §2: the sponsor
// "receives escalations about stalled customer decisions"), per item ("CR-2", "T-4#7"), so each
// is repeated at most weekly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

class SponsorNotices {
 public:
  explicit SponsorNotices(Database& db) : db_(db) {}

  std::optional<Timestamp> last(std::int64_t project_id, const std::string& item);
  // The projects where a decision waits on the customer side: a change request, an acceptance
  // request or a proposed capability (for the check after an upgrade or a restart).
  std::vector<std::int64_t> projects_with_waiting_decisions();
  void record(std::int64_t project_id, const std::string& item, Timestamp at);

 private:
  Database& db_;
};

}  // namespace accord::store
