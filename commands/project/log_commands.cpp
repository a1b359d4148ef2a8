#include "commands/project/log_commands.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "commands/backlog/task_rules.hpp"
#include "commands/project/decision_export.hpp"
#include "commands/time/calendar.hpp"
#include "store/decision_log.hpp"
#include "store/exports.hpp"

namespace accord::commands {
namespace {

constexpr std::string_view kLogUsage = "log [n] | log export";
// Entries per section: keeps a section within the platforms' text limits and 100 entries
// within their block limits.
constexpr std::size_t kEntriesPerSection = 10;

Text entry_line(const store::Decision& decision, const std::string& zone) {
  Text line = Text(local_time(decision.at, zone) + " \xC2\xB7 ")
                  .append(actor_text(decision.actor))
                  .plain(" \xC2\xB7 ")
                  .code(decision.action)
                  .plain(" " + decision.object);
  const auto before = short_value(decision.before);
  const auto after = short_value(decision.after);
  if (!before.empty() || !after.empty()) {
    line.plain(": ");
    if (!before.empty()) line.plain(before + " \xE2\x86\x92 ");
    line.plain(after.empty() ? "(removed)" : after);
  }
  return line;
}

Reply show_log(Context& context, const CommandLine& args) {
  int wanted = kDefaultLogEntries;
  if (!args.positional.empty()) {
    const auto& word = args.positional[0].text;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), wanted);
    if (args.positional.size() > 1 || ec != std::errc() || end != word.data() + word.size() ||
        wanted < 1) {
      return usage(Text("Say how many entries, like ")
                       .code("/accord log 50")
                       .plain(", or export it all with ")
                       .code("/accord log export")
                       .plain("."),
                   kLogUsage);
    }
  }
  const int shown = std::min(wanted, kMaxLogEntries);
  const auto& project = context.bound_project();
  const auto decisions = store::DecisionLog(context.db).recent(project.id, shown);
  Message message;
  message.title = "Decision log of " + project.name;
  for (std::size_t i = 0; i < decisions.size(); i += kEntriesPerSection) {
    Text lines;
    for (std::size_t j = i; j < std::min(decisions.size(), i + kEntriesPerSection); ++j) {
      if (j > i) lines.plain("\n");
      lines.append(entry_line(decisions[j], project.timezone));
    }
    message.sections.push_back(paragraph(std::move(lines)));
  }
  message.note = Text("Newest first, times in " + project.timezone + ".");
  if (wanted > kMaxLogEntries) {
    message.note.plain(" I show at most " + std::to_string(kMaxLogEntries) + " entries here; ");
  } else {
    message.note.plain(" ");
  }
  message.note.code("/accord log export").plain(" gives the whole log as CSV and Markdown.");
  return private_reply(std::move(message));
}

// "Apollo Redesign" → "apollo-redesign", for file names.
std::string slug(const std::string& name) {
  std::string out;
  for (char c : lower_ascii(name)) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "project" : out;
}

Reply export_log(Context& context, const CommandLine& args) {
  if (args.positional.size() > 1) return usage(Text("Nothing follows export."), kLogUsage);
  const auto& project = context.bound_project();
  auto decisions =
      store::DecisionLog(context.db).recent(project.id, std::numeric_limits<int>::max());
  std::reverse(decisions.begin(), decisions.end());  // oldest first, as a record reads

  const auto base =
      "accord-log-" + slug(project.name) + "-" + local_date(context.now, project.timezone);
  store::Export file;
  file.project_id = project.id;
  file.created_by = context.request.user;
  file.created_at = context.now;
  file.expires_at = context.now + kExportLifetime;
  store::Exports exports(context.db);
  file.filename = base + ".csv";
  file.content_type = "text/csv; charset=utf-8";
  file.body = decisions_csv(decisions);
  const auto csv = exports.create(file);
  file.filename = base + ".md";
  file.content_type = "text/markdown; charset=utf-8";
  file.body = decisions_markdown(project, context.now, decisions);
  const auto markdown = exports.create(file);

  Message message;
  message.title = "Decision log export";
  message.summary = "Decision log export of " + project.name;
  message.sections = {
      paragraph(Text("The decision log of ")
                    .strong(project.name)
                    .plain(" (" + std::to_string(decisions.size()) + " decisions) is ready:"),
                {Field{"CSV, for spreadsheets", Text(context.public_url + "/exports/" + csv.token)},
                 Field{"Markdown, for a statement of work",
                       Text(context.public_url + "/exports/" + markdown.token)}}),
  };
  message.note = Text("These links are private to you: don't share them. They expire in 24 hours.");
  return private_reply(std::move(message));
}

}  // namespace

Reply log_command(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kLogUsage)) return std::move(*refusal);
  if (!args.positional.empty() && lower_ascii(args.positional[0].text) == "export") {
    return export_log(context, args);
  }
  return show_log(context, args);
}

}  // namespace accord::commands
