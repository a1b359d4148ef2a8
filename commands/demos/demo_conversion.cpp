#include "commands/demos/demo_conversion.hpp"

#include <nlohmann/json.hpp>

#include "commands/backlog/task_rules.hpp"
#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/demos/demo_card.hpp"
#include "commands/demos/demo_commands.hpp"
#include "commands/roadmap/roadmap_commands.hpp"
#include "store/demos.hpp"
#include "store/tasks.hpp"

namespace accord::commands {
namespace {

using store::DemoStatus;
using store::FeedbackKind;

// Task and roadmap titles share this limit; longer feedback is cut and kept whole elsewhere
// (the task's story, the change request's reason).
constexpr std::size_t kMaxFeedbackTitle = kMaxTaskTitle;

std::string title_from(const std::string& text) {
  if (character_count(text) <= kMaxFeedbackTitle) return text;
  std::size_t kept = 0;
  std::size_t end = 0;
  for (; end < text.size(); ++end) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) continue;
    if (kept == kMaxFeedbackTitle - 1) break;
    ++kept;
  }
  return trimmed(text.substr(0, end)) + "\xE2\x80\xA6";
}

// "Demo D-2 feedback (bug) about T-3 Login page: Crashes on save".
std::string origin(const store::Demo& demo, const store::DemoFeedback& item,
                   const std::optional<store::Task>& task) {
  std::string text = "Demo " + object_id("D", demo.number) + " feedback (" +
                     std::string(store::to_string(item.kind)) + ")";
  if (task) text += " about " + object_id("T", task->number) + " " + task->title;
  return text + ": " + item.text;
}

std::optional<store::Task> linked_task(Context& context, const store::DemoFeedback& item) {
  if (!item.task_id) return std::nullopt;
  return store::Tasks(context.db).find(context.bound_project().id, item.task_number);
}

// A bug or tweak as a backlog task, logged as `task add` logs one; returns "T-n".
std::string add_task(Context& context, const store::Demo& demo, const store::DemoFeedback& item) {
  const auto task = linked_task(context, item);
  store::Task draft;
  draft.project_id = demo.project_id;
  draft.title = title_from(item.text);
  draft.kind = item.kind == FeedbackKind::bug ? store::TaskKind::bug : store::TaskKind::feature;
  draft.story = origin(demo, item, task);
  if (task) draft.epic_id = task->epic_id;
  draft.created_by = context.request.user;
  draft.created_at = context.now;
  const auto stored = store::Tasks(context.db).add(draft, {});
  auto id = object_id("T", stored.number);
  record_decision(context, "task.add", id, "", task_summary_json(stored, {}));
  return id;
}

// An idea as a roadmap addition, through the same path as `roadmap add`; returns "CR-n".
std::string propose_idea(Context& context, const store::Demo& demo,
                         const store::DemoFeedback& item) {
  const auto task = linked_task(context, item);
  store::RoadmapItem addition;
  addition.title = title_from(item.text);
  if (task) addition.epic_id = task->epic_id;
  const auto request =
      propose_roadmap_addition(context, std::move(addition), origin(demo, item, task));
  return object_id("CR", request.number);
}

Text created_list(const std::vector<store::DemoFeedback>& feedback) {
  Text text;
  for (const auto& item : feedback) {
    if (!item.converted_to) continue;
    text.plain(text.empty() ? "" : ", ").code(*item.converted_to);
  }
  return text;
}

Reply already_closed(Context& context, const store::Demo& demo) {
  const auto id = object_id("D", demo.number);
  Text text = Text().code(id).plain(" was already closed by ").mention(demo.closed_by);
  if (demo.closed_at) text.plain(" on " + local_time(context, *demo.closed_at));
  text.plain(". Nothing changed.");
  if (demo.status == DemoStatus::closed && store::Demos(context.db).feedback_count(demo.id) > 0) {
    text.plain(" Confirm its conversion with ").code("/accord demo convert " + id).plain(".");
  }
  return private_reply(std::move(text));
}

Reply already_converted(Context& context, const store::Demo& demo) {
  Text text = Text()
                  .code(object_id("D", demo.number))
                  .plain(" was already converted by ")
                  .mention(demo.converted_by);
  if (demo.converted_at) text.plain(" on " + local_time(context, *demo.converted_at));
  const auto created = created_list(store::Demos(context.db).feedback(demo.id));
  if (!created.empty()) text.plain(": ").append(created);
  return private_reply(text.plain(". Nothing changed."));
}

void tell_channel(Context& context, const store::Demo& demo,
                  const std::vector<store::DemoFeedback>& feedback) {
  const auto id = object_id("D", demo.number);
  Text lines = Text("Feedback from demo ").code(id).plain(" is now work:");
  std::size_t shown = 0;
  for (const auto& item : feedback) {
    if (!item.converted_to) continue;
    if (++shown > kMaxListRows) break;
    lines.plain("\n").code(*item.converted_to);
    if (item.kind == FeedbackKind::idea) {
      lines.plain(" roadmap addition, awaiting the customer's decision: ");
    } else {
      lines.plain(item.kind == FeedbackKind::bug ? " bug: " : " feature: ");
    }
    lines.plain(title_from(item.text));
  }
  Message message;
  message.summary = "Feedback from demo " + id + " is now work";
  message.sections.push_back(paragraph(std::move(lines)));
  if (shown > kMaxListRows) message.sections.push_back(paragraph(more_rows(shown - kMaxListRows)));
  message.note = Text("Converted by ").mention(context.request.user).plain(".");
  notify_channel(context, message, demo_card_key(demo) + ":converted");
}

}  // namespace

