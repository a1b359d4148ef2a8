#include "commands/roadmap/change_request_card.hpp"

#include <algorithm>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "store/roadmap.hpp"

namespace accord::commands {
namespace {

const char* const kChangeArrow = " \xE2\x86\x92 ";

std::string due_text(const std::optional<std::string>& due) {
  return due ? "due " + *due : "unscheduled";
}

std::string vote_phrase(const std::string& decision) {
  if (decision == "approve") return "approved";
  if (decision == "changes") return "requested changes";
  return "rejected";
}

Section status_section(Context& context, const store::ChangeRequest& request) {
  if (request.status != "pending") {
    Text text =
        Text().strong(object_id("CR", request.number) + " " + outcome_phrase(request.status));
    if (request.decided_by != kSystemActor) text.plain(" by ").mention(request.decided_by);
    if (request.decided_at) text.plain(" on " + local_time(context, *request.decided_at));
    text.plain(".");
    std::vector<Field> fields;
    if (!request.decision_comment.empty()) {
      fields.push_back(Field{"Comment", Text(request.decision_comment)});
    }
    return paragraph(std::move(text), std::move(fields));
  }
  const auto rule = approval_rule(context);
  Text text(rule == ApprovalRule::all
                ? "Awaiting a decision: every approver must approve; one rejection decides."
                : "Awaiting a decision: any one approver decides.");
  const auto votes = store::ChangeRequests(context.db).votes(request.id);
  for (const auto& vote : votes) {
    text.plain(" ").mention(vote.approver).plain(" " + vote_phrase(vote.decision) + ".");
  }
  if (rule == ApprovalRule::all) {
    bool first = true;
    for (const auto& user : approvers(context)) {
      const bool voted = std::any_of(votes.begin(), votes.end(), [&](const store::Vote& vote) {
        return vote.approver == user;
      });
      if (voted) continue;
      text.plain(first ? " Waiting for " : ", ").mention(user);
      first = false;
    }
    if (!first) text.plain(".");
  }
  return paragraph(std::move(text));
}

}  // namespace

std::string outcome_phrase(const std::string& status) {
  if (status == "approved") return "approved";
  if (status == "changes_requested") return "sent back for changes";
  if (status == "rejected") return "rejected";
  if (status == "withdrawn") return "withdrawn";
  if (status == "expired") return "expired";
  return "awaiting a decision";
}

Text describe_change(Context& context, const store::ChangeRequest& request) {
  const auto item = store::Roadmap(context.db).find_by_id(request.item_id);
  const std::string item_id = item ? object_id("R", item->number) : "R-?";
  if (request.kind == "add") {
    return Text("Add ").code(item_id).plain(" " + request.title_after + ", " +
                                            due_text(request.due_after));
  }
  if (request.kind == "move") {
    return Text("Move ").code(item_id).plain(" " + request.title_before + ": " +
                                             due_text(request.due_before) + kChangeArrow +
                                             due_text(request.due_after));
  }
  return Text("Drop ").code(item_id).plain(" " + request.title_before + " (" +
                                           due_text(request.due_before) + ")");
}

std::string card_key(const store::ChangeRequest& request) {
  return object_id("CR", request.number) + "@" + std::to_string(request.project_id);
}

Message change_request_card(Context& context, const store::ChangeRequest& request) {
  const auto id = object_id("CR", request.number);
  Message message;
  message.title = "Change request " + id;
  message.summary = id + ": " + describe_change(context, request).to_plain() + " (" +
                    outcome_phrase(request.status) + ")";
  message.sections.push_back(paragraph(
      describe_change(context, request),
      {Field{"Reason", Text(request.reason)},
       Field{"Proposed by", Text()
                                .mention(request.proposed_by)
                                .plain(" on " + local_time(context, request.proposed_at))}}));
  message.sections.push_back(status_section(context, request));
  if (request.status == "pending") {
    const auto suffix = project_option(context.bound_project());
    auto approve = command_button("Approve", "approve " + id + suffix);
    approve.style = ButtonStyle::primary;
    auto reject = command_button("Reject", "decline " + id + suffix);
    reject.style = ButtonStyle::danger;
    message.buttons = {approve, command_button("Request changes", "changes " + id + suffix),
                       reject};
  }
  return message;
}

}  // namespace accord::commands
