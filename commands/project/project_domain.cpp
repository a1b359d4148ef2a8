// The project itself: setting it up, its people and roles, its settings, the decision log, and
// what waits on a person.
// What this domain offers: its commands with their help lines, and its help topics.
#include "commands/domains.hpp"

#include "commands/core/help.hpp"
#include "commands/project/availability_commands.hpp"
#include "commands/project/digest.hpp"
#include "commands/project/link_commands.hpp"
#include "commands/project/log_commands.hpp"
#include "commands/project/pending_approvals.hpp"
#include "commands/project/pending_commands.hpp"
#include "commands/project/project_page.hpp"
#include "commands/project/project_setup.hpp"
#include "commands/project/report.hpp"
#include "commands/project/role_commands.hpp"
#include "commands/project/settings_commands.hpp"
#include "commands/project/sponsor_notice.hpp"
#include "commands/project/weekly_report.hpp"
#include "commands/time/availability.hpp"
#include "commands/time/time_policy.hpp"

namespace accord::commands {
namespace {

Message setup_topic() {
  Message message;
  message.title = "Setting up a project";
  message.sections = {
      paragraph(
          Text().code("/accord setup \"Project name\" [tz=<zone>] [sprint=1w|2w] [hours=<h>]")),
      paragraph(Text("Binds this channel to a new project and makes you its ")
                    .strong("pm")
                    .plain(". One project per channel.")),
      paragraph(
          Text("Options"),
          {Field{"tz", Text("The project's IANA time zone, e.g. Europe/Berlin. Default UTC.")},
           Field{"sprint", Text("Sprint length: 1w or 2w. Default 2w.")},
           Field{"hours", Text("Working hours per person per day, for sprint capacity. "
                               "Default 6.")}}),
      example("/accord setup \"Apollo Redesign\" tz=Europe/Berlin sprint=2w hours=6"),
  };
  return message;
}

Message roles_topic() {
  Message message;
  message.title = "Roles";
  message.sections = {
      paragraph(Text()
                    .code("/accord role add @person <role>")
                    .plain("  ")
                    .code("/accord role remove @person <role>")
                    .plain("  ")
                    .code("/accord roles")),
      paragraph(Text("The project's ")
                    .strong("pm")
                    .plain(" adds and removes any role but leadership. A ")
                    .strong("customer")
                    .plain(" can appoint or remove a ")
                    .strong("delegate")
                    .plain(". A person may hold several roles. Only people with a role on the "
                           "project can use Accord in its channel; the pm adds them.")),
      paragraph(Text()
                    .strong("leadership")
                    .plain(" hears the problem reports about the pm, so only leadership adds or "
                           "removes leadership, or makes someone in leadership pm. A project "
                           "with no leadership gets its first from whoever runs the Accord "
                           "server (")
                    .code("accord role grant-leadership")
                    .plain("). Someone who was pm never sees the pm reports filed while they "
                           "were, even after joining leadership.")),
  };
  message.sections.push_back(paragraph(
      Text()
          .code("/accord availability mon,wed,fri 10:00-12:00 [fri 14:00-16:00]")
          .plain(" declares when you take requests, in your own time zone. Requests and "
                 "reminders that are not urgent wait for your window; escalation deadlines still "
                 "count business hours. ")
          .code("/accord roles")
          .plain(" shows everyone's. ")
          .code("/accord availability clear")
          .plain(" removes it.")));
  Section duties = paragraph(Text("What each role does"));
  for (auto role : store::all_roles()) {
    duties.fields.push_back(
        Field{std::string(store::to_string(role)), Text(std::string(role_duties(role)))});
  }
  // Block Kit shows at most 10 fields per section; there are 8 roles.
  message.sections.push_back(std::move(duties));
  message.sections.push_back(example("/accord role add @maria customer"));
  return message;
}

Message link_topic() {
  Message message;
  message.title = "Linking another organisation";
  message.sections = {
      paragraph(Text()
                    .code("/accord link <role>")
                    .plain("  ")
                    .code("/accord link <code>")
                    .plain("  ")
                    .code("/accord link list")
                    .plain("  ")
                    .code("/accord unlink <home number>")),
      paragraph(Text("A project can live in both organisations' own chat: the contractor's Slack "
                     "channel and the customer's Teams channel or chat (or a Slack channel of "
                     "their workspace). In the project's channel the ")
                    .strong("pm")
                    .plain(" types ")
                    .code("/accord link customer")
                    .plain(" and gets a private one-time code. Someone of the other "
                           "organisation types ")
                    .code("@Accord link <code>")
                    .plain(" in their own conversation (in Slack, ")
                    .code("/accord link <code>")
                    .plain("): it becomes a further home of the project and they get the role. "
                           "A code works once, within 24 hours.")),
      paragraph(Text("Announcements go to every home. Cards, digests and reminders reach each "
                     "person privately on their own platform, and a card decided anywhere "
                     "changes everywhere. People are given roles from a home on their own "
                     "platform, by mention.")),
      example("/accord link customer"),
  };
  return message;
}

Message log_topic() {
  Message message;
  message.title = "Decision log";
  message.sections = {
      paragraph(Text().code("/accord log [n]").plain("  ").code("/accord log export")),
      paragraph(Text("Every change is recorded: who, when, what, before and after. ")
                    .code("/accord log")
                    .plain(" shows the latest 20 (up to 100). ")
                    .code("/accord log export")
                    .plain(" gives the whole log as CSV and as Markdown for a statement of work, "
                           "through private links that expire in 24 hours. Anyone with a role "
                           "on the project can read the log.")),
      example("/accord log 50"),
  };
  return message;
}

Message settings_topic() {
  Message message;
  message.title = "Settings";
  std::vector<Field> fields;
  for (const auto& spec : setting_specs()) {
    fields.push_back(Field{std::string(spec.key),
                           Text(std::string(spec.meaning) + ". Default ")
                               .code(std::string(spec.default_value))
                               .plain(", e.g. ")
                               .code(std::string(spec.key) + "=" + std::string(spec.example))});
  }
  message.sections = {
      paragraph(Text()
                    .code("/accord settings")
                    .plain("  ")
                    .code("/accord settings key=value [key=value ...]")),
      paragraph(Text("Everyone on the project can read the settings; the pm changes them. Business "
                     "time counts "
                     "only working hours on working days, minus holidays. Each approver gets a "
                     "digest of what waits on them at the digest time in their own time zone, "
                     "on working days, and only when something waits; it has Snooze buttons."),
                std::move(fields)),
  };
  return message;
}

}  // namespace

Domain project_domain() {
  return {
      "project",
      {
          {"setup",
           "",
           setup_project,
           Access::anyone,
           {{"setup \"Project name\"", "Start a project in this channel; you become its pm."}}},
          {"role",
           "",
           change_role,
           Access::member,
           {{"role add @person <role>", "Give someone a role on the project."},
            {"role remove @person <role>", "Take a role away."}}},
          {"roles", "", list_roles, Access::member, {{"roles", "See who holds which role."}}},
          {"availability",
           "",
           availability_command,
           Access::member,
           {{"availability mon,wed,fri 10:00-12:00",
             "When you take requests (your zone); availability clear for any time."}}},
          {"link",
           "",
           link_command,
           Access::anyone,
           {{"link <role>", "Get a one-time code that links the other organisation's chat."},
            {"link <code>", "Make this conversation a home of the project the code is for."},
            {"link list", "The project's homes, on Slack and Teams."}}},
          {"unlink",
           "",
           unlink_command,
           Access::member,
           {{"unlink <home number>", "Stop using a linked home (pm)."}}},
          {"pending",
           "",
           list_pending,
           Access::member,
           {{"pending", "What waits on you, oldest first, and for how long."}}},
          {"snooze",
           "",
           snooze_command,
           Access::member,
           {{"snooze digest 1h",
             "Put off your morning digest an hour (or until tomorrow); its buttons do this."}}},
          {"approvals",
           "",
           list_approvals,
           Access::member,
           {{"approvals", "What waits on a customer decision."}}},
          {"log",
           "",
           log_command,
           Access::member,
           {{"log", "See the latest decisions; log export gives the whole log as files."}}},
          {"report",
           "",
           report_command,
           Access::member,
           {{"report",
             "Where the project stands: roadmap against the baseline, the sprint, what waits "
             "on the customer, releases and demos, with charts; weekly on settings report=."}}},
          {"page",
           "",
           page_command,
           Access::member,
           {{"page",
             "A personal link to the project's web page: roadmap timeline, backlog, sprint "
             "burn-down, releases, documents and the log, as your roles allow."}}},
          {"settings",
           "",
           settings_command,
           Access::member,
           {{"settings", "The project's settings, e.g. the approval rule."}}},
      },
      {
          {"setup", "project", setup_topic},
          {"roles", "role", roles_topic},
          {"link", "homes", link_topic},
          {"log", "decisions", log_topic},
          {"settings", "setting", settings_topic},
      },
      {
          {kDigestJob, run_digest_job, true},
          {kSponsorCheckJob, run_sponsor_check},
          {kWeeklyReportJob, run_weekly_report},
      },
      [](store::Database& db, store::Timestamp now, const std::string& public_url) {
        return schedule_all_sponsor_checks(db, now, public_url) +
               schedule_all_weekly_reports(db, now, public_url);
      },
      [](Context& context) {
        schedule_digests(context);
        schedule_sponsor_check(context);
      },
      {[](Context& context, const std::string& user) {
         return availability_note(context.db, context.bound_project(), user);
       },
       [](Context& context, const std::string& user) {
         return availability_wait(context.db, context.bound_project(), user, context.now);
       }},
  };
}

}  // namespace accord::commands
