#include "commands/project/pending_commands.hpp"

#include "commands/backlog/task_rules.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/project/pending_approvals.hpp"
#include "store/acceptances.hpp"

namespace accord::commands {

Reply list_pending(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, "pending")) return std::move(*refusal);
  const bool approver =
      holds_any(requester_roles(context), {store::Role::customer, store::Role::delegate});
  auto items = waiting_scope_decisions(context, approver);
  for (const auto& acceptance :
       store::Acceptances(context.db).waiting(context.bound_project().id)) {
    items.push_back(
        {acceptance.requested_at, Text("Accept ")
                                      .code(object_id("T", acceptance.task_number))
                                      .plain(" " + acceptance.task_title + ", marked done by ")
                                      .mention(acceptance.requested_by)});
  }
  if (approver) {
    return waiting_list(context, std::move(items), "Waiting on you", Text("Nothing waits on you."));
  }
  auto reply = waiting_list(context, std::move(items), "Waiting on the customer",
                            Text("Nothing waits on the customer."));
  if (!reply.message.sections.empty()) {
    // After "… and n more." when the list was cut.
    auto& note = reply.message.note;
    note.plain(note.empty() ? "" : " ")
        .plain("The ball is in the customer's court: the customer or a delegate decides these.");
  }
  return reply;
}

}  // namespace accord::commands
