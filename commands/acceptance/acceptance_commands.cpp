#include "commands/acceptance/acceptance_commands.hpp"

#include <algorithm>
#include <charconv>
#include <variant>

#include <nlohmann/json.hpp>

#include "commands/acceptance/acceptance_card.hpp"
#include "commands/backlog/task_rules.hpp"
#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/project/digest.hpp"
#include "commands/project/sponsor_notice.hpp"
#include "commands/time/availability.hpp"
#include "store/acceptances.hpp"
#include "store/tasks.hpp"

namespace accord::commands {
namespace {

using store::AcceptanceDecision;
using store::TaskStatus;

constexpr std::string_view kAcceptanceStartUsage = "task start T-1";
constexpr std::string_view kDoneUsage = "task done T-1";
constexpr std::size_t kMaxDecisionText = 2000;

// The card's buttons name the acceptance request, so a click on the card of an earlier round
// never decides the current one.
constexpr const char* kRequestOption = "request";

Reply moved_meanwhile(const store::Task& task) {
  return private_reply(Text()
                           .code(object_id("T", task.number))
                           .plain(" is " + status_words(task.status) + " now. Nothing changed."));
}

}  // namespace

Reply start_task(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kAcceptanceStartUsage))
    return std::move(*refusal);
  if (auto refusal = refuse_unless_role(context, estimators(), "start tasks")) {
    return std::move(*refusal);
  }
  auto found = find_task(context, args, kAcceptanceStartUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto task = std::get<store::Task>(std::move(found));
  const auto id = object_id("T", task.number);
  if (task.status != TaskStatus::backlog && task.status != TaskStatus::planned) {
    return private_reply(
        Text().code(id).plain(" is already " + status_words(task.status) +
                              "; only a task in the backlog or planned can be started."));
  }
  store::Tasks tasks(context.db);
  if (!tasks.move(task.id, {TaskStatus::backlog, TaskStatus::planned}, TaskStatus::in_progress,
                  context.now)) {
    return moved_meanwhile(*tasks.find(task.project_id, task.number));
  }
  record_decision(context, "task.start", id, std::string(store::to_string(task.status)),
                  "in_progress");
  return private_reply(Text("Started ")
                           .code(id)
                           .plain(" " + task.title + ". Mark it done with ")
                           .code("/accord task done " + id)
                           .plain(" for the customer to accept."));
}

Reply finish_task(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kDoneUsage)) return std::move(*refusal);
  if (auto refusal = refuse_unless_role(context, estimators(), "mark tasks done")) {
    return std::move(*refusal);
  }
  auto found = find_task(context, args, kDoneUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto task = std::get<store::Task>(std::move(found));
  const auto id = object_id("T", task.number);
  store::Acceptances acceptances(context.db);
  if (task.status == TaskStatus::awaiting_acceptance || task.status == TaskStatus::accepted) {
    const auto latest = acceptances.latest(task.id);
    if (!latest) return moved_meanwhile(task);
    return private_reply(acceptance_outcome(context, *latest).plain(". Nothing changed."));
  }

  store::Tasks tasks(context.db);
  // A task split into subtasks is done when each of them is.
  Text unfinished;
  for (const auto& subtask : tasks.subtasks(task.id)) {
    if (subtask.status == TaskStatus::awaiting_acceptance ||
        subtask.status == TaskStatus::accepted) {
      continue;
    }
    unfinished.plain(unfinished.empty() ? "" : ", ")
        .code(object_id("T", subtask.number))
        .plain(" (" + status_words(subtask.status) + ")");
  }
  if (!unfinished.empty()) {
    return private_reply(Text()
                             .code(id)
                             .plain(" has subtasks that are not done yet: ")
                             .append(unfinished)
                             .plain(". Mark each done first."));
  }
  const auto deciders = approvers(context);
  if (deciders.empty()) {
    return private_reply(Text("Nobody can accept ")
                             .code(id)
                             .plain(" yet: the project has no ")
                             .strong("customer")
                             .plain(" or ")
                             .strong("delegate")
                             .plain(". The pm adds one with ")
                             .code("/accord role add @person customer")
                             .plain(". Nothing changed."));
  }
  if (!tasks.move(task.id, {TaskStatus::backlog, TaskStatus::planned, TaskStatus::in_progress},
                  TaskStatus::awaiting_acceptance, context.now)) {
    return moved_meanwhile(*tasks.find(task.project_id, task.number));
  }
  const auto acceptance = acceptances.request(task.id, context.request.user, context.now);
  record_decision(context, "task.done", id, std::string(store::to_string(task.status)),
                  "awaiting_acceptance");

  const auto key = acceptance_card_key(task, acceptance);
  const auto card = acceptance_card(context, task, acceptance);
  Text asked;
  for (const auto& user : deciders) {
    // A request: it waits for the person's availability window, if they declared one.
    post_card(context, store::OutboxKind::direct_message, user, card, key,
              direct_copy_key(key, user),
              availability_wait(context.db, context.bound_project(), user, context.now));
    schedule_digest(context, user);
    asked.plain(asked.empty() ? "" : ", ").mention(user);
    if (const auto note = availability_note(context.db, context.bound_project(), user);
        !note.empty()) {
      asked.plain(" (" + note + ")");
    }
  }
  schedule_sponsor_check(context);
  Message announcement;
  announcement.sections.push_back(paragraph(Text()
                                                .code(id)
                                                .plain(" " + task.title + " is done, says ")
                                                .mention(context.request.user)
                                                .plain(". Waiting for acceptance by ")
                                                .append(asked)
                                                .plain(".")));
  notify_channel(context, announcement, key + ":done");
  return private_reply(
      Text().code(id).plain(" awaits acceptance. I've sent it to ").append(asked).plain("."));
}

