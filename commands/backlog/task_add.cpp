#include "commands/backlog/task_add.hpp"

#include <algorithm>
#include <map>

#include "commands/backlog/task_form.hpp"
#include "commands/backlog/task_rules.hpp"
#include "commands/backlog/task_templates.hpp"
#include "commands/core/object_ids.hpp"
#include "store/capabilities.hpp"
#include "store/tasks.hpp"

namespace accord::commands {
namespace {

// Problems by field id (the form's fields and the typed options share names).
using FieldErrors = std::map<std::string, std::string>;
constexpr std::string_view kFieldOrder[] = {"title",    "kind",     "priority", "story",
                                            "criteria", "estimate", "epic"};

struct Draft {
  store::Task task;
  std::vector<std::string> criteria;
};

std::string task_option(const CommandLine& args, const std::string& key) {
  const auto found = args.options.find(key);
  return found == args.options.end() ? std::string() : trimmed(found->second);
}

// Typed criteria are separated by ";" or lines; a form's by lines only, so ";" may be in one.
std::vector<std::string> split_criteria(const std::string& text, bool from_form) {
  std::vector<std::string> criteria;
  std::string current;
  auto finish = [&] {
    auto criterion = trimmed(current);
    if (!criterion.empty()) criteria.push_back(std::move(criterion));
    current.clear();
  };
  for (char c : text) {
    if (c == '\n' || (c == ';' && !from_form)) {
      finish();
    } else if (c != '\r') {
      current += c;
    }
  }
  finish();
  return criteria;
}

void read_fields(Context& context, const CommandLine& args, bool from_form,
                 const std::vector<store::Role>& held, Draft& draft, FieldErrors& errors) {
  auto& task = draft.task;
  if (const auto kind = lower_ascii(task_option(args, "kind")); !kind.empty()) {
    if (auto parsed = store::parse_task_kind(kind)) {
      task.kind = *parsed;
    } else {
      errors["kind"] = "\"" + kind + "\" isn't a kind. Use feature, bug, debt, test or docs.";
    }
  }
  if (const auto priority = lower_ascii(task_option(args, "priority")); !priority.empty()) {
    if (!holds_any(held, priority_setters())) {
      errors["priority"] =
          "Only a customer or delegate sets priority (you are: " + describe_roles(held) +
          "). Leave it out: the task starts at medium and the customer decides.";
    } else if (auto parsed = store::parse_priority(priority)) {
      task.priority = *parsed;
    } else {
      errors["priority"] =
          "\"" + priority + "\" isn't a priority. Use critical, high, medium or low.";
    }
  }
  task.story = task_option(args, "story");
  if (character_count(task.story) > kMaxStory) {
    errors["story"] = "Keep the story to " + std::to_string(kMaxStory) + " characters.";
  }
  draft.criteria = split_criteria(task_option(args, "criteria"), from_form);
  if (draft.criteria.size() > kMaxCriteria) {
    errors["criteria"] = "At most " + std::to_string(kMaxCriteria) + " criteria per task.";
  } else if (std::any_of(draft.criteria.begin(), draft.criteria.end(),
                         [](const auto& text) { return character_count(text) > kMaxCriterion; })) {
    errors["criteria"] = "Keep each criterion to " + std::to_string(kMaxCriterion) + " characters.";
  }
  if (const auto estimate = task_option(args, "estimate"); !estimate.empty()) {
    auto parsed = parse_estimate(estimate);
    if (auto* hours = std::get_if<double>(&parsed)) {
      task.estimate_hours = *hours;
    } else {
      errors["estimate"] = std::get<std::string>(parsed);
    }
  }
  if (const auto epic = task_option(args, "epic"); !epic.empty()) {
    const auto number = parse_object_id("C", epic);
    const auto capability =
        number ? store::Capabilities(context.db).find(context.bound_project().id, *number)
               : std::nullopt;
    if (capability && capability->status == "accepted") {
      task.epic_id = capability->id;
    } else if (number) {
      errors["epic"] =
          object_id("C", *number) + " is not an accepted capability, so it is not an epic yet.";
    } else {
      errors["epic"] = "\"" + epic + "\" isn't a capability id. Write it like C-2.";
    }
  }
}

Reply typed_errors(const FieldErrors& errors) {
  Text problem("I couldn't add the task.");
  for (auto field : kFieldOrder) {
    const auto found = errors.find(std::string(field));
    if (found != errors.end()) problem.plain(" " + found->second);
  }
  return usage(std::move(problem), kTaskAddUsage);
}

// The form again with what was sent, for platforms that show the problems by re-showing it.
Reply form_errors(FieldErrors errors, const CommandLine& args, bool can_prioritise) {
  Reply reply = private_reply(Text("Some fields need fixing; the task was not added yet."));
  reply.field_errors = std::move(errors);
  reply.form = new_task_form(args.options, can_prioritise);
  return reply;
}

Reply added(Context& context, const store::Task& task, const std::vector<std::string>& criteria,
            bool can_prioritise) {
  const auto id = object_id("T", task.number);
  std::vector<Field> fields = {
      Field{"Kind", Text(std::string(store::to_string(task.kind)))},
      Field{"Priority", Text(std::string(store::to_string(task.priority)))}};
  if (task.estimate_hours) fields.push_back({"Estimate", Text(format_hours(*task.estimate_hours))});
  if (task.epic_id) fields.push_back({"Epic", Text(object_id("C", task.epic_number))});
  if (!criteria.empty()) {
    fields.push_back({"Acceptance criteria", Text(std::to_string(criteria.size()))});
  }
  Message message;
  message.summary = "Task " + id + " added: " + task.title;
  message.sections = {
      paragraph(Text("Task ").strong(id).plain(" added: ").strong(task.title), std::move(fields))};
  if (!task.story.empty()) message.sections.push_back(paragraph(Text(task.story)));
  message.note = Text("Added by ").mention(context.request.user).plain(".");
  if (!can_prioritise) {
    message.note.plain(" It starts at medium priority; the customer or a delegate sets it with ")
        .code("/accord task priority " + id + " <priority>")
        .plain(".");
  }
  message.buttons = {command_button("Show " + id, "task show " + id)};
  return channel_reply(std::move(message));
}

// `from=<name>`: the template's kind, story, criteria and title skeleton fill what was not given
// (criteria one per line, as the form reads them).
std::optional<Reply> fill_from_template(Context& context, CommandLine& args) {
  const auto from = args.options.find("from");
  if (from == args.options.end()) return std::nullopt;
  const auto name = lower_ascii(trimmed(from->second));
  args.options.erase(from);
  const auto fill = find_template(context, name);
  if (!fill) return no_such_template(context, name, kTaskAddUsage);
  auto& options = args.options;
  options.try_emplace("kind", std::string(store::to_string(fill->kind)));
  if (!fill->story.empty()) options.try_emplace("story", fill->story);
  if (!fill->criteria.empty()) {
    std::string lines;
    for (const auto& criterion : fill->criteria) lines += (lines.empty() ? "" : "\n") + criterion;
    options.try_emplace("criteria", lines);
  }
  if (!fill->title.empty() && args.positional.size() <= 1 && args.options.count("title") == 0) {
    // No title typed: the form opens with the skeleton to complete.
    options.try_emplace("title", fill->title);
    options.try_emplace("skeleton", "yes");
  }
  return std::nullopt;
}

}  // namespace

Reply add_task(Context& context, const CommandLine& typed) {
  if (auto refusal = reject_unknown_options(
          typed, {"title", "kind", "priority", "estimate", "epic", "story", "criteria", "from"},
          kTaskAddUsage)) {
    return std::move(*refusal);
  }
  CommandLine args = typed;
  if (auto refusal = fill_from_template(context, args)) return std::move(*refusal);
  // A title skeleton from a template is for the person to complete in the form, not a title.
  const bool skeleton = args.options.erase("skeleton") > 0;
  const bool from_form = context.request.action_id == kSubmitFormAction;
  const auto held = requester_roles(context);
  const bool can_prioritise = holds_any(held, priority_setters());

  Draft draft;
  FieldErrors errors;
  // A form sends the title as an task_option; typed, it is the words after "add".
  draft.task.title =
      args.options.count("title") > 0 ? task_option(args, "title") : join_words(args.positional, 1);
  read_fields(context, args, from_form, held, draft, errors);
  if ((draft.task.title.empty() || skeleton) && !from_form) {
    if (!errors.empty()) return typed_errors(errors);
    return new_task_form_reply(args.options, can_prioritise);
  }
  if (draft.task.title.empty()) {
    errors["title"] = "Give the task a title.";
  } else if (character_count(draft.task.title) > kMaxTaskTitle) {
    errors["title"] = "Keep the title to " + std::to_string(kMaxTaskTitle) + " characters.";
  }
  if (!errors.empty()) {
    return from_form ? form_errors(std::move(errors), args, can_prioritise) : typed_errors(errors);
  }

  draft.task.project_id = context.bound_project().id;
  draft.task.created_by = context.request.user;
  draft.task.created_at = context.now;
  const auto stored = store::Tasks(context.db).add(draft.task, draft.criteria);
  record_decision(context, "task.add", object_id("T", stored.number), "",
                  task_summary_json(stored, draft.criteria));
  return added(context, stored, draft.criteria, can_prioritise);
}

}  // namespace accord::commands
