#include "commands/backlog/task_templates.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "commands/backlog/task_rules.hpp"
#include "store/task_templates.hpp"

namespace accord::commands {
namespace {

constexpr std::string_view kTemplateShowUsage = "task template feature|bug|<name>";
constexpr std::string_view kTemplateAddUsage =
    "template add <name> \"Title skeleton\" [kind=bug] [story=\"...\"] [criteria=\"a; b\"]";
constexpr std::string_view kTemplateRemoveUsage = "template remove <name>";
constexpr std::size_t kMaxTemplateName = 30;
constexpr std::size_t kMaxTemplates = 50;

struct BuiltIn {
  std::string_view name;
  std::string_view title;
  std::string_view story;
  std::string_view criteria;  // separated by "; "
};

constexpr BuiltIn kBuiltIns[] = {
    {"feature", "", "As a [role] I want [goal] so that [benefit]",
     "Given [context] when [action] then [result]; Works on the supported browsers and devices; "
     "Documented for users where it changes what they see"},
    {"bug", "",
     "Steps to reproduce: [1, 2, 3]. Expected: [what should happen]. Actual: [what happens]. "
     "Where: [environment, version]",
     "The steps no longer reproduce the problem; An automated test covers the case; No related "
     "regression in [area]"},
};

std::vector<std::string> split_on_semicolons(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(';', start), text.size());
    auto part = trimmed(text.substr(start, end - start));
    if (!part.empty()) parts.push_back(std::move(part));
    start = end + 1;
  }
  return parts;
}

std::optional<TemplateFill> built_in(const std::string& name) {
  const auto* found = std::find_if(std::begin(kBuiltIns), std::end(kBuiltIns),
                                   [&](const BuiltIn& b) { return b.name == name; });
  if (found == std::end(kBuiltIns)) return std::nullopt;
  TemplateFill fill;
  fill.name = name;
  fill.title = std::string(found->title);
  fill.kind = name == "bug" ? store::TaskKind::bug : store::TaskKind::feature;
  fill.story = std::string(found->story);
  fill.criteria = split_on_semicolons(found->criteria);
  fill.built_in = true;
  return fill;
}

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > kMaxTemplateName) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::string joined_criteria(const std::vector<std::string>& criteria) {
  std::string text;
  for (const auto& criterion : criteria) text += (text.empty() ? "" : "; ") + criterion;
  return text;
}

// The names there are: the project's, then the built-in ones it does not replace.
std::vector<std::string> template_names(Context& context) {
  std::vector<std::string> names;
  for (const auto& own : store::TaskTemplates(context.db).list(context.bound_project().id)) {
    names.push_back(own.name);
  }
  for (const auto& each : kBuiltIns) {
    if (std::find(names.begin(), names.end(), each.name) == names.end()) {
      names.emplace_back(each.name);
    }
  }
  return names;
}

Message template_message(const TemplateFill& fill) {
  const std::string kind(store::to_string(fill.kind));
  Text listed = Text().strong("Acceptance criteria:");
  if (fill.criteria.empty()) listed.plain(" none");
  for (std::size_t i = 0; i < fill.criteria.size(); ++i) {
    listed.plain("\n" + std::to_string(i + 1) + ". " + fill.criteria[i]);
  }
  Message message;
  message.title = "Template: " + fill.name;
  std::vector<Field> fields = {{"Kind", Text(kind)}};
  if (!fill.title.empty()) fields.push_back({"Title", Text(fill.title)});
  fields.push_back({"Source", Text(fill.built_in ? "built in" : "this project's")});
  message.sections = {
      paragraph(Text().strong("User story: ").plain(fill.story.empty() ? "none" : fill.story),
                std::move(fields)),
      paragraph(std::move(listed)),
      paragraph(Text("By command: ")
                    .code("/accord task add \"Title\" from=" + fill.name)
                    .plain(", or without a title for the form.")),
  };
  message.buttons = {command_button("Use this template", "task add from=" + fill.name)};
  return message;
}