Reply close_demo(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kDemoCloseUsage)) return std::move(*refusal);
  if (auto refusal = refuse_unless_role(context, {store::Role::pm}, "close demos")) {
    return std::move(*refusal);
  }
  auto found = find_demo(context, args, kDemoCloseUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto demo = std::get<store::Demo>(std::move(found));
  const auto id = object_id("D", demo.number);
  store::Demos demos(context.db);
  if (demo.status != DemoStatus::scheduled ||
      !demos.close(demo.id, context.request.user, context.now)) {
    return already_closed(context, *demos.find(demo.project_id, demo.number));
  }
  const auto closed = *demos.find(demo.project_id, demo.number);
  const auto feedback = demos.feedback(demo.id);
  const nlohmann::ordered_json after = {{"status", "closed"}, {"feedback", feedback.size()}};
  record_decision(context, "demo.close", id, "scheduled", after.dump());
  if (feedback.empty()) {
    return private_reply(Text("Closed ").code(id).plain(
        ". It had no feedback, so there is nothing to turn into tasks or change requests."));
  }
  const auto key = demo_card_key(closed);
  post_card(context, store::OutboxKind::direct_message, context.request.user,
            conversion_card(context, closed, feedback), key,
            direct_copy_key(key, context.request.user));
  return private_reply(Text("Closed ")
                           .code(id)
                           .plain(" with " + std::to_string(feedback.size()) +
                                  (feedback.size() == 1 ? " piece" : " pieces") +
                                  " of feedback. I've sent you the proposed conversion in a "
                                  "direct message: confirm it there, or with ")
                           .code("/accord demo convert " + id)
                           .plain("."));
}

Reply convert_demo(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kDemoConvertUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_role(context, {store::Role::pm}, "convert demo feedback")) {
    return std::move(*refusal);
  }
  auto found = find_demo(context, args, kDemoConvertUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto demo = std::get<store::Demo>(std::move(found));
  const auto id = object_id("D", demo.number);
  if (demo.status == DemoStatus::scheduled) {
    return private_reply(Text()
                             .code(id)
                             .plain(" is still open. Close it first with ")
                             .code("/accord demo close " + id)
                             .plain(": that freezes its feedback and shows what each item "
                                    "will become."));
  }
  if (demo.status == DemoStatus::converted) return already_converted(context, demo);
  store::Demos demos(context.db);
  auto feedback = demos.feedback(demo.id);
  if (feedback.empty()) {
    return private_reply(Text().code(id).plain(" had no feedback: there is nothing to convert."));
  }
  if (!demos.mark_converted(demo.id, context.request.user, context.now)) {
    return already_converted(context, *demos.find(demo.project_id, demo.number));
  }

  std::vector<std::string> tasks;
  std::vector<std::string> requests;
  for (const auto& item : feedback) {
    const bool idea = item.kind == FeedbackKind::idea;
    const auto created = idea ? propose_idea(context, demo, item) : add_task(context, demo, item);
    demos.set_converted_to(item.id, created);
    (idea ? requests : tasks).push_back(created);
  }
  const auto converted = *demos.find(demo.project_id, demo.number);
  feedback = demos.feedback(demo.id);
  const nlohmann::ordered_json after = {
      {"status", "converted"}, {"tasks", tasks}, {"change_requests", requests}};
  record_decision(context, "demo.convert", id, "closed", after.dump());
  update_card(context, demo_card_key(converted), conversion_card(context, converted, feedback));
  tell_channel(context, converted, feedback);

  Text text = Text("Converted ").code(id).plain(":");
  if (!tasks.empty()) {
    for (std::size_t i = 0; i < tasks.size(); ++i) text.plain(i == 0 ? " " : ", ").code(tasks[i]);
    text.plain(" added to the backlog");
  }
  if (!requests.empty()) {
    text.plain(tasks.empty() ? " " : "; ");
    for (std::size_t i = 0; i < requests.size(); ++i) {
      text.plain(i == 0 ? "" : ", ").code(requests[i]);
    }
    const auto people = approvers(context);
    if (people.empty()) {
      text.plain(" proposed, but nobody holds customer or delegate yet to decide: ")
          .code("/accord role add @person customer");
    } else {
      text.plain(" sent for a decision to");
      for (std::size_t i = 0; i < people.size(); ++i) {
        text.plain(i == 0 ? " " : ", ").mention(people[i]);
      }
    }
  }
  return private_reply(text.plain(". I've told the channel."));
}

}  // namespace accord::commands
