#include "commands/problems/problem_commands.hpp"

#include <algorithm>
#include <variant>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/problems/problem_card.hpp"
#include "commands/problems/problem_filing.hpp"
#include "commands/problems/problem_routing.hpp"
#include "commands/problems/problem_typed_in_public.hpp"
#include "commands/problems/problem_visibility.hpp"
#include "commands/time/time_policy.hpp"
#include "store/problem_reports.hpp"

namespace accord::commands {
namespace {

using namespace problem_routing;

constexpr std::string_view kProblemUsage =
    "problem report team|pm|performance|deadline|other \"<text>\" [about=@person] | "
    "problem ack PR-id | problem resolve PR-id \"<note>\" | problem reopen PR-id | "
    "problem list | problem show PR-id";
constexpr std::size_t kListTextLength = 80;

// The project the command is about: the one named by project=, the channel's, or the person's
// only project. A reply when none can be chosen.
std::optional<Reply> choose_project(Context& context, const CommandLine& args) {
  const auto named = args.options.find(kProjectOption);
  if (named == args.options.end() && context.project) return std::nullopt;
  const auto mine =
      store::Projects(context.db)
          .for_member(context.request.platform, context.request.workspace, context.request.user);
  if (named != args.options.end()) {
    const auto wanted = lower_ascii(named->second);
    for (const auto& project : mine) {
      if (std::to_string(project.id) == wanted || lower_ascii(project.name) == wanted) {
        context.project = project;
        return std::nullopt;
      }
    }
    return private_reply(Text("You're not on a project called ").code(named->second).plain("."));
  }
  if (mine.size() == 1) {
    context.project = mine.front();
    return std::nullopt;
  }
  if (mine.empty()) return refuse(UserError::no_project);
  Text text("You're on several projects. Add ");
  text.code("project=<name>").plain(" to say which:");
  for (const auto& project : mine) text.plain(" ").code(project.name);
  return private_reply(text.plain("."));
}

Reply not_found(const std::string& code) {
  return private_reply(Text("No problem report ")
                           .code("PR-" + code)
                           .plain(" in this project. ")
                           .code("/accord problem list")
                           .plain(" shows the ones you can see."));
}

// The report named in position 1 if the person may see it; otherwise the same answer as for a
// report that does not exist, so its existence does not leak.
std::variant<store::ProblemReport, Reply> visible_report(Context& context,
                                                         const CommandLine& args) {
  const auto code =
      args.positional.size() < 2 ? std::nullopt : parse_pr_id(args.positional[1].text);
  if (!code) return usage(Text("Say which problem report, by its id."), kProblemUsage);
  auto report = store::ProblemReports(context.db).find_by_code(context.bound_project().id, *code);
  if (!report || !may_see_report(context, *report, context.request.user)) {
    return not_found(*code);
  }
  return std::move(*report);
}

bool is_recipient(Context& context, const store::ProblemReport& report) {
  const auto users = recipients_so_far(context, report);
  return std::find(users.begin(), users.end(), context.request.user) != users.end();
}

Reply acknowledge(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {kProjectOption}, kProblemUsage))
    return std::move(*refusal);
  auto found = visible_report(context, args);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  auto report = std::get<store::ProblemReport>(std::move(found));
  const auto id = pr_id(report);
  if (!is_recipient(context, report)) {
    return private_reply(Text("Only the people ").code(id).plain(" went to can acknowledge it."));
  }
  store::ProblemReports reports(context.db);
  if (!reports.acknowledge(report.id, context.request.user, context.now)) {
    return private_reply(Text().code(id).plain(" is " + report.status + ". Nothing changed."));
  }
  const auto event = add_event(context, report, "acknowledged");
  report = *reports.find(report.project_id, report.number);
  arm_deadline(context, report);
  update_report_card(context, report);
  Message message;
  message.sections.push_back(paragraph(Text("Your problem report ")
                                           .code(id)
                                           .plain(" was acknowledged by ")
                                           .mention(context.request.user)
                                           .plain(", who now owns it.")));
  tell_reporter(context, report, message, event);
  return private_reply(Text("You own ")
                           .code(id)
                           .plain(" now. When it is dealt with: ")
                           .code("/accord problem resolve " + id + " \"what was done\""));
}

Reply resolve(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"comment", kProjectOption}, kProblemUsage))
    return std::move(*refusal);
  auto found = visible_report(context, args);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  auto report = std::get<store::ProblemReport>(std::move(found));
  const auto id = pr_id(report);
  if (report.owner != context.request.user && !is_recipient(context, report)) {
    return private_reply(
        Text("Only the owner of ").code(id).plain(" or the people it went to can resolve it."));
  }
  if (report.status == "resolved") {
    return private_reply(Text().code(id).plain(" is already resolved. Nothing changed."));
  }
  const auto note = comment_from(args, 2);
  if (character_count(note) > kMaxProblemText) {
    return private_reply(Text("The note is too long. Keep it to 2000 characters."));
  }
  if (note.empty()) {
    std::string command = "problem resolve " + id;
    if (context.request.action_id.empty()) command += project_option(context.bound_project());
    return ask_for_comment(context, "Resolve problem report", command,
                           Text("Say what was done about " + id + "."));
  }
  store::ProblemReports reports(context.db);
  if (!reports.resolve(report.id, context.request.user, context.now, note)) {
    return private_reply(Text().code(id).plain(" is " + report.status + ". Nothing changed."));
  }
  const auto event = add_event(context, report, "resolved", note);
  report = *reports.find(report.project_id, report.number);
  arm_deadline(context, report);
  update_report_card(context, report);
  Message message;
  message.title = id + " resolved";
  message.sections.push_back(paragraph(Text("Your problem report ")
                                           .code(id)
                                           .plain(" was resolved by ")
                                           .mention(context.request.user)
                                           .plain(".")));
  message.sections.push_back(paragraph(Text(note)));
  message.buttons.push_back(command_button(
      "No improvement", "problem reopen " + id + project_option(context.bound_project())));
  message.note = Text("If nothing changes, press No improvement and it is reopened.");
  tell_reporter(context, report, message, event);
  return private_reply(Text("Resolved ").code(id).plain(". The reporter has your note."));
}

