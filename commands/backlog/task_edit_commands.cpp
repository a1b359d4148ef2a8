#include "commands/backlog/task_edit_commands.hpp"

#include <algorithm>
#include <numeric>

#include <nlohmann/json.hpp>

#include "commands/backlog/task_rules.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/sprints/sprint_priorities.hpp"
#include "store/roles.hpp"
#include "store/sprints.hpp"
#include "store/tasks.hpp"

namespace accord::commands {
namespace {

constexpr std::string_view kStoryUsage = "task story T-1 \"As a … I want … so that …\"";
constexpr std::string_view kCriteriaUsage = "task criteria T-1 \"<criterion>\"";
constexpr std::string_view kPriorityUsage = "task priority T-1 critical|high|medium|low";
constexpr std::string_view kEstimateUsage = "task estimate T-1 3h";
constexpr std::string_view kSplitUsage = "task split T-1 \"Subtask title\" estimate=2h";
constexpr std::string_view kAssignUsage = "task assign T-1 @person|none";

// The task named in `args`, after the option and role checks every edit makes.
std::variant<store::Task, Reply> editable_task(Context& context, const CommandLine& args,
                                               const std::vector<std::string_view>& options,
                                               const std::vector<store::Role>& allowed,
                                               std::string_view action,
                                               std::string_view usage_line) {
  if (auto refusal = reject_unknown_options(args, options, usage_line)) return *refusal;
  if (auto refusal = refuse_unless_role(context, allowed, action)) return *refusal;
  return find_task(context, args, usage_line);
}

Reply changed(const Context& context, Text what, std::vector<Field> fields = {}) {
  Message message;
  message.summary = what.to_plain();
  message.sections = {paragraph(std::move(what), std::move(fields))};
  message.note = Text("Changed by ").mention(context.request.user).plain(".");
  return channel_reply(std::move(message));
}

std::string criteria_text(const std::vector<std::string>& criteria) {
  return nlohmann::json(criteria).dump();
}

}  // namespace

Reply set_task_story(Context& context, const CommandLine& args) {
  auto found = editable_task(context, args, {}, task_writers(), "write user stories", kStoryUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& task = std::get<store::Task>(found);
  const auto story = join_words(args.positional, 2);
  if (story.empty()) return usage(Text("Give the story's text."), kStoryUsage);
  if (character_count(story) > kMaxStory) {
    return private_reply(Text("Keep the story to " + std::to_string(kMaxStory) + " characters."));
  }
  store::Tasks(context.db).set_story(task.id, story, context.now);
  const auto id = object_id("T", task.number);
  record_decision(context, "task.story", id, task.story, story);
  return changed(context, Text("Story of ").strong(id).plain(" ").plain(task.title).plain(":"),
                 {Field{"Story", Text(story)}});
}

Reply change_task_criteria(Context& context, const CommandLine& args) {
  auto found =
      editable_task(context, args, {}, task_writers(), "write acceptance criteria", kCriteriaUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& task = std::get<store::Task>(found);
  store::Tasks tasks(context.db);
  const auto id = object_id("T", task.number);
  const auto before = tasks.criteria(task.id);
  const auto text = join_words(args.positional, 2);
  if (text.empty()) {
    return usage(Text("Give the criterion, or ")
                     .code("clear")
                     .plain(" to remove them all: ")
                     .code("/accord task criteria " + id + " clear")
                     .plain("."),
                 kCriteriaUsage);
  }
  const bool clearing =
      args.positional.size() == 3 && !args.positional[2].quoted && lower_ascii(text) == "clear";
  if (clearing) {
    if (before.empty()) return private_reply(Text().strong(id).plain(" has no criteria to clear."));
    tasks.clear_criteria(task.id, context.now);
    record_decision(context, "task.criteria", id, criteria_text(before), "[]");
    return changed(context,
                   Text("Acceptance criteria of ")
                       .strong(id)
                       .plain(" cleared (" + std::to_string(before.size()) + " removed)."));
  }
  if (character_count(text) > kMaxCriterion) {
    return private_reply(
        Text("Keep each criterion to " + std::to_string(kMaxCriterion) + " characters."));
  }
  if (before.size() >= kMaxCriteria) {
    return private_reply(Text().strong(id).plain(" already has " + std::to_string(kMaxCriteria) +
                                                 " criteria, the most a task can have."));
  }
  const int position = tasks.add_criterion(task.id, text, context.now);
  auto after = before;
  after.push_back(text);
  record_decision(context, "task.criteria", id, criteria_text(before), criteria_text(after));
  return changed(context, Text("Acceptance criterion " + std::to_string(position) + " of ")
                              .strong(id)
                              .plain(": " + text));
}

Reply set_task_priority(Context& context, const CommandLine& args) {
  auto found =
      editable_task(context, args, {}, priority_setters(), "set priorities", kPriorityUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& task = std::get<store::Task>(found);
  const auto word = args.positional.size() == 3 ? lower_ascii(args.positional[2].text) : "";
  const auto priority = store::parse_priority(word);
  if (!priority) {
    return usage(Text("Give one priority: ").append(choices_text(priority_names())).plain("."),
                 kPriorityUsage);
  }
  const auto id = object_id("T", task.number);
  const std::string before(store::to_string(task.priority));
  const std::string after(store::to_string(*priority));
  if (before == after) return private_reply(Text().strong(id).plain(" is already " + after + "."));
  store::Tasks(context.db).set_priority(task.id, *priority, context.now);
  record_decision(context, "task.priority", id, before, after);
  // A planned sprint's priorities card lists its tasks by priority: every copy follows, asking
  // again (what the customer confirmed was another order).
  if (const auto sprint = store::Sprints(context.db).open_sprint_of(task.id);
      sprint && sprint->status == store::SprintStatus::planned) {
    ask_priorities(context, *sprint);
  }
  return changed(context, Text("Priority of ")
                              .strong(id)
                              .plain(" " + task.title + ": " + before + " \xE2\x86\x92 ")
                              .strong(after));
}

Reply set_task_estimate(Context& context, const CommandLine& args) {
  auto found = editable_task(context, args, {}, estimators(), "estimate tasks", kEstimateUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& task = std::get<store::Task>(found);
  if (args.positional.size() != 3) return usage(Text("Give one estimate."), kEstimateUsage);
  auto parsed = parse_estimate(args.positional[2].text);
  if (auto* problem = std::get_if<std::string>(&parsed)) {
    return usage(Text(*problem), kEstimateUsage);
  }
  const double hours = std::get<double>(parsed);
  const auto id = object_id("T", task.number);
  if (task.parent_id && hours > kMaxSubtaskHours) {
    return private_reply(Text().strong(id).plain(
        " is a subtask of " + object_id("T", task.parent_number) + ", and a subtask is at most " +
        format_hours(kMaxSubtaskHours) + ". Split " + object_id("T", task.parent_number) +
        " further instead."));
  }
  const auto before = task.estimate_hours ? format_hours(*task.estimate_hours) : "";
  store::Tasks(context.db).set_estimate(task.id, hours, context.now);
  record_decision(context, "task.estimate", id, before, format_hours(hours));
  Text what = Text("Estimate of ").strong(id).plain(" " + task.title + ": ");
  if (!before.empty()) what.plain(before + " \xE2\x86\x92 ");
  return changed(context, what.strong(format_hours(hours)));
}

Reply split_task(Context& context, const CommandLine& args) {
  auto found =
      editable_task(context, args, {"estimate", "title"}, estimators(), "split tasks", kSplitUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& parent = std::get<store::Task>(found);
  const auto parent_id = object_id("T", parent.number);
  if (parent.parent_id) {
    return private_reply(Text().strong(parent_id).plain(
        " is already a subtask of " + object_id("T", parent.parent_number) + ". Split " +
        object_id("T", parent.parent_number) + " instead; subtasks are not split further."));
  }
  const auto titled = args.options.find("title");
  const auto title =
      titled != args.options.end() ? trimmed(titled->second) : join_words(args.positional, 2);
  if (title.empty()) return usage(Text("Give the subtask a title."), kSplitUsage);
  if (character_count(title) > kMaxTaskTitle) {
    return private_reply(
        Text("Keep the title to " + std::to_string(kMaxTaskTitle) + " characters."));
  }
  const auto estimate = args.options.find("estimate");
  if (estimate == args.options.end()) {
    return usage(
        Text("A subtask needs an estimate of at most " + format_hours(kMaxSubtaskHours) + "."),
        kSplitUsage);
  }
  auto parsed = parse_estimate(estimate->second);
  if (auto* problem = std::get_if<std::string>(&parsed)) return usage(Text(*problem), kSplitUsage);
  const double hours = std::get<double>(parsed);
  if (hours > kMaxSubtaskHours) {
    return private_reply(Text("A subtask is at most " + format_hours(kMaxSubtaskHours) + "; " +
                              format_hours(hours) +
                              " is too much. Split it into several "
                              "subtasks of " +
                              format_hours(kMaxSubtaskHours) + " or less."));
  }

  store::Task subtask;
  subtask.project_id = parent.project_id;
  subtask.title = title;
  subtask.kind = parent.kind;
  subtask.priority = parent.priority;
  subtask.epic_id = parent.epic_id;
  subtask.estimate_hours = hours;
  subtask.parent_id = parent.id;
  subtask.created_by = context.request.user;
  subtask.created_at = context.now;
  store::Tasks tasks(context.db);
  const auto stored = tasks.add(subtask, {});
  const auto id = object_id("T", stored.number);
  record_decision(context, "task.split", id, "", task_summary_json(stored, {}));

  const auto siblings = tasks.subtasks(parent.id);
  const double total = std::accumulate(
      siblings.begin(), siblings.end(), 0.0,
      [](double sum, const store::Task& t) { return sum + t.estimate_hours.value_or(0.0); });
  Text totals(std::to_string(siblings.size()) + " subtask" + (siblings.size() == 1 ? "" : "s") +
              ", " + format_hours(total) + " in total");
  if (parent.estimate_hours)
    totals.plain(" (" + parent_id + " is estimated at " + format_hours(*parent.estimate_hours) +
                 ")");
  return changed(context,
                 Text("Subtask ")
                     .strong(id)
                     .plain(" of " + parent_id + ": " + title + " (" + format_hours(hours) + ")"),
                 {Field{"Subtasks of " + parent_id, totals}});
}

Reply assign_task(Context& context, const CommandLine& args) {
  auto found = editable_task(context, args, {}, estimators(), "assign tasks", kAssignUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& task = std::get<store::Task>(found);
  const auto id = object_id("T", task.number);
  if (args.positional.size() != 3) {
    return usage(Text("Name one person, by mention, or ").code("none").plain("."), kAssignUsage);
  }
  const auto& who = args.positional[2];
  const bool nobody = !who.is_mention() && lower_ascii(who.text) == "none";
  if (!who.is_mention() && !nobody) {
    return usage(Text().code(who.text).plain(" isn't a mention of someone here."), kAssignUsage);
  }
  const std::string owner = nobody ? std::string() : who.user_id;
  if (!owner.empty()) {
    // The people who do the work own it; the pm plans, the customer sets priorities.
    const auto roles = store::Roles(context.db).of(context.bound_project().id, owner);
    const bool on_team = std::any_of(roles.begin(), roles.end(), [](store::Role role) {
      return role == store::Role::lead || role == store::Role::dev || role == store::Role::qa;
    });
    if (!on_team) {
      return private_reply(Text()
                               .mention(owner)
                               .plain(" isn't on the team: a task is owned by someone doing the "
                                      "work (lead, dev or qa). The pm adds them with ")
                               .code("/accord role add @person dev")
                               .plain(". Nothing changed."));
    }
  }
  if (owner == task.owner) {
    return private_reply(
        owner.empty() ? Text().strong(id).plain(" has no owner already.")
                      : Text().strong(id).plain(" is already owned by ").mention(owner).plain("."));
  }
  store::Tasks(context.db).set_owner(task.id, owner, context.now);
  record_decision(context, "task.assign", id, task.owner, owner);
  // Their home screens list the tasks they own.
  if (!task.owner.empty()) refresh_home(context, task.owner);
  if (!owner.empty()) refresh_home(context, owner);
  if (!owner.empty() && owner != context.request.user) {
    Message told;
    told.summary = "You now own " + id;
    told.sections = {paragraph(Text("You now own ")
                                   .strong(id)
                                   .plain(" " + task.title + ", given by ")
                                   .mention(context.request.user)
                                   .plain(". ")
                                   .code("/accord task list mine")
                                   .plain(" shows your tasks."))};
    notify_person(context, owner, told,
                  "task.assign:" + std::to_string(task.id) + ":" + owner + ":" +
                      std::to_string(store::to_millis(context.now)));
  }
  Text what = Text("Owner of ").strong(id).plain(" " + task.title + ": ");
  if (owner.empty()) return changed(context, what.plain("nobody now"));
  return changed(context, what.mention(owner));
}

}  // namespace accord::commands
