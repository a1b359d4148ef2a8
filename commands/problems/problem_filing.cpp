#include "commands/problems/problem_filing.hpp"

#include <nlohmann/json.hpp>

#include "commands/core/approvals.hpp"
#include "commands/problems/problem_card.hpp"
#include "commands/problems/problem_routing.hpp"
#include "commands/problems/problem_visibility.hpp"
#include "commands/project/role_commands.hpp"
#include "commands/time/time_policy.hpp"
#include "store/problem_reports.hpp"

namespace accord::commands {
namespace {

using namespace problem_routing;

std::string policy_json(Context& context) {
  return nlohmann::json{
      {"ack_timeout", setting_value(context.db, context.bound_project().id, "ack_timeout")},
      {"resolve_timeout", setting_value(context.db, context.bound_project().id, "resolve_timeout")}}
      .dump();
}

// Chooses the level-1 recipients, or level 2 when level 1 has nobody; stores and notifies them.
Reply deliver(Context& context, store::ProblemReport report) {
  store::ProblemReports reports(context.db);
  const auto reported = add_event(context, report, "reported");
  Text text = Text("Recorded ").code(pr_id(report)).plain(" (" + report.category + "). ");
  auto users = eligible_recipients(context, report, 1);
  if (users.empty() && !problem_level_roles(report.category, 2).empty()) {
    const auto skipped = role_list(problem_level_roles(report.category, 1));
    users = eligible_recipients(context, report, 2);
    if (!users.empty()) {
      report.level = 2;
      reports.set_level(report.id, 2);
      add_event(context, report, "routed", "nobody else holds " + skipped + ": to leadership");
      text.plain("Nobody else on the project holds " + skipped + ", so it went to leadership. ");
    }
  }
  if (users.empty()) {
    // Nobody to act on it: the deadline still runs, so it ends stalled and the reporter is told.
    arm_deadline(context, report);
    const auto roles = problem_level_roles(report.category, 1);
    text.plain("It is recorded, but nobody on the project holds the role it goes to (" +
               role_list(roles) + "). ");
    return private_reply(text.append(how_to_add(context.bound_project(), roles.front())));
  }
  for (const auto& user : users) {
    reports.add_recipient(report.id, report.level, user);
    post_card(context, store::OutboxKind::direct_message, user, problem_card(context, report),
              problem_card_key(report), dedupe_key(report, reported, user));
  }
  // The policy in force now is the one the report follows: who each later level is, too.
  for (int level = report.level + 1; level <= kLastLevel; ++level) {
    for (const auto& user : eligible_recipients(context, report, level)) {
      reports.add_recipient(report.id, level, user);
    }
  }
  arm_deadline(context, report);
  return private_reply(text.plain("It went privately to ")
                           .append(names(users))
                           .plain(", who can acknowledge it. You'll get a direct message when "
                                  "they do and when it is resolved. It is never posted in the "
                                  "channel. ")
                           .code("/accord problem show " + pr_id(report))
                           .plain(" shows its status."));
}

}  // namespace

Reply report_problem(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"about", kProjectOption}, kProblemReportUsage)) {
    return std::move(*refusal);
  }
  if (args.positional.size() < 2) {
    return usage(Text("Say the category and what the problem is."), kProblemReportUsage);
  }
  const auto category = lower_ascii(args.positional[1].text);
  if (!is_problem_category(category)) {
    return usage(Text("The category is one of team, pm, performance, deadline, other."),
                 kProblemReportUsage);
  }
  store::ProblemReport report;
  report.text = join_words(args.positional, 2);
  if (report.text.empty()) return usage(Text("Say what the problem is."), kProblemReportUsage);
  if (character_count(report.text) > kMaxProblemText) {
    return private_reply(Text("The report is too long. Keep it to 2000 characters."));
  }
  if (const auto about = args.options.find("about"); about != args.options.end()) {
    const auto user = mention_user_id(about->second);
    if (!user) return usage(Text("Name the person with an @mention."), kProblemReportUsage);
    if (*user == context.request.user) {
      return private_reply(
          Text("Name someone other than yourself with ").code("about=").plain("."));
    }
    report.about_user = *user;
  }
  report.project_id = context.bound_project().id;
  report.category = category;
  report.reporter = context.request.user;
  report.reported_at = context.now;
  report.policy = policy_json(context);
  store::ProblemReports reports(context.db);
  report.code = new_problem_code(reports, report.project_id);
  return deliver(context, reports.add(report));
}

}  // namespace accord::commands