Reply add_template(Context& context, const CommandLine& args) {
  if (auto refusal =
          reject_unknown_options(args, {"kind", "story", "criteria", "title"}, kTemplateAddUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_role(context, task_writers(), "write templates")) {
    return std::move(*refusal);
  }
  if (args.positional.size() < 2) {
    return usage(Text("Name the template, like ").code("login-bug").plain("."), kTemplateAddUsage);
  }
  const auto name = lower_ascii(args.positional[1].text);
  if (!valid_name(name)) {
    return usage(Text()
                     .code(args.positional[1].text)
                     .plain(" can't be a template's name: use up to " +
                            std::to_string(kMaxTemplateName) + " letters, digits, - or _, like ")
                     .code("login-bug")
                     .plain("."),
                 kTemplateAddUsage);
  }
  store::TaskTemplate made;
  made.project_id = context.bound_project().id;
  made.name = name;
  const auto titled = args.options.find("title");
  made.title =
      titled != args.options.end() ? trimmed(titled->second) : join_words(args.positional, 2);
  if (character_count(made.title) > kMaxTaskTitle) {
    return private_reply(Text("Keep the title to " + std::to_string(kMaxTaskTitle) +
                              " characters. Nothing changed."));
  }
  if (const auto kind = args.options.find("kind"); kind != args.options.end()) {
    const auto parsed = store::parse_task_kind(lower_ascii(trimmed(kind->second)));
    if (!parsed) {
      return usage(Text("Give one kind: ").append(choices_text(kind_names())).plain("."),
                   kTemplateAddUsage);
    }
    made.kind = *parsed;
  } else if (name == "bug") {
    made.kind = store::TaskKind::bug;
  }
  if (const auto story = args.options.find("story"); story != args.options.end()) {
    made.story = trimmed(story->second);
  }
  if (character_count(made.story) > kMaxStory) {
    return private_reply(
        Text("Keep the story to " + std::to_string(kMaxStory) + " characters. Nothing changed."));
  }
  if (const auto criteria = args.options.find("criteria"); criteria != args.options.end()) {
    made.criteria = split_on_semicolons(criteria->second);
  }
  if (made.criteria.size() > kMaxCriteria ||
      std::any_of(made.criteria.begin(), made.criteria.end(),
                  [](const auto& c) { return character_count(c) > kMaxCriterion; })) {
    return private_reply(Text("At most " + std::to_string(kMaxCriteria) + " criteria of " +
                              std::to_string(kMaxCriterion) +
                              " characters each. Nothing changed."));
  }
  if (made.title.empty() && made.story.empty() && made.criteria.empty()) {
    return usage(Text("A template needs something to fill in: a title, a story or criteria."),
                 kTemplateAddUsage);
  }
  store::TaskTemplates templates(context.db);
  const auto before = templates.find(made.project_id, name);
  if (!before && templates.list(made.project_id).size() >= kMaxTemplates) {
    return private_reply(Text("This project has " + std::to_string(kMaxTemplates) +
                              " templates, the most it may. Remove one first."));
  }
  made.added_by = context.request.user;
  made.added_at = context.now;
  templates.put(made);
  const auto as_json = [](const store::TaskTemplate& t) {
    return nlohmann::json{{"title", t.title},
                          {"kind", std::string(store::to_string(t.kind))},
                          {"story", t.story},
                          {"criteria", t.criteria}}
        .dump();
  };
  record_decision(context, "template.add", "template " + name, before ? as_json(*before) : "",
                  as_json(made));
  Message message;
  message.summary = "Template " + name + (before ? " changed" : " added");
  Text what = Text("Template ").strong(name).plain(before ? " changed" : " added");
  if (!before && built_in(name)) what.plain(" (this project's, instead of the built-in one)");
  message.sections = {
      paragraph(what.plain(": ")
                    .code("/accord task add from=" + name)
                    .plain(" fills in " + std::string(store::to_string(made.kind)) +
                           (made.title.empty() ? "" : ", the title") +
                           (made.story.empty() ? "" : ", the story") +
                           (made.criteria.empty()
                                ? ""
                                : ", " + std::to_string(made.criteria.size()) + " criteria") +
                           "."))};
  message.note = Text("Written by ").mention(context.request.user).plain(".");
  return channel_reply(std::move(message));
}

Reply list_templates(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, "template list")) return std::move(*refusal);
  Message message;
  message.title = "Task templates";
  for (const auto& name : template_names(context)) {
    const auto fill = find_template(context, name);
    if (!fill) continue;
    Text line = Text().code(name).plain(" " + std::string(store::to_string(fill->kind)));
    if (!fill->title.empty()) line.plain(": " + fill->title);
    line.plain(fill->built_in ? " \xC2\xB7 built in" : "");
    message.sections.push_back(paragraph(std::move(line)));
  }
  message.note = Text("Use one: ")
                     .code("/accord task add from=<name>")
                     .plain(". Write one: ")
                     .code("/accord " + std::string(kTemplateAddUsage))
                     .plain(".");
  return private_reply(std::move(message));
}

