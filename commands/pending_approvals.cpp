#include "commands/pending_approvals.hpp"

#include <algorithm>

#include "commands/approvals.hpp"
#include "commands/change_request_card.hpp"
#include "commands/object_ids.hpp"
#include "store/capabilities.hpp"
#include "store/change_requests.hpp"
#include "store/objectives.hpp"

namespace accord::commands {
namespace {

struct Waiting {
  store::Timestamp since;
  Text line;
};

bool voted_already(Context& context, const store::ChangeRequest& request) {
  const auto votes = store::ChangeRequests(context.db).votes(request.id);
  return std::any_of(votes.begin(), votes.end(), [&](const store::Vote& vote) {
    return vote.approver == context.request.user;
  });
}

}  // namespace

Reply list_approvals(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, "approvals")) return std::move(*refusal);
  const auto& project = context.bound_project();
  const auto held = requester_roles(context);
  const bool approver = holds_any(held, {store::Role::customer, store::Role::delegate});

  std::vector<Waiting> waiting;
  for (const auto& request : store::ChangeRequests(context.db).pending(project.id)) {
    if (approver && voted_already(context, request)) continue;
    const auto id = object_id("CR", request.number);
    waiting.push_back({request.proposed_at,
                       Text().code(id).plain(" ").append(describe_change(context, request))});
  }
  store::Capabilities capabilities(context.db);
  for (const auto& capability : capabilities.awaiting_decision(project.id)) {
    const auto proposal = capabilities.latest_proposal(capability.objective_id);
    const auto objective = store::Objectives(context.db).find_by_id(capability.objective_id);
    const auto id = object_id("C", capability.number);
    waiting.push_back(
        {proposal ? proposal->submitted_at : capability.created_at,
         Text().code(id).plain(" " + capability.title + " (proposal for " +
                               (objective ? object_id("O", objective->number) : std::string("?")) +
                               ")")});
  }
  std::stable_sort(waiting.begin(), waiting.end(),
                   [](const Waiting& a, const Waiting& b) { return a.since < b.since; });

  if (waiting.empty()) {
    return private_reply(Text(approver ? "Nothing waits on your decision."
                                       : "Nothing waits on the customer's decision."));
  }
  Message message;
  message.title = approver ? "Waiting on your decision" : "Waiting on the customer's decision";
  const auto shown = std::min(waiting.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    message.sections.push_back(paragraph(waiting[i].line.plain(
        " \xE2\x80\x94 waiting " + describe_age(waiting[i].since, context.now))));
  }
  if (shown < waiting.size()) message.note = more_rows(waiting.size() - shown);
  if (!approver) {
    message.note = Text("The customer or a delegate decides these.");
  }
  return private_reply(std::move(message));
}

}  // namespace accord::commands
