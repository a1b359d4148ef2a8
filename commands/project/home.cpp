#include "commands/project/home.hpp"

#include <algorithm>

#include "commands/backlog/task_dates.hpp"
#include "commands/backlog/task_rules.hpp"
#include "commands/core/approvals.hpp"
#include "commands/core/context.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/documents/document_commands.hpp"
#include "commands/problems/problem_ids.hpp"
#include "commands/problems/problem_visibility.hpp"
#include "commands/project/pending_approvals.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "store/acceptances.hpp"
#include "store/problem_reports.hpp"
#include "store/projects.hpp"
#include "store/roles.hpp"
#include "store/sprints.hpp"
#include "store/tasks.hpp"

namespace accord::commands {
namespace {

// Rows per list on the home screen; the commands show the rest.
constexpr std::size_t kHomeRows = 10;

// What waits on the person in the project, oldest first: for an approver, the tasks to accept
// and the scope decisions; for the team, nothing (what waits on the customer is in `pending`).
std::vector<WaitingItem> home_waiting_on(Context& context, bool approver) {
  if (!approver) return {};
  auto items = waiting_scope_decisions(context, true);
  for (const auto& acceptance :
       store::Acceptances(context.db).waiting(context.bound_project().id)) {
    items.push_back({acceptance.requested_at, Text("Accept ")
                                                  .code(object_id("T", acceptance.task_number))
                                                  .plain(" " + acceptance.task_title)});
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const auto& a, const auto& b) { return a.since < b.since; });
  return items;
}

Text report_line(const store::ProblemReport& report) {
  constexpr std::size_t kShown = 60;
  std::string text = report.text;
  if (character_count(text) > kShown) {
    std::size_t cut = kShown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "\xE2\x80\xA6";
  }
  return Text()
      .code(pr_id(report))
      .plain(" (" + report.category + ", " + report.status + ") " + text);
}

void add_project(Message& message, Context& context, const std::string& user) {
  const auto& project = context.bound_project();
  const auto roles = store::Roles(context.db).of(project.id, user);
  message.sections.push_back(
      paragraph(Text().strong(project.name).plain(" \xC2\xB7 you are " + role_list(roles))));

  const bool approver = holds_any(roles, {store::Role::customer, store::Role::delegate});
  const auto waiting = home_waiting_on(context, approver);
  if (!waiting.empty()) {
    Text lines("Waiting on you, oldest first:");
    for (std::size_t i = 0; i < std::min(waiting.size(), kHomeRows); ++i) {
      lines.plain("\n\xE2\x80\xA2 ")
          .append(waiting[i].line)
          .plain(" \xE2\x80\x94 " + describe_age(waiting[i].since, context.now));
    }
    if (waiting.size() > kHomeRows) lines.plain("\n").append(more_rows(waiting.size() - kHomeRows));
    message.sections.push_back(paragraph(std::move(lines)));
  } else if (approver) {
    message.sections.push_back(paragraph(Text("Nothing waits on you.")));
  }

  // The tasks the person owns and has not seen accepted yet, most urgent first.
  const auto owned = store::Tasks(context.db).owned_by(project.id, user);
  if (!owned.empty()) {
    Text lines("Your tasks:");
    const auto today = project_today(context);
    for (std::size_t i = 0; i < std::min(owned.size(), kHomeRows); ++i) {
      lines.plain("\n\xE2\x80\xA2 ")
          .code(object_id("T", owned[i].number))
          .plain(" " + owned[i].title + " \xC2\xB7 " + status_words(owned[i].status))
          .append(date_marks(owned[i], today));
    }
    if (owned.size() > kHomeRows) lines.plain("\n").append(more_rows(owned.size() - kHomeRows));
    message.sections.push_back(paragraph(std::move(lines)));
  }

  // The documents the person's roles let them see.
  const auto documents = visible_documents(context, user);
  if (!documents.empty()) {
    Text lines("Documents:");
    for (std::size_t i = 0; i < std::min(documents.size(), kHomeRows); ++i) {
      lines.plain("\n\xE2\x80\xA2 ").append(document_line(documents[i]));
    }
    if (documents.size() > kHomeRows) {
      lines.plain("\n").append(more_rows(documents.size() - kHomeRows));
    }
    message.sections.push_back(paragraph(std::move(lines)));
  }

  // Only reports the person may see, and only those still open.
  std::vector<store::ProblemReport> reports;
  for (auto& report : store::ProblemReports(context.db).for_project(project.id)) {
    if (report.status == "resolved" || !may_see_report(context, report, user)) continue;
    reports.push_back(std::move(report));
  }
  if (!reports.empty()) {
    Text lines("Open problem reports you can see:");
    for (std::size_t i = 0; i < std::min(reports.size(), kHomeRows); ++i) {
      lines.plain("\n\xE2\x80\xA2 ").append(report_line(reports[i]));
    }
    if (reports.size() > kHomeRows) lines.plain("\n").append(more_rows(reports.size() - kHomeRows));
    message.sections.push_back(paragraph(std::move(lines)));
  }

  store::Sprints sprints(context.db);
  if (const auto sprint = sprints.active(project.id)) {
    const auto work = load_work(context, *sprint);
    int awaiting = 0;
    for (const auto& item : work.items) {
      awaiting += item.task.status == store::TaskStatus::awaiting_acceptance ? 1 : 0;
    }
    message.sections.push_back(paragraph(
        Text("Sprint ")
            .code(sprint_id(*sprint))
            .plain(" \xE2\x80\x9C" + sprint->goal + "\xE2\x80\x9D: " +
                   format_hours(work.hours_accepted()) + " of " + format_hours(work.hours()) +
                   " accepted, " + std::to_string(awaiting) + " awaiting acceptance.")));
  } else if (const auto next = sprints.next_planned(project.id)) {
    message.sections.push_back(paragraph(
        Text("Next sprint ").code(sprint_id(*next)).plain(" starts " + next->start_date + ".")));
  }
}

}  // namespace

Message home_message(store::Database& db, Platform platform, const std::string& workspace,
                     const std::string& user, store::Timestamp now) {
  const auto projects = store::Projects(db).for_member(platform, workspace, user);

  Message message;
  message.title = "Accord";
  if (projects.empty()) {
    message.sections = {
        paragraph(Text("Accord runs the working relationship between a customer and the team "
                       "building their software: roles, business objectives and a log of every "
                       "decision, right in the project's channel.")),
        paragraph(Text("To start a project, invite Accord to a channel and type ")
                      .code("/accord setup \"Project name\"")
                      .plain(". If your project already uses Accord, ask its pm to add you.")),
    };
  } else {
    const auto shown = std::min(projects.size(), kMaxListRows);
    for (std::size_t i = 0; i < shown; ++i) {
      Request request;
      request.platform = platform;
      request.workspace = workspace;
      request.channel = projects[i].channel;
      request.user = user;
      Context context{request, db, now, projects[i], {}};
      add_project(message, context, user);
    }
    if (shown < projects.size()) {
      message.sections.push_back(paragraph(more_rows(projects.size() - shown)));
    }
  }
  message.note = Text("Type ")
                     .code("/accord pending")
                     .plain(" for everything that waits, or ")
                     .code("/accord help")
                     .plain(" in a channel to see what Accord can do.");
  return message;
}

Message build_home(store::Database& db, Platform platform, const std::string& workspace,
                   const std::string& user, store::Timestamp now) {
  store::Transaction transaction(db);  // read only: dropped without commit
  return home_message(db, platform, workspace, user, now);
}

}  // namespace accord::commands
