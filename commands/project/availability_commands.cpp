#include "commands/project/availability_commands.hpp"

#include "commands/time/availability.hpp"
#include "commands/time/time_policy.hpp"
#include "store/availability.hpp"

namespace accord::commands {
namespace {

constexpr std::string_view kAvailabilityUsage =
    "availability mon,wed,fri 10:00-12:00 [more days and hours] | availability clear";

Reply show_own(Context& context) {
  const auto& project = context.bound_project();
  const auto windows = person_availability(context.db, project, context.request.user);
  const auto zone = person_calendar(context.db, project, context.request.user).zone;
  if (windows.empty()) {
    return private_reply(Text("You declared no availability window in " + project.name +
                              ": requests reach you at once and reminders in your working "
                              "hours (" +
                              zone + "). Set one with ")
                             .code("/accord availability mon,wed,fri 10:00-12:00")
                             .plain("."));
  }
  return private_reply(Text("You take requests in " + project.name + " ")
                           .strong(describe_availability(windows) + " " + zone)
                           .plain(". ")
                           .code("/accord availability clear")
                           .plain(" takes them at any time again."));
}

}  // namespace

Reply availability_command(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kAvailabilityUsage)) {
    return std::move(*refusal);
  }
  const auto& project = context.bound_project();
  const auto& user = context.request.user;
  store::Availability availability(context.db);
  if (args.positional.empty()) return show_own(context);
  if (args.positional.size() == 1 && lower_ascii(args.positional[0].text) == "clear") {
    const auto before = availability.windows(project.id, user);
    if (!before) return private_reply(Text("You had no availability window to clear."));
    availability.clear(project.id, user);
    record_decision(context, "availability.clear", user, *before, "");
    return private_reply(
        Text("Cleared: requests reach you at once again, reminders in your working hours."));
  }
  std::vector<std::string> words;
  for (const auto& token : args.positional) words.push_back(lower_ascii(token.text));
  auto parsed = parse_availability(words);
  if (auto* problem = std::get_if<std::string>(&parsed)) {
    return usage(Text(*problem + " Nothing changed."), kAvailabilityUsage);
  }
  const auto& windows = std::get<std::vector<AvailabilityWindow>>(parsed);
  const auto text = format_availability(windows);
  const auto before = availability.windows(project.id, user);
  if (before == text) {
    return private_reply(Text("That is your availability already."));
  }
  availability.set(project.id, user, text, context.now);
  record_decision(context, "availability.set", user, before.value_or(""), text);
  const auto zone = person_calendar(context.db, project, user).zone;
  return private_reply(Text("You take requests in " + project.name + " ")
                           .strong(describe_availability(windows) + " " + zone)
                           .plain(". Requests and reminders that are not urgent wait for these "
                                  "hours; escalation deadlines still count business hours. ")
                           .code("/accord roles")
                           .plain(" shows it to the project."));
}

}  // namespace accord::commands
