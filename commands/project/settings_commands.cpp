#include "commands/project/settings_commands.hpp"

#include <map>

#include "commands/project/weekly_report.hpp"
#include "commands/sprints/burn_down.hpp"
#include "commands/sprints/sprint_ending.hpp"
#include "commands/time/time_policy.hpp"
#include "store/project_settings.hpp"
#include "store/sprints.hpp"

namespace accord::commands {
namespace {

constexpr std::string_view kSettingsUsage =
    "settings [approval=any|all] [digest=09:00] [workdays=mon-fri] [hours=09:00-18:00] "
    "[holidays=YYYY-MM-DD,...|none] [cr_expiry=<days>] [sponsor_after=<days>|off] "
    "[report=\"fri 16:00\"|off] [ack_timeout=4h] [resolve_timeout=3d]";

std::vector<std::string_view> setting_keys() {
  std::vector<std::string_view> keys;
  for (const auto& spec : setting_specs()) keys.push_back(spec.key);
  return keys;
}

// "key=value", as typed.
std::string assignment(const std::string& key, const std::string& value) {
  std::string text = key;
  text += '=';
  text += value;
  return text;
}

Reply show_settings(Context& context) {
  const auto& project = context.bound_project();
  Message message;
  message.title = "Settings of " + project.name;
  std::vector<Field> fields;
  for (const auto& spec : setting_specs()) {
    const auto value = setting_value(context.db, project.id, spec.key);
    Text text = Text().code(value).plain(" \xE2\x80\x94 " + std::string(spec.meaning));
    if (value == spec.default_value) text.plain(" (default)");
    fields.push_back(Field{std::string(spec.key), std::move(text)});
  }
  message.sections = {paragraph(Text("Times are in the project's zone (" + project.timezone +
                                     "), except each person's digest, which follows their own."),
                                std::move(fields))};
  message.note = Text("The pm changes them, e.g. ")
                     .code("/accord settings digest=08:30 holidays=2026-12-24,2026-12-25")
                     .plain(".");
  return private_reply(std::move(message));
}

}  // namespace

Reply settings_command(Context& context, const CommandLine& line) {
  // `report=fri 16:00` as people write it: the time arrives as a word of its own.
  CommandLine args = line;
  if (const auto report = args.options.find("report");
      report != args.options.end() && args.positional.size() == 1 &&
      report->second.find(' ') == std::string::npos && !args.positional.front().quoted) {
    report->second += " " + args.positional.front().text;
    args.positional.clear();
  }
  if (auto refusal = reject_unknown_options(args, setting_keys(), kSettingsUsage)) {
    return std::move(*refusal);
  }
  if (!args.positional.empty()) {
    return usage(Text("Settings are changed as key=value."), kSettingsUsage);
  }
  if (args.options.empty()) return show_settings(context);

  const auto held = requester_roles(context);
  if (!holds_any(held, {store::Role::pm})) {
    return private_reply(Text("Only the project's ")
                             .strong("pm")
                             .plain(" can change settings. You are: " + describe_roles(held) + ". ")
                             .code("/accord settings")
                             .plain(" shows them."));
  }
  // Every value is checked before any is stored: a mistake changes nothing.
  std::map<std::string, std::string> wanted;
  for (const auto& [key, value] : args.options) {
    const auto* spec = find_setting(lower_ascii(key));
    const auto normalized = spec->normalize(lower_ascii(value));
    if (!normalized) {
      return usage(Text()
                       .code(assignment(key, value))
                       .plain(" isn't valid: " + std::string(spec->meaning) + ", e.g. ")
                       .code(std::string(spec->key) + "=" + std::string(spec->example))
                       .plain("."),
                   kSettingsUsage);
    }
    wanted[std::string(spec->key)] = *normalized;
  }
  const auto& project = context.bound_project();
  store::ProjectSettings settings(context.db);
  Text changes;
  for (const auto& [key, value] : wanted) {
    const auto before = setting_value(context.db, project.id, key);
    if (before == value) continue;
    settings.set(project.id, key, value);
    record_decision(context, "settings." + key, key, before, value);
    changes.plain(changes.empty() ? "" : ", ").code(assignment(key, value));
  }
  // The report's next time follows its setting and the calendar's holidays and workdays; the
  // burn-down's next snapshot, the end of the next working day; the sprint's ending reminder, its
  // last working day (a new holiday can move it) and the morning's digest time.
  const bool calendar_changed =
      wanted.count("holidays") + wanted.count("workdays") + wanted.count("hours") != 0;
  if (calendar_changed || wanted.count("report") != 0) schedule_weekly_report(context);
  if (calendar_changed || wanted.count("digest") != 0) {
    if (const auto sprint = store::Sprints(context.db).active(project.id)) {
      if (calendar_changed) schedule_burn_down(context, *sprint);
      reschedule_sprint_ending(context, *sprint);
    }
  }
  if (changes.empty()) {
    return private_reply(Text("Those are the settings already. Nothing changed."));
  }
  Message message;
  message.summary = "Settings changed";
  message.sections = {paragraph(Text("Settings changed: ")
                                    .append(changes)
                                    .plain(". Set by ")
                                    .mention(context.request.user)
                                    .plain(". New reminders and deadlines follow them, and "
                                           "so do the weekly report, the burn-down and a "
                                           "sprint's ending reminder not yet sent; other "
                                           "reminders already set keep their time."))};
  return channel_reply(std::move(message));
}

}  // namespace accord::commands