Reply remove_template(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kTemplateRemoveUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_role(context, task_writers(), "remove templates")) {
    return std::move(*refusal);
  }
  if (args.positional.size() != 2) return usage(Text("Name one template."), kTemplateRemoveUsage);
  const auto name = lower_ascii(args.positional[1].text);
  store::TaskTemplates templates(context.db);
  const auto before = templates.find(context.bound_project().id, name);
  if (!before) {
    if (built_in(name)) {
      return private_reply(
          Text().code(name).plain(" is built in and stays; a template of that name you add "
                                  "replaces it for this project."));
    }
    return no_such_template(context, name, kTemplateRemoveUsage);
  }
  templates.remove(context.bound_project().id, name);
  record_decision(context, "template.remove", "template " + name, before->title, "");
  Message message;
  message.summary = "Template " + name + " removed";
  Text what = Text("Template ").strong(name).plain(" removed");
  if (built_in(name)) what.plain("; the built-in one applies again");
  message.sections = {paragraph(what.plain("."))};
  message.note = Text("Removed by ").mention(context.request.user).plain(".");
  return channel_reply(std::move(message));
}

}  // namespace

std::optional<TemplateFill> find_template(Context& context, const std::string& name) {
  if (const auto own = store::TaskTemplates(context.db).find(context.bound_project().id, name)) {
    TemplateFill fill;
    fill.name = own->name;
    fill.title = own->title;
    fill.kind = own->kind;
    fill.story = own->story;
    fill.criteria = own->criteria;
    return fill;
  }
  return built_in(name);
}

Reply no_such_template(Context& context, const std::string& name, std::string_view usage_line) {
  Text text = Text("No template ").code(name).plain(". Templates:");
  const auto names = template_names(context);
  for (std::size_t i = 0; i < names.size(); ++i) text.plain(i == 0 ? " " : ", ").code(names[i]);
  return usage(text.plain("."), usage_line);
}

Reply show_template(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kTemplateShowUsage)) {
    return std::move(*refusal);
  }
  if (args.positional.size() != 2) {
    return no_such_template(context, "", kTemplateShowUsage);
  }
  const auto name = lower_ascii(args.positional[1].text);
  const auto fill = find_template(context, name);
  if (!fill) return no_such_template(context, name, kTemplateShowUsage);
  auto message = template_message(*fill);
  message.sections.insert(
      message.sections.begin() + 2,
      paragraph(Text("Criteria as typed: ")
                    .code("criteria=\"" + joined_criteria(fill->criteria) + "\"")));
  return private_reply(std::move(message));
}

Reply template_command(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "list" : lower_ascii(args.positional[0].text);
  if (sub == "add") return add_template(context, args);
  if (sub == "list") return list_templates(context, args);
  if (sub == "remove") return remove_template(context, args);
  if (sub == "show") return show_template(context, args);
  return private_reply(Text("Template commands: ")
                           .code("add")
                           .plain(", ")
                           .code("list")
                           .plain(", ")
                           .code("show")
                           .plain(", ")
                           .code("remove")
                           .plain(". ")
                           .code("/accord help tasks")
                           .plain(" explains each."));
}

}  // namespace accord::commands
