// `sprint add SP-n T-a T-b .. [emergency=yes]`: tasks join a sprint. Before the start they simply
// join; once it runs, the scope is frozen (DESIGN §3.4) except for a critical bug or a production
// emergency recorded after the fact, each logged as a scope change and announced in the channel.
// All or nothing: when one task cannot join, none does, and the reply says why for each.
#include <nlohmann/json.hpp>

#include "commands/backlog/task_rules.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/sprints/sprint_capacity.hpp"
#include "commands/sprints/sprint_commands.hpp"
#include "commands/sprints/sprint_priorities.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "store/sprints.hpp"

namespace accord::commands {
namespace {

using store::SprintEntryKind;
using store::TaskStatus;

constexpr std::string_view kSprintAddUsage = "sprint add SP-1 T-1 T-2 [emergency=yes]";

struct Joining {
  store::Task task;
  SprintEntryKind how = SprintEntryKind::planned;
  int via_parent = 0;  // T-n of the split task that brought it in; 0 when named
};

bool is_critical_bug(const store::Task& task) {
  return task.kind == store::TaskKind::bug && task.priority == store::Priority::critical;
}

// Why the task cannot join, or empty when it can.
std::string refusal_for(Context& context, const store::Sprint& sprint, const store::Task& task,
                        bool emergency) {
  const auto sid = sprint_id(sprint);
  if (task.status == TaskStatus::accepted) return "is accepted already.";
  if (task.status == TaskStatus::awaiting_acceptance && !emergency) {
    return "is awaiting acceptance; only an emergency recorded after the fact joins done.";
  }
  if (const auto open = store::Sprints(context.db).open_sprint_of(task.id)) {
    if (open->id == sprint.id) return "is in " + sid + " already.";
    return "is in " + sprint_id(*open) + " already.";
  }
  if (sprint.status == store::SprintStatus::active && !emergency && !is_critical_bug(task)) {
    return "is a " + std::string(store::to_string(task.priority)) + " " +
           std::string(store::to_string(task.kind)) + ", and " + sid +
           " has started: its scope is frozen. Only a critical bug joins a running sprint, or "
           "a production emergency with emergency=yes.";
  }
  return "";
}

}  // namespace

Reply add_to_sprint(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"emergency"}, kSprintAddUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_role(context, sprint_planners(), "add tasks to sprints")) {
    return std::move(*refusal);
  }
  bool emergency = false;
  if (const auto option = args.options.find("emergency"); option != args.options.end()) {
    const auto value = lower_ascii(option->second);
    if (value != "yes" && value != "no") {
      return usage(Text("Use ").code("emergency=yes").plain(" or leave it out."), kSprintAddUsage);
    }
    emergency = value == "yes";
  }
  auto found = find_sprint(context, args, 1, kSprintAddUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto sprint = std::get<store::Sprint>(std::move(found));
  const auto sid = sprint_id(sprint);
  if (sprint.status == store::SprintStatus::closed) {
    return private_reply(
        Text().code(sid).plain(" is closed; nothing joins it. Add the tasks to the next sprint."));
  }
  if (args.positional.size() < 3) return usage(Text("Say which tasks, by id."), kSprintAddUsage);
  const bool running = sprint.status == store::SprintStatus::active;

  store::Tasks tasks(context.db);
  std::vector<Joining> joining;
  Text problems;
  const auto problem = [&](const std::string& id, const std::string& why) {
    problems.plain(problems.empty() ? "" : "\n").code(id).plain(" " + why);
  };
  for (std::size_t i = 2; i < args.positional.size(); ++i) {
    const auto& word = args.positional[i].text;
    const auto number = parse_object_id("T", word);
    if (!number) return usage(Text().code(word).plain(" isn't a task id."), kSprintAddUsage);
    const auto task = tasks.find(sprint.project_id, *number);
    const auto id = object_id("T", *number);
    if (!task) {
      problem(id, "does not exist in this project.");
      continue;
    }
    if (std::any_of(joining.begin(), joining.end(),
                    [&](const Joining& j) { return j.task.id == task->id; })) {
      continue;  // named twice, or named after its parent
    }
    if (const auto why = refusal_for(context, sprint, *task, emergency); !why.empty()) {
      problem(id, why);
      continue;
    }
    const auto how = !running                 ? SprintEntryKind::planned
                     : is_critical_bug(*task) ? SprintEntryKind::critical_bug
                                              : SprintEntryKind::emergency;
    joining.push_back({*task, how, 0});
    // A split task's subtasks are its planned work: they join with it, unless done or elsewhere.
    for (const auto& subtask : tasks.subtasks(task->id)) {
      if (subtask.status == TaskStatus::accepted ||
          subtask.status == TaskStatus::awaiting_acceptance ||
          store::Sprints(context.db).open_sprint_of(subtask.id)) {
        continue;
      }
      joining.push_back({subtask, how, task->number});
    }
  }
  if (!problems.empty()) {
    Message message;
    message.title = "Nothing was added to " + sid;
    message.sections.push_back(paragraph(std::move(problems)));
    return private_reply(std::move(message));
  }

  store::Sprints sprints(context.db);
  nlohmann::ordered_json added = nlohmann::json::array();
  Text names;
  for (const auto& item : joining) {
    sprints.add_task(sprint.id, item.task.id, item.how, context.request.user, context.now);
    tasks.move(item.task.id, {TaskStatus::backlog}, TaskStatus::planned, context.now);
    const auto id = object_id("T", item.task.number);
    added.push_back(id);
    names.plain(names.empty() ? "" : ", ").code(id);
    if (item.via_parent != 0) names.plain(" (subtask of " + object_id("T", item.via_parent) + ")");
  }
  const auto work = load_work(context, sprint);
  if (!running) {
    const nlohmann::ordered_json after = {{"tasks", added}, {"hours", format_hours(work.hours())}};
    record_decision(context, "sprint.add", sid, "", after.dump());
    // The customer sees what is planned, by priority, and is asked to confirm (again).
    ask_priorities(context, sprint);
    const auto capacity = sprint_capacity(context, sprint_dates(sprint_calendar(context), sprint));
    Message message;
    message.title = "Added to " + sid;
    message.sections.push_back(
        paragraph(Text("Added ").append(names).plain("."),
                  {Field{"Planned", Text(format_hours(work.hours()) + " of " +
                                         format_hours(capacity.total_hours) + " capacity")},
                   Field{"Tasks", Text(std::to_string(work.items.size()))}}));
    if (work.hours() > capacity.total_hours + 1e-9) {
      message.sections.push_back(paragraph(
          Text("That is over capacity by " + format_hours(work.hours() - capacity.total_hours) +
               ": the sprint will not start without the pm's override (force=yes).")));
    }
    if (auto warning = critical_left_out(context, work)) {
      message.sections.push_back(paragraph(std::move(*warning)));
    }
    return private_reply(std::move(message));
  }

  // A scope change: logged per task and announced, whoever is watching the channel.
  Text announced;
  for (const auto& item : joining) {
    const auto id = object_id("T", item.task.number);
    const nlohmann::ordered_json after = {{"task", id},
                                          {"title", item.task.title},
                                          {"why", entry_words(item.how)},
                                          {"status", store::to_string(item.task.status)}};
    record_decision(context, "sprint.scope_change", sid, "", after.dump());
    announced.plain(announced.empty() ? "" : "\n")
        .code(id)
        .plain(" " + item.task.title + " \xE2\x80\x94 " + entry_words(item.how));
  }
  Message announcement;
  announcement.title = "Scope change in " + sid;
  announcement.summary = "Scope change in " + sid;
  announcement.sections = {
      paragraph(Text("Added after the start by ").mention(context.request.user).plain(":")),
      paragraph(announced),
      paragraph(Text("Work in the sprint is now " + format_hours(work.hours()) + "."))};
  if (emergency) {
    announcement.note = Text("A production emergency: the task is recorded after the fact.");
  }
  notify_channel(context, announcement,
                 sid + "@" + std::to_string(sprint.project_id) + ":scope:" +
                     std::to_string(store::to_millis(context.now)) + ":" + added.dump());
  return private_reply(Text("Added ").append(names).plain(
      " to the running " + sid +
      " as a scope change. It is in the decision log and the team "
      "was told in the channel."));
}

}  // namespace accord::commands
