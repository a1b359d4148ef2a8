#include "commands/scope/objective_commands.hpp"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "commands/time/calendar.hpp"
#include "store/objectives.hpp"

namespace accord::commands {
namespace {

using store::Role;

constexpr std::string_view kObjectiveAddUsage =
    "objective add \"Title\" [metric=\"...\"] [target=YYYY-MM-DD] [context=\"...\"]";
constexpr std::string_view kObjectiveShowUsage = "objective show O-1";
constexpr std::size_t kMaxObjectiveTitle = 200;
constexpr std::size_t kMaxMetric = 200;
constexpr std::size_t kMaxContext = 2000;

std::string objective_id(int number) {
  return "O-" + std::to_string(number);
}

// "O-3" (any case) → 3.
std::optional<int> parse_objective_id(std::string_view text) {
  if (text.size() < 3 || (text[0] != 'O' && text[0] != 'o') || text[1] != '-') return std::nullopt;
  int number = 0;
  const auto digits = text.substr(2);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (ec != std::errc() || end != digits.data() + digits.size() || number < 1) return std::nullopt;
  return number;
}

std::optional<Reply> too_long(std::string_view what, const std::string& text, std::size_t limit) {
  if (character_count(text) <= limit) return std::nullopt;
  return private_reply(Text("The " + std::string(what) + " is too long. Keep it to " +
                            std::to_string(limit) + " characters."));
}

std::vector<Field> objective_fields(const store::Objective& objective) {
  std::vector<Field> fields;
  if (!objective.metric.empty()) fields.push_back(Field{"Success metric", Text(objective.metric)});
  if (!objective.target_date.empty()) {
    fields.push_back(Field{"Target date", Text(objective.target_date)});
  }
  return fields;
}

Reply add_objective(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"title", "metric", "target", "context"},
                                            kObjectiveAddUsage)) {
    return std::move(*refusal);
  }
  const auto held = requester_roles(context);
  if (!holds_any(held, {Role::customer, Role::delegate, Role::pm})) {
    return private_reply(
        Text("Only the ")
            .strong("customer")
            .plain(", a ")
            .strong("delegate")
            .plain(" or the ")
            .strong("pm")
            .plain(" can record objectives. You are: " + describe_roles(held) + "."));
  }
  store::Objective objective;
  // A form sends the title as an option; typed, it is the words after "add".
  const auto titled = args.options.find("title");
  objective.title = titled != args.options.end() ? titled->second : join_words(args.positional, 1);
  if (objective.title.empty())
    return usage(Text("Give the objective a title."), kObjectiveAddUsage);
  auto option = [&](const char* key) {
    auto it = args.options.find(key);
    return it == args.options.end() ? std::string() : it->second;
  };
  objective.metric = option("metric");
  objective.context = option("context");
  objective.target_date = option("target");
  if (auto refusal = too_long("title", objective.title, kMaxObjectiveTitle))
    return std::move(*refusal);
  if (auto refusal = too_long("metric", objective.metric, kMaxMetric)) return std::move(*refusal);
  if (auto refusal = too_long("context", objective.context, kMaxContext)) {
    return std::move(*refusal);
  }
  if (args.options.count("target") > 0 && !is_calendar_date(objective.target_date)) {
    return private_reply(Text()
                             .code("target=" + objective.target_date)
                             .plain(" isn't a calendar date. Write the target as YYYY-MM-DD, "
                                    "like ")
                             .code("target=2027-03-31")
                             .plain("."));
  }

  const auto& project = context.bound_project();
  objective.project_id = project.id;
  objective.created_by = context.request.user;
  objective.created_at = context.now;
  const auto stored = store::Objectives(context.db).add(objective);
  const auto id = objective_id(stored.number);
  const nlohmann::json after = {{"title", stored.title},
                                {"metric", stored.metric},
                                {"target", stored.target_date},
                                {"context", stored.context}};
  record_decision(context, "objective.add", id, "", after.dump());

  Message message;
  message.summary = "Objective " + id + " recorded: " + stored.title;
  message.sections = {
      paragraph(Text("Objective ").strong(id).plain(" recorded: ").strong(stored.title),
                objective_fields(stored))};
  if (!stored.context.empty()) message.sections.push_back(paragraph(Text(stored.context)));
  message.note = Text("Recorded by ").mention(stored.created_by).plain(".");
  return channel_reply(std::move(message));
}

Reply show_objective(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kObjectiveShowUsage))
    return std::move(*refusal);
  const auto number =
      args.positional.size() == 2 ? parse_objective_id(args.positional[1].text) : std::nullopt;
  if (!number) return usage(Text("Say which objective, by its id."), kObjectiveShowUsage);
  const auto& project = context.bound_project();
  const auto objective = store::Objectives(context.db).find(project.id, *number);
  if (!objective) {
    return private_reply(Text("No objective ")
                             .code(objective_id(*number))
                             .plain(" in this project. ")
                             .code("/accord objective list")
                             .plain(" shows them all."));
  }
  Message message;
  message.title = "Objective " + objective_id(objective->number);
  message.sections = {
      paragraph(Text().strong(objective->title), objective_fields(*objective)),
      paragraph(
          Text(objective->context.empty() ? "No business context recorded." : objective->context)),
  };
  message.note = Text("Recorded by ")
                     .mention(objective->created_by)
                     .plain(" on " + local_date(objective->created_at, project.timezone) + ".");
  return private_reply(std::move(message));
}

}  // namespace

Reply list_objectives(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, "objective list")) {
    return std::move(*refusal);
  }
  const auto& project = context.bound_project();
  const auto objectives = store::Objectives(context.db).list(project.id);
  if (objectives.empty()) {
    return private_reply(Text("No objectives yet. Add one with ")
                             .code("/accord objective add \"Title\" metric=\"...\" "
                                   "target=YYYY-MM-DD")
                             .plain("."));
  }
  Message message;
  message.title = "Objectives in " + project.name;
  // A section per objective keeps each within the platforms' text limits.
  const auto shown = std::min(objectives.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& objective = objectives[i];
    Text line = Text().code(objective_id(objective.number)).plain(" " + objective.title);
    if (!objective.target_date.empty()) line.plain(" (target " + objective.target_date + ")");
    message.sections.push_back(paragraph(std::move(line)));
  }
  if (shown < objectives.size()) {
    message.note = more_rows(objectives.size() - shown);
  }
  return private_reply(std::move(message));
}

Reply objective_command(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "" : lower_ascii(args.positional[0].text);
  if (sub == "add") return add_objective(context, args);
  if (sub == "show") return show_objective(context, args);
  if (sub == "list") {
    CommandLine rest = args;
    rest.positional.erase(rest.positional.begin());
    return list_objectives(context, rest);
  }
  return private_reply(Text("Usage: ")
                           .code("/accord " + std::string(kObjectiveAddUsage))
                           .plain(", ")
                           .code("/accord objective list")
                           .plain(" or ")
                           .code("/accord " + std::string(kObjectiveShowUsage))
                           .plain("."));
}

}  // namespace accord::commands