namespace {

struct AcceptanceVerdict {
  AcceptanceDecision decision;
  const char* command;
  const char* usage;
  const char* log_action;
};

constexpr AcceptanceVerdict kAccept{AcceptanceDecision::accepted, "accept", "accept T-1 [note]",
                                    "task.accept"};
constexpr AcceptanceVerdict kReject{AcceptanceDecision::rejected, "reject", "reject T-1 \"reason\"",
                                    "task.reject"};

// The request the command decides: the one a card's button names, or the task's latest.
std::variant<store::Acceptance, Reply> find_acceptance(Context& context, const CommandLine& args,
                                                       const store::Task& task,
                                                       const AcceptanceVerdict& verdict) {
  store::Acceptances acceptances(context.db);
  std::optional<store::Acceptance> acceptance;
  if (const auto option = args.options.find(kRequestOption); option != args.options.end()) {
    std::int64_t number = 0;
    const auto& text = option->second;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc() && end == text.data() + text.size())
      acceptance = acceptances.find(number);
    if (!acceptance || acceptance->task_id != task.id) {
      return usage(Text("That acceptance request does not belong to ")
                       .code(object_id("T", task.number))
                       .plain("."),
                   verdict.usage);
    }
  } else {
    acceptance = acceptances.latest(task.id);
  }
  if (!acceptance) {
    return private_reply(Text()
                             .code(object_id("T", task.number))
                             .plain(" is " + status_words(task.status) +
                                    ", not awaiting acceptance. Nothing changed."));
  }
  return std::move(*acceptance);
}

Reply decide_acceptance(Context& context, const CommandLine& args,
                        const AcceptanceVerdict& verdict) {
  if (auto refusal = reject_unknown_options(args, {"comment", kRequestOption}, verdict.usage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_approver(context, "accept or reject tasks")) {
    return std::move(*refusal);
  }
  auto found = find_task(context, args, verdict.usage, 0);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto task = std::get<store::Task>(std::move(found));
  const auto id = object_id("T", task.number);
  auto located = find_acceptance(context, args, task, verdict);
  if (auto* reply = std::get_if<Reply>(&located)) return std::move(*reply);
  auto acceptance = std::get<store::Acceptance>(std::move(located));
  if (acceptance.decision) {
    return private_reply(acceptance_outcome(context, acceptance).plain(". Nothing changed."));
  }

  const auto text = comment_from(args, 1);
  if (character_count(text) > kMaxDecisionText) {
    return private_reply(Text("That is too long. Keep it to 2000 characters."));
  }
  if (text.empty() && verdict.decision == AcceptanceDecision::rejected) {
    std::string command = std::string(verdict.command) + " " + id;
    if (args.options.count(kRequestOption) != 0) {
      command += " request=" + std::to_string(acceptance.id);
    }
    return ask_for_comment(context, "Reject task", command,
                           Text("Say why you reject " + id + ": what is missing or wrong."));
  }
  const bool rejected = verdict.decision == AcceptanceDecision::rejected;
  store::Acceptances acceptances(context.db);
  if (!acceptances.decide(acceptance, verdict.decision, context.request.user, context.now,
                          rejected ? text : "", rejected ? "" : text)) {
    return private_reply(
        acceptance_outcome(context, *acceptances.find(acceptance.id)).plain(". Nothing changed."));
  }
  // The task as now stored, without reading it back: moved, unless something moved it first.
  store::Tasks tasks(context.db);
  const auto moved_to = rejected ? TaskStatus::backlog : TaskStatus::accepted;
  auto current = task;
  if (tasks.move(task.id, {TaskStatus::awaiting_acceptance}, moved_to, context.now)) {
    current.status = moved_to;
    current.updated_at = context.now;
  } else {
    current = *tasks.find(task.project_id, task.number);
  }

  nlohmann::ordered_json after = {{"status", store::to_string(current.status)}};
  if (!text.empty()) after[rejected ? "reason" : "note"] = text;
  record_decision(context, verdict.log_action, id, "awaiting_acceptance", after.dump());

  const auto key = acceptance_card_key(task, acceptance);
  update_card(context, key, acceptance_card(context, current, acceptance));
  Message announcement;
  Text line = Text().code(id).plain(" " + task.title + " was " +
                                    std::string(store::to_string(verdict.decision)) + " by ");
  line.mention(context.request.user);
  if (rejected) {
    line.plain(". Reason: " + text + ". It is back in the backlog.");
  } else {
    line.plain(text.empty() ? "." : ". Note: " + text);
  }
  announcement.sections.push_back(paragraph(std::move(line)));
  notify_channel(context, announcement, key + ":" + verdict.command);

  return private_reply(Text("You " + std::string(store::to_string(verdict.decision)) + " ")
                           .code(id)
                           .plain(" " + task.title + ". I've told the team in the channel."));
}

}  // namespace

Reply accept_task(Context& context, const CommandLine& args) {
  return decide_acceptance(context, args, kAccept);
}

Reply reject_task(Context& context, const CommandLine& args) {
  return decide_acceptance(context, args, kReject);
}

}  // namespace accord::commands
