#include "commands/roadmap/change_request_commands.hpp"

#include <algorithm>
#include <variant>

#include <nlohmann/json.hpp>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/roadmap/change_request_card.hpp"
#include "commands/roadmap/roadmap_view.hpp"
#include "store/change_requests.hpp"
#include "store/roadmap.hpp"

namespace accord::commands {
namespace {

constexpr std::size_t kMaxDecisionComment = 2000;

struct ChangeVerdict {
  const char* command;     // the command word, also the button's
  const char* vote;        // approve | changes | reject
  const char* status;      // the request's status when this verdict decides it
  const char* log_action;  // decision log
  const char* may;         // "Only the customer or a delegate can <may>."
  const char* form_title;  // at most 24 characters
};

constexpr ChangeVerdict kApprove{
    "approve", "approve", "approved", "change_request.approve", "approve change requests", ""};
constexpr ChangeVerdict kChanges{"changes",
                                 "changes",
                                 "changes_requested",
                                 "change_request.request_changes",
                                 "request changes to change requests",
                                 "Request changes"};
constexpr ChangeVerdict kDecline{"decline",
                                 "reject",
                                 "rejected",
                                 "change_request.reject",
                                 "reject change requests",
                                 "Reject change request"};

std::string usage_line(const ChangeVerdict& verdict) {
  return std::string(verdict.command) +
         (verdict.vote == kApprove.vote ? " CR-n [comment]" : " CR-n \"comment\"");
}

// The request named in position 0, or what to tell the person.
std::variant<store::ChangeRequest, Reply> find_request(Context& context, const CommandLine& args,
                                                       const std::string& usage_text) {
  const auto number =
      args.positional.empty() ? std::nullopt : parse_object_id("CR", args.positional[0].text);
  if (!number) return usage(Text("Say which change request, by its id."), usage_text);
  auto request = store::ChangeRequests(context.db).find(context.bound_project().id, *number);
  if (!request) {
    return private_reply(Text("No change request ")
                             .code(object_id("CR", *number))
                             .plain(" in this project. ")
                             .code("/accord approvals")
                             .plain(" lists the pending ones."));
  }
  return std::move(*request);
}

Reply already_decided(Context& context, const store::ChangeRequest& request) {
  Text text = Text()
                  .code(object_id("CR", request.number))
                  .plain(" was already " + outcome_phrase(request.status) + " by ")
                  .append(actor_text(request.decided_by));
  if (request.decided_at) text.plain(" on " + local_time(context, *request.decided_at));
  return private_reply(text.plain(". Nothing changed."));
}

// Makes the approved change on the roadmap and freezes the new baseline; returns its version.
int apply_change(Context& context, const store::ChangeRequest& request) {
  store::Roadmap roadmap(context.db);
  const auto item = roadmap.find_by_id(request.item_id);
  const auto item_id = object_id("R", item ? item->number : 0);
  if (request.kind == "add") {
    roadmap.set_status(request.item_id, "approved");
    record_decision(context, "roadmap.add", item_id, "",
                    request.title_after + " due " + request.due_after.value_or(""));
  } else if (request.kind == "move") {
    roadmap.set_due(request.item_id, request.due_after);
    record_decision(context, "roadmap.move", item_id, request.due_before.value_or("unscheduled"),
                    request.due_after.value_or("unscheduled"));
  } else {
    roadmap.set_status(request.item_id, "dropped");
    record_decision(context, "roadmap.drop", item_id, "approved", "dropped");
  }
  return create_baseline(context, request.id, object_id("CR", request.number),
                         describe_change(context, request).to_plain());
}

// Under "all", an approval decides only once every approver has approved.
std::vector<std::string> still_to_approve(Context& context, const store::ChangeRequest& request) {
  const auto votes = store::ChangeRequests(context.db).votes(request.id);
  std::vector<std::string> missing;
  for (const auto& user : approvers(context)) {
    const bool approved = std::any_of(votes.begin(), votes.end(), [&](const store::Vote& vote) {
      return vote.approver == user && vote.decision == "approve";
    });
    if (!approved) missing.push_back(user);
  }
  return missing;
}

void tell_proposer(Context& context, const store::ChangeRequest& request) {
  Message message = change_request_card(context, request);
  message.buttons.clear();
  notify_person(context, request.proposed_by, message, card_key(request) + ":outcome");
}

Reply decide_change(Context& context, const CommandLine& args, const ChangeVerdict& verdict) {
  const auto usage_text = usage_line(verdict);
  if (auto refusal = reject_unknown_options(args, {"comment"}, usage_text)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_approver(context, verdict.may)) return std::move(*refusal);
  auto found = find_request(context, args, usage_text);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  auto request = std::get<store::ChangeRequest>(std::move(found));
  const auto id = object_id("CR", request.number);
  if (request.status != "pending") return already_decided(context, request);

  const auto comment = comment_from(args, 1);
  if (character_count(comment) > kMaxDecisionComment) {
    return private_reply(Text("The comment is too long. Keep it to 2000 characters."));
  }
  if (comment.empty() && verdict.vote != kApprove.vote) {
    return ask_for_comment(
        context, verdict.form_title, std::string(verdict.command) + " " + id,
        Text(verdict.vote == kChanges.vote ? "Say what should change in " + id + "."
                                           : "Say why you reject " + id + "."));
  }
  store::ChangeRequests requests(context.db);
  requests.vote(request.id, store::Vote{context.request.user, verdict.vote, comment, context.now});

  if (verdict.vote == kApprove.vote && approval_rule(context) == ApprovalRule::all) {
    const auto missing = still_to_approve(context, request);
    if (!missing.empty()) {
      record_decision(context, "change_request.vote", id, "pending", "approve");
      update_card(context, card_key(request), change_request_card(context, request));
      Text text = Text("Your approval of ")
                      .code(id)
                      .plain(
                          " is recorded. Every approver must "
                          "approve; waiting for");
      for (std::size_t i = 0; i < missing.size(); ++i) {
        text.plain(i == 0 ? " " : ", ").mention(missing[i]);
      }
      return private_reply(text.plain("."));
    }
  }
  if (!requests.decide(request.id, verdict.status, context.request.user, context.now, comment)) {
    return already_decided(context, *requests.find(request.project_id, request.number));
  }
  request = *requests.find(request.project_id, request.number);

  nlohmann::json after = {{"status", request.status}, {"comment", comment}};
  std::optional<int> baseline;
  if (request.status == "approved") {
    baseline = apply_change(context, request);
    after["baseline"] = *baseline;
  } else if (request.kind == "add") {
    store::Roadmap(context.db).set_status(request.item_id, "dropped");
  }
  record_decision(context, verdict.log_action, id, "pending", after.dump());
  update_card(context, card_key(request), change_request_card(context, request));
  tell_proposer(context, request);

  Text text = Text("You " + outcome_phrase(request.status) + " ")
                  .code(id)
                  .plain(": ")
                  .append(describe_change(context, request))
                  .plain(".");
  if (baseline) text.plain(" The roadmap baseline is now v" + std::to_string(*baseline) + ".");
  return private_reply(text.plain(" I've told ").mention(request.proposed_by).plain("."));
}

}  // namespace

Reply approve_change_request(Context& context, const CommandLine& args) {
  return decide_change(context, args, kApprove);
}

Reply request_changes(Context& context, const CommandLine& args) {
  return decide_change(context, args, kChanges);
}

Reply decline_change_request(Context& context, const CommandLine& args) {
  return decide_change(context, args, kDecline);
}

Reply withdraw_change_request(Context& context, const CommandLine& args) {
  constexpr std::string_view kUsage = "withdraw CR-n";
  if (auto refusal = reject_unknown_options(args, {}, kUsage)) return std::move(*refusal);
  auto found = find_request(context, args, std::string(kUsage));
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  auto request = std::get<store::ChangeRequest>(std::move(found));
  const auto id = object_id("CR", request.number);
  const auto held = requester_roles(context);
  if (request.proposed_by != context.request.user && !holds_any(held, {store::Role::pm})) {
    return private_reply(Text("Only the person who proposed ")
                             .code(id)
                             .plain(" or the ")
                             .strong("pm")
                             .plain(" can withdraw it. You are: " + describe_roles(held) + "."));
  }
  store::ChangeRequests requests(context.db);
  if (!requests.decide(request.id, "withdrawn", context.request.user, context.now, "")) {
    return already_decided(context, *requests.find(request.project_id, request.number));
  }
  if (request.kind == "add") store::Roadmap(context.db).set_status(request.item_id, "dropped");
  request = *requests.find(request.project_id, request.number);
  record_decision(context, "change_request.withdraw", id, "pending", "withdrawn");
  update_card(context, card_key(request), change_request_card(context, request));
  return private_reply(Text("Withdrawn: ").code(id).plain(". Every copy of its card says so."));
}

}  // namespace accord::commands
