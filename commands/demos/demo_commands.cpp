#include "commands/demos/demo_commands.hpp"

#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

#include "commands/backlog/task_rules.hpp"
#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/demos/demo_card.hpp"
#include "commands/demos/demo_conversion.hpp"
#include "commands/demos/demo_reminders.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/scheduler.hpp"
#include "store/sprints.hpp"
#include "store/tasks.hpp"

namespace accord::commands {
namespace {

using store::DemoStatus;
using store::FeedbackKind;

constexpr std::string_view kDemoShowUsage = "demo [D-n]";
constexpr std::size_t kMaxFeedback = 2000;
// Feedback without kind= is a tweak: the commonest remark at a demo, and it becomes a backlog
// task the pm sees on the conversion card. New scope (an idea) is said explicitly.
constexpr FeedbackKind kDefaultKind = FeedbackKind::tweak;

std::string demo_option(const CommandLine& args, const char* key) {
  const auto found = args.options.find(key);
  return found == args.options.end() ? std::string() : trimmed(found->second);
}

Text closed_already(Context& context, const store::Demo& demo) {
  Text text =
      Text().code(object_id("D", demo.number)).plain(" was closed by ").mention(demo.closed_by);
  if (demo.closed_at) text.plain(" on " + local_time(context, *demo.closed_at));
  return text;
}

Reply schedule_demo(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"sprint"}, kDemoScheduleUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_role(context, {store::Role::pm}, "schedule demos")) {
    return std::move(*refusal);
  }
  const auto& project = context.bound_project();
  const auto when = join_words(args.positional, 1);
  if (when.empty()) {
    return usage(
        Text("Say when, as a date and time in the project's time zone (" + project.timezone + ")."),
        kDemoScheduleUsage);
  }
  const auto parsed = parse_local_minute(when, project.timezone);
  if (const auto* error = std::get_if<LocalTimeError>(&parsed)) {
    if (*error == LocalTimeError::skipped) {
      return private_reply(
          Text().code(when).plain(" doesn't happen in " + project.timezone +
                                  ": the clocks skip that hour. Pick another time."));
    }
    return usage(Text()
                     .code(when)
                     .plain(" isn't a date and time. Write it as YYYY-MM-DD HH:MM in " +
                            project.timezone + ", like ")
                     .code("\"2027-01-15 15:00\"")
                     .plain("."),
                 kDemoScheduleUsage);
  }
  store::Demo demo;
  demo.scheduled_at = std::get<store::Timestamp>(parsed);
  if (demo.scheduled_at <= context.now) {
    return private_reply(Text().code(when).plain(" is in the past: it is now " +
                                                 local_time(context.now, project.timezone) +
                                                 ". Pick a later time."));
  }
  if (const auto sprint = demo_option(args, "sprint"); !sprint.empty()) {
    demo.sprint_number = parse_object_id("SP", sprint);
    if (!demo.sprint_number) {
      return usage(Text()
                       .code("sprint=" + sprint)
                       .plain(" isn't a sprint id. Write it like ")
                       .code("sprint=SP-2")
                       .plain("."),
                   kDemoScheduleUsage);
    }
    if (!store::Sprints(context.db).find(project.id, *demo.sprint_number)) {
      return private_reply(Text("There is no ")
                               .code(sprint)
                               .plain(" in this project. ")
                               .code("/accord sprint list")
                               .plain(" shows the sprints."));
    }
  } else if (const auto active = store::Sprints(context.db).active(project.id)) {
    demo.sprint_number = active->number;  // by default, the demo of the running sprint
  }
  demo.project_id = project.id;
  demo.created_by = context.request.user;
  demo.created_at = context.now;
  const auto stored = store::Demos(context.db).add(demo);
  const auto id = object_id("D", stored.number);
  nlohmann::ordered_json after = {{"at", store::format_utc(stored.scheduled_at)},
                                  {"local", demo_time(context, stored)}};
  if (stored.sprint_number) after["sprint"] = object_id("SP", *stored.sprint_number);
  record_decision(context, "demo.schedule", id, "", after.dump());

