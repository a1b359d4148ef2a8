#include "commands/project/pending_approvals.hpp"

#include <algorithm>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/roadmap/change_request_card.hpp"
#include "store/capabilities.hpp"
#include "store/change_requests.hpp"
#include "store/objectives.hpp"

namespace accord::commands {
namespace {

bool voted_already(Context& context, const store::ChangeRequest& request) {
  const auto votes = store::ChangeRequests(context.db).votes(request.id);
  return std::any_of(votes.begin(), votes.end(), [&](const store::Vote& vote) {
    return vote.approver == context.request.user;
  });
}

}  // namespace

std::vector<WaitingItem> waiting_scope_decisions(Context& context, bool approver) {
  const auto& project = context.bound_project();
  std::vector<WaitingItem> waiting;
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
  return waiting;
}

Reply waiting_list(Context& context, std::vector<WaitingItem> items, std::string title,
                   Text empty_text) {
  if (items.empty()) return private_reply(std::move(empty_text));
  std::stable_sort(items.begin(), items.end(),
                   [](const WaitingItem& a, const WaitingItem& b) { return a.since < b.since; });
  Message message;
  message.title = std::move(title);
  const auto shown = std::min(items.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    message.sections.push_back(paragraph(
        items[i].line.plain(" \xE2\x80\x94 waiting " + describe_age(items[i].since, context.now))));
  }
  if (shown < items.size()) message.note = more_rows(items.size() - shown);
  return private_reply(std::move(message));
}

Reply list_approvals(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, "approvals")) return std::move(*refusal);
  const bool approver =
      holds_any(requester_roles(context), {store::Role::customer, store::Role::delegate});
  auto reply =
      waiting_list(context, waiting_scope_decisions(context, approver),
                   approver ? "Waiting on your decision" : "Waiting on the customer's decision",
                   Text(approver ? "Nothing waits on your decision."
                                 : "Nothing waits on the customer's decision."));
  if (!approver && !reply.message.sections.empty()) {
    reply.message.note = Text("The customer or a delegate decides these.");
  }
  return reply;
}

}  // namespace accord::commands
