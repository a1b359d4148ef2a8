#include "commands/backlog/task_acceptance.hpp"

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"

namespace accord::commands {

Text acceptance_outcome(Context& context, const store::Acceptance& acceptance) {
  Text text = Text().code(object_id("T", acceptance.task_number));
  if (!acceptance.decision) {
    return text.plain(" awaits acceptance since " + local_time(context, acceptance.requested_at));
  }
  text.plain(" was " + std::string(store::to_string(*acceptance.decision)) + " by ")
      .mention(acceptance.decided_by);
  if (acceptance.decided_at) text.plain(" on " + local_time(context, *acceptance.decided_at));
  if (!acceptance.reason.empty()) text.plain(": " + acceptance.reason);
  return text;
}

}  // namespace accord::commands