  Message announcement;
  announcement.summary = "Demo " + id + " on " + demo_time(context, stored);
  announcement.sections.push_back(paragraph(Text("Demo ").append(demo_heading(context, stored))));
  announcement.note = Text("Scheduled by ")
                          .mention(context.request.user)
                          .plain(". Anyone on the project gives feedback with ")
                          .code("/accord demo feedback " + id + " \"...\"")
                          .plain(".");
  notify_channel(context, announcement, demo_card_key(stored) + ":scheduled");
  schedule_demo_reminders(context, stored);
  return private_reply(
      Text("Scheduled ")
          .append(demo_heading(context, stored))
          .plain(" (" + local_time(stored.scheduled_at, "UTC") + "). I've told the channel."));
}

Reply give_feedback(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"task", "kind", "text"}, kDemoFeedbackUsage)) {
    return std::move(*refusal);
  }
  auto found = find_demo(context, args, kDemoFeedbackUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto demo = std::get<store::Demo>(std::move(found));
  const auto id = object_id("D", demo.number);
  const Text no_more = Text(". It takes no more feedback; add a task with ")
                           .code("/accord task add \"Title\"")
                           .plain(" instead.");
  if (demo.status != DemoStatus::scheduled) {
    return private_reply(closed_already(context, demo).append(no_more));
  }

  store::DemoFeedback feedback;
  feedback.demo_id = demo.id;
  feedback.author = context.request.user;
  feedback.at = context.now;
  feedback.text =
      args.options.count("text") > 0 ? demo_option(args, "text") : join_words(args.positional, 2);
  if (feedback.text.empty()) return usage(Text("Say what you noticed."), kDemoFeedbackUsage);
  if (character_count(feedback.text) > kMaxFeedback) {
    return private_reply(Text("That is too long. Keep feedback to 2000 characters."));
  }
  feedback.kind = kDefaultKind;
  if (const auto kind = lower_ascii(demo_option(args, "kind")); !kind.empty()) {
    const auto parsed = store::parse_feedback_kind(kind);
    if (!parsed) {
      return usage(Text()
                       .code("kind=" + kind)
                       .plain(" isn't a kind of feedback. Use ")
                       .append(choices_text({"bug", "tweak", "idea"}))
                       .plain("."),
                   kDemoFeedbackUsage);
    }
    feedback.kind = *parsed;
  }
  if (const auto task = demo_option(args, "task"); !task.empty()) {
    const auto number = parse_object_id("T", task);
    const auto stored_task =
        number ? store::Tasks(context.db).find(context.bound_project().id, *number) : std::nullopt;
    if (!stored_task) {
      return private_reply(Text()
                               .code("task=" + task)
                               .plain(" isn't a task in this project. ")
                               .code("/accord task list")
                               .plain(" shows the backlog."));
    }
    feedback.task_id = stored_task->id;
  }
  store::Demos demos(context.db);
  const auto stored = demos.add_feedback(feedback);
  if (!stored) {
    return private_reply(
        closed_already(context, *demos.find(demo.project_id, demo.number)).append(no_more));
  }
  nlohmann::ordered_json after = {{"kind", store::to_string(stored->kind)}, {"text", stored->text}};
  if (stored->task_id) after["task"] = object_id("T", stored->task_number);
  record_decision(context, "demo.feedback", id, "", after.dump());

  Text text =
      Text("Your ").strong(std::string(store::to_string(stored->kind))).plain(" on ").code(id);
  if (stored->task_id) text.plain(" about ").code(object_id("T", stored->task_number));
  return private_reply(text.plain(" is recorded. When the pm closes the demo, it is proposed as " +
                                  conversion_plan(stored->kind) + "."));
}

Reply list_demos(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kDemoShowUsage)) return std::move(*refusal);
  store::Demos demos(context.db);
  const auto all = demos.list(context.bound_project().id);
  if (all.empty()) {
    return private_reply(Text("No demos yet. The pm schedules one with ")
                             .code("/accord " + std::string(kDemoScheduleUsage))
                             .plain("."));
  }
  Message message;
  message.title = "Demos of " + context.bound_project().name;
  // The latest are the ones people look for.
  const auto shown = std::min(all.size(), kMaxListRows);
  for (auto i = all.size() - shown; i < all.size(); ++i) {
    const auto& demo = all[i];
    const auto count = demos.feedback_count(demo.id);
    message.sections.push_back(paragraph(
        demo_heading(context, demo)
            .plain(" \xC2\xB7 " + std::string(store::to_string(demo.status)) + " \xC2\xB7 " +
                   std::to_string(count) + (count == 1 ? " piece" : " pieces") + " of feedback")));
  }
  if (shown < all.size())
    message.note = Text(std::to_string(all.size() - shown) + " earlier demos not shown.");
  return private_reply(std::move(message));
}

