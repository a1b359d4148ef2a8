#include "commands/scope/capability_commands.hpp"

#include <charconv>
#include <sstream>

#include "commands/core/object_ids.hpp"
#include "commands/scope/scope_objects.hpp"

namespace accord::commands {
namespace {

using store::Role;

constexpr std::string_view kCapabilityAddUsage =
    "capability add O-n \"Title\" covers=S-1,S-2 [size=40h]";
constexpr std::size_t kMaxCapabilityTitle = 200;
constexpr double kMaxSizeHours = 10000;

// "40h" or "40" → 40.
std::optional<double> read_hours(std::string text) {
  if (!text.empty() && (text.back() == 'h' || text.back() == 'H')) text.pop_back();
  double hours = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), hours);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !(hours > 0) ||
      hours > kMaxSizeHours) {
    return std::nullopt;
  }
  return hours;
}

// The scenarios of "S-1,S-2" within the objective, or what to say.
std::variant<std::vector<std::int64_t>, Reply> read_covers(Context& context,
                                                           const store::Objective& objective,
                                                           const std::string& text) {
  std::vector<std::int64_t> ids;
  std::stringstream list(text);
  std::string word;
  while (std::getline(list, word, ',')) {
    if (word.empty()) continue;
    const auto number = parse_object_id("S", word);
    const auto scenario =
        number ? store::Scenarios(context.db).find(context.bound_project().id, *number)
               : std::nullopt;
    if (!scenario || scenario->objective_id != objective.id) {
      return private_reply(
          Text()
              .code(word)
              .plain(" isn't a scenario of " + object_id("O", objective.number) + ". ")
              .code("/accord scenario list " + object_id("O", objective.number))
              .plain(" shows them."));
    }
    ids.push_back(scenario->id);
  }
  if (ids.empty()) {
    return usage(Text("Say which scenarios it covers with ").code("covers=S-1,S-2").plain("."),
                 kCapabilityAddUsage);
  }
  return ids;
}

Reply add_capability(Context& context, const CommandLine& args) {
  if (auto refusal =
          reject_unknown_options(args, {"covers", "size", "title"}, kCapabilityAddUsage)) {
    return std::move(*refusal);
  }
  const auto held = requester_roles(context);
  if (!holds_any(held, {Role::pm, Role::lead, Role::dev, Role::qa})) {
    return private_reply(
        Text("Only the contractor's team (")
            .strong("pm")
            .plain(", ")
            .strong("lead")
            .plain(", ")
            .strong("dev")
            .plain(", ")
            .strong("qa")
            .plain(") can draft capabilities. You are: " + describe_roles(held) + "."));
  }
  auto found = objective_named(context, word_at(args, 1), kCapabilityAddUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& objective = std::get<store::Objective>(found);
  const auto titled = args.options.find("title");
  const auto title = titled != args.options.end() ? titled->second : join_words(args.positional, 2);
  if (title.empty()) return usage(Text("Give the capability a title."), kCapabilityAddUsage);
  if (character_count(title) > kMaxCapabilityTitle) {
    return private_reply(Text("The title is too long. Keep it to 200 characters."));
  }
  const auto covers = args.options.find("covers");
  auto scenario_ids = read_covers(context, objective,
                                  covers == args.options.end() ? std::string() : covers->second);
  if (auto* reply = std::get_if<Reply>(&scenario_ids)) return std::move(*reply);

  store::Capability capability;
  if (const auto size = args.options.find("size"); size != args.options.end()) {
    capability.size_hours = read_hours(size->second);
    if (!capability.size_hours) {
      return usage(Text()
                       .code("size=" + size->second)
                       .plain(" isn't a size in hours, like ")
                       .code("size=40h")
                       .plain("."),
                   kCapabilityAddUsage);
    }
  }
  capability.project_id = context.bound_project().id;
  capability.objective_id = objective.id;
  capability.title = title;
  capability.scenario_ids = std::get<std::vector<std::int64_t>>(std::move(scenario_ids));
  capability.created_by = context.request.user;
  capability.created_at = context.now;
  const auto stored = store::Capabilities(context.db).add(capability);
  const auto id = object_id("C", stored.number);
  const auto oid = object_id("O", objective.number);
  record_decision(context, "capability.add", id, "",
                  oid + ": " + title + " covers " + covers->second);

  Message message;
  message.summary = "Capability " + id + " drafted: " + title;
  message.sections = {paragraph(Text("Capability ")
                                    .strong(id)
                                    .plain(" drafted for " + oid + ": " + title + ", covering " +
                                           covers->second + ". Send it to the customer with ")
                                    .code("/accord proposal submit " + oid)
                                    .plain("."))};
  message.note = Text("Drafted by ").mention(context.request.user).plain(".");
  return channel_reply(std::move(message));
}

}  // namespace

Reply capability_command(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "" : lower_ascii(args.positional[0].text);
  if (sub == "add") return add_capability(context, args);
  return private_reply(
      Text("Usage: ").code("/accord " + std::string(kCapabilityAddUsage)).plain("."));
}

}  // namespace accord::commands