Reply reopen(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {kProjectOption}, kProblemUsage))
    return std::move(*refusal);
  auto found = visible_report(context, args);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  auto report = std::get<store::ProblemReport>(std::move(found));
  const auto id = pr_id(report);
  if (report.reporter != context.request.user) {
    return private_reply(Text("Only the person who reported ").code(id).plain(" can reopen it."));
  }
  store::ProblemReports reports(context.db);
  if (!reports.reopen(report.id)) {
    return private_reply(Text().code(id).plain(
        " is " + report.status + "; only a resolved report can be reopened. Nothing changed."));
  }
  const auto event = add_event(context, report, "reopened", "no improvement");
  auto told = recipients_so_far(context, report);
  if (!report.owner.empty() && std::find(told.begin(), told.end(), report.owner) == told.end()) {
    told.push_back(report.owner);
  }
  report = *reports.find(report.project_id, report.number);
  // DESIGN §3.7: "no improvement" also escalates, where there is a next level.
  const auto next = level_recipients(context, report, report.level + 1);
  Text escalated;
  if (!next.empty()) {
    reports.set_level(report.id, report.level + 1);
    report.level += 1;
    const auto step = add_event(context, report, "escalated", "no improvement: to leadership");
    for (const auto& user : next) {
      reports.add_recipient(report.id, report.level, user);
      if (std::find(told.begin(), told.end(), user) != told.end()) continue;
      post_card(context, store::OutboxKind::direct_message, user, problem_card(context, report),
                problem_card_key(report), dedupe_key(report, step, user));
    }
    escalated.plain(" and escalated to ").append(names(next));
  }
  arm_deadline(context, report);
  update_report_card(context, report);
  for (const auto& user : told) {
    if (!may_see_report(context, report, user)) continue;
    Message message;
    message.sections.push_back(paragraph(
        Text("The reporter says there is no improvement: ").code(id).plain(" is reopened.")));
    message.buttons.push_back(command_button(
        "Acknowledge", "problem ack " + id + project_option(context.bound_project())));
    notify_person(context, user, message, dedupe_key(report, event, user));
  }
  return private_reply(
      Text("Reopened ").code(id).append(escalated).plain(". The people it went to are told."));
}

Reply list_reports(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {kProjectOption}, kProblemUsage)) {
    return std::move(*refusal);
  }
  std::vector<store::ProblemReport> visible;
  for (auto& report : store::ProblemReports(context.db).for_project(context.bound_project().id)) {
    if (may_see_report(context, report, context.request.user)) visible.push_back(std::move(report));
  }
  Message message;
  message.title = "Problem reports";
  if (visible.empty()) {
    message.sections.push_back(paragraph(Text("No problem reports you can see. Report one with ")
                                             .code("/accord " + std::string(kProblemReportUsage))
                                             .plain(".")));
    return private_reply(std::move(message));
  }
  const auto shown = std::min(visible.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& report = visible[i];
    auto text = report.text;
    if (character_count(text) > kListTextLength) {
      text = text.substr(0, kListTextLength) + "\xE2\x80\xA6";  // may cut a character: display only
    }
    message.sections.push_back(paragraph(Text()
                                             .code(pr_id(report))
                                             .plain(" \xC2\xB7 " + report.category + " \xC2\xB7 ")
                                             .strong(report.status)
                                             .plain(" \xC2\xB7 " + text)));
  }
  if (shown < visible.size())
    message.sections.push_back(paragraph(more_rows(visible.size() - shown)));
  return private_reply(std::move(message));
}

Reply show_report(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {kProjectOption}, kProblemUsage)) {
    return std::move(*refusal);
  }
  auto found = visible_report(context, args);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto report = std::get<store::ProblemReport>(std::move(found));
  Message message = problem_card(context, report);
  message.buttons.clear();
  for (const auto& event : store::ProblemReports(context.db).events(report.id)) {
    Text line = Text(local_time(context, event.at) + " \xC2\xB7 ")
                    .plain(event.action + " by ")
                    .append(actor_text(event.actor));
    if (!event.note.empty()) line.plain(": " + event.note);
    message.sections.push_back(paragraph(std::move(line)));
  }
  return private_reply(std::move(message));
}

}  // namespace

Reply problem_command(Context& context, const CommandLine& args) {
  if (args.positional.empty()) return usage(Text("Say what to do."), kProblemUsage);
  if (auto refusal = refuse_problem_text_typed_in_public(context, args)) return std::move(*refusal);
  if (auto reply = choose_project(context, args)) return std::move(*reply);
  const auto sub = lower_ascii(args.positional[0].text);
  if (sub == "report") return report_problem(context, args);
  if (sub == "ack" || sub == "acknowledge") return acknowledge(context, args);
  if (sub == "resolve") return resolve(context, args);
  if (sub == "reopen") return reopen(context, args);
  if (sub == "list") return list_reports(context, args);
  if (sub == "show") return show_report(context, args);
  return usage(Text("I don't know ").code("problem " + args.positional[0].text).plain("."),
               kProblemUsage);
}

}  // namespace accord::commands