Reply show_demo(Context& context, const CommandLine& args, std::size_t position) {
  if (auto refusal = reject_unknown_options(args, {}, kDemoShowUsage)) return std::move(*refusal);
  auto found = find_demo(context, args, kDemoShowUsage, position);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto demo = std::get<store::Demo>(std::move(found));
  const auto id = object_id("D", demo.number);

  Message message;
  message.title = "Demo " + id;
  std::vector<Field> fields = {{"When", Text(demo_time(context, demo))},
                               {"Status", Text(std::string(store::to_string(demo.status)))},
                               {"Scheduled by", Text().mention(demo.created_by)}};
  if (demo.sprint_number) fields.push_back({"Sprint", Text(object_id("SP", *demo.sprint_number))});
  message.sections.push_back(paragraph(demo_heading(context, demo), std::move(fields)));

  const auto feedback = store::Demos(context.db).feedback(demo.id);
  Text lines = Text().strong("Feedback:");
  if (feedback.empty()) lines.plain(" none yet");
  const auto shown = std::min(feedback.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    lines.plain("\n").append(feedback_line(feedback[i], i + 1));
    if (feedback[i].converted_to) lines.plain(" \xE2\x86\x92 ").code(*feedback[i].converted_to);
  }
  message.sections.push_back(paragraph(std::move(lines)));
  if (shown < feedback.size())
    message.sections.push_back(paragraph(more_rows(feedback.size() - shown)));

  switch (demo.status) {
    case DemoStatus::scheduled:
      message.note =
          Text("Give feedback with ").code("/accord demo feedback " + id + " \"...\"").plain(".");
      break;
    case DemoStatus::closed:
      message.note = closed_already(context, demo).plain(". The pm confirms the conversion with ");
      message.note.code("/accord demo convert " + id).plain(".");
      break;
    case DemoStatus::converted:
      message.note = Text("Converted by ").mention(demo.converted_by);
      if (demo.converted_at) message.note.plain(" on " + local_time(context, *demo.converted_at));
      message.note.plain(".");
      break;
  }
  return private_reply(std::move(message));
}

Reply demo_usage() {
  Text text("Demo commands: ");
  const std::string_view lines[] = {kDemoScheduleUsage, kDemoFeedbackUsage, kDemoShowUsage,
                                    kDemoCloseUsage, kDemoConvertUsage};
  for (std::size_t i = 0; i < std::size(lines); ++i) {
    if (i > 0) text.plain(", ");
    text.code("/accord " + std::string(lines[i]));
  }
  return private_reply(text.plain(". ").code("/accord help demos").plain(" explains each."));
}

}  // namespace

std::variant<store::Demo, Reply> find_demo(Context& context, const CommandLine& args,
                                           std::string_view usage_line, std::size_t position) {
  const auto number = args.positional.size() > position
                          ? parse_object_id("D", args.positional[position].text)
                          : std::nullopt;
  if (!number) return usage(Text("Say which demo, by its id."), usage_line);
  auto demo = store::Demos(context.db).find(context.bound_project().id, *number);
  if (!demo) {
    return private_reply(Text("No demo ")
                             .code(object_id("D", *number))
                             .plain(" in this project. ")
                             .code("/accord demo list")
                             .plain(" shows them."));
  }
  return std::move(*demo);
}

Reply demo_command(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "" : lower_ascii(args.positional[0].text);
  if (sub.empty() || sub == "list") return list_demos(context, args);
  if (sub == "show") return show_demo(context, args, 1);
  if (parse_object_id("D", sub)) return show_demo(context, args, 0);
  if (sub == "schedule") return schedule_demo(context, args);
  if (sub == "feedback") return give_feedback(context, args);
  if (sub == "close") return close_demo(context, args);
  if (sub == "convert") return convert_demo(context, args);
  return demo_usage();
}

}  // namespace accord::commands
