#include "commands/project/project_setup.hpp"

#include <charconv>
#include <cstdio>
#include <variant>

#include <nlohmann/json.hpp>

#include "commands/project/weekly_report.hpp"
#include "commands/time/calendar.hpp"
#include "store/roles.hpp"

namespace accord::commands {
namespace {

constexpr std::string_view kSetupUsage =
    "setup \"Project name\" [tz=Europe/Berlin] [sprint=1w|2w] [hours=6]";
constexpr std::size_t kMaxProjectName = 80;
constexpr double kMaxSetupHoursPerDay = 24.0;

std::string hours_per_day_text(double hours) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", hours);
  return buffer;
}

// Settings from the options, or the refusal explaining the first bad one.
std::variant<store::Project, Reply> read_settings(const CommandLine& args) {
  store::Project project;
  if (auto it = args.options.find("tz"); it != args.options.end()) {
    if (!is_time_zone(it->second)) {
      Text problem = it->second.empty() ? Text("The time zone is missing")
                                        : Text("Unknown time zone ").code(it->second);
      return private_reply(problem.plain(". Use an IANA name like Europe/Berlin."));
    }
    project.timezone = it->second;
  }
  if (auto it = args.options.find("sprint"); it != args.options.end()) {
    const auto sprint = lower_ascii(it->second);
    if (sprint != "1w" && sprint != "2w") {
      return private_reply(Text("Sprints last one or two weeks: use ")
                               .code("sprint=1w")
                               .plain(" or ")
                               .code("sprint=2w")
                               .plain("."));
    }
    project.sprint_weeks = sprint == "1w" ? 1 : 2;
  }
  if (auto it = args.options.find("hours"); it != args.options.end()) {
    std::string_view text = it->second;
    if (text.ends_with('h')) text.remove_suffix(1);
    double hours = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), hours);
    // Written as a comparison that NaN fails.
    if (ec != std::errc() || end != text.data() + text.size() || text.empty() ||
        !(hours > 0 && hours <= kMaxSetupHoursPerDay)) {
      return private_reply(Text("Hours per day must be a number above 0 and at most 24, like ")
                               .code("hours=6")
                               .plain(" or ")
                               .code("hours=7.5")
                               .plain("."));
    }
    project.hours_per_day = hours;
  }
  return project;
}

Message announcement(const store::Project& project) {
  Message message;
  message.title = "Project " + project.name;
  message.summary = "Project " + project.name + " is set up";
  message.sections = {
      paragraph(Text("This channel is now the home of ")
                    .strong(project.name)
                    .plain(". ")
                    .mention(project.created_by)
                    .plain(" is its pm."),
                {Field{"Time zone", Text(project.timezone)},
                 Field{"Sprints", Text(project.sprint_weeks == 1 ? "1 week" : "2 weeks")},
                 Field{"Hours per day", Text(hours_per_day_text(project.hours_per_day))}}),
      paragraph(Text("Next, add the people: ")
                    .code("/accord role add @person customer")
                    .plain(" for the customer, and ")
                    .code("dev")
                    .plain(", ")
                    .code("lead")
                    .plain(" or ")
                    .code("qa")
                    .plain(" for the team. Then record the first objective with ")
                    .code("/accord objective add \"Title\"")
                    .plain(".")),
      paragraph(Text("For a weekly status report with charts to the customer side and you: ")
                    .code("/accord settings report=fri 16:00")
                    .plain(".")),
  };
  message.buttons = {command_button("How roles work", "help roles"),
                     command_button("Show roles", "roles")};
  return message;
}

Reply already_bound(const store::Project& existing) {
  return private_reply(Text("This channel already belongs to the project ")
                           .strong(existing.name)
                           .plain(". Each channel holds one project; start another in a new "
                                  "channel."));
}

}  // namespace

Reply setup_project(Context& context, const CommandLine& args) {
  if (context.project) return already_bound(*context.project);
  if (auto refusal = reject_unknown_options(args, {"tz", "sprint", "hours"}, kSetupUsage)) {
    return std::move(*refusal);
  }
  const auto name = join_words(args.positional, 0);
  if (name.empty()) return usage(Text("Give the project a name."), kSetupUsage);
  if (character_count(name) > kMaxProjectName) {
    return private_reply(Text("That name is too long. Keep it to " +
                              std::to_string(kMaxProjectName) + " characters."));
  }
  auto settings = read_settings(args);
  if (auto* refusal = std::get_if<Reply>(&settings)) return std::move(*refusal);

  auto project = std::get<store::Project>(std::move(settings));
  project.platform = context.request.platform;
  project.workspace = context.request.workspace;
  project.channel = context.request.channel;
  project.name = name;
  project.created_by = context.request.user;
  project.created_at = context.now;
  auto created = store::Projects(context.db).create(project);
  // Unreachable while the transaction holds the write lock; kept as an answer, not a crash.
  if (!created) return private_reply(Text("This channel already has a project."));
  context.project = *created;
  store::Roles(context.db)
      .grant(created->id, context.request.user, store::Role::pm, context.request.user, context.now);
  store::Homes(context.db)
      .set_reach(created->id, context.request.user, {project.platform, project.workspace});
  // The pm's profile: their time zone for reminders, their name for the other platform.
  refresh_profile(context, context.request.user);
  schedule_weekly_report(context);

  const nlohmann::json settings_json = {{"name", created->name},
                                        {"timezone", created->timezone},
                                        {"sprint_weeks", created->sprint_weeks},
                                        {"hours_per_day", created->hours_per_day}};
  record_decision(context, "project.setup", "project", "", settings_json.dump());
  record_decision(context, "role.add", context.request.user, "", "pm");
  return channel_reply(announcement(*created));
}

}  // namespace accord::commands
