#include "commands/project/project_page.hpp"

#include "commands/backlog/task_dates.hpp"
#include "commands/charts/charts.hpp"
#include "commands/core/registry.hpp"
#include "commands/project/report.hpp"
#include "commands/project/report_charts.hpp"
#include "commands/sprints/burn_down.hpp"
#include "commands/time/calendar.hpp"
#include "store/person_names.hpp"
#include "store/projects.hpp"
#include "store/roles.hpp"
#include "store/sprints.hpp"

namespace accord::commands {
namespace {

// The workflows whose answers make up the page, run as the reader: what chat would show them.
struct PageWorkflow {
  std::string_view id;
  std::string_view heading;
  std::string_view command;  // as typed after /accord
};
constexpr PageWorkflow kPageWorkflows[] = {
    {"roadmap", "Roadmap", "roadmap"},      {"backlog", "Backlog by priority", "task list"},
    {"sprint", "Current sprint", "sprint"}, {"releases", "Releases", "release list"},
    {"documents", "Documents", "doc list"}, {"problems", "Problem reports", "problem list"},
    {"log", "Decision log", "log"},
};

Message run_as_reader(Context& context, std::string_view typed) {
  auto parsed = parse_command_line(typed);
  const auto& words = parsed.line.positional;
  const auto* command =
      registry().command(words.front().text, words.size() > 1 ? words[1].text : std::string());
  if (command == nullptr) return Message{};
  parsed.line.positional.erase(parsed.line.positional.begin());
  return command->run(context, parsed.line).message;
}

template <typename Chart>
PagePart chart_part(std::string id, std::string heading, const Chart& chart) {
  PagePart part;
  part.id = id;
  part.heading = std::move(heading);
  part.alt = charts::describe(chart);
  part.svg = charts::inline_svg(charts::draw(chart, charts::Format::svg), "chart-" + id, part.alt);
  return part;
}

}  // namespace

std::optional<ProjectPage> project_page(store::Database& db, const store::PageSession& session,
                                        store::Timestamp now, const std::string& public_url) {
  store::Transaction tx(db, store::Scope::one_project);  // rolled back: nothing is kept
  auto project = store::Projects(db).find(session.project_id);
  if (!project) return std::nullopt;
  const auto roles = store::Roles(db).of(project->id, session.user_id);
  if (roles.empty()) return std::nullopt;
  // As if the person asked in the project's channel: the same workflows and checks as chat.
  Request request;
  request.platform = project->platform;
  request.workspace = project->workspace;
  request.channel = project->channel;
  request.user = session.user_id;
  Context context{request, db, now, project, public_url};
  const auto today = project_today(context);

  ProjectPage page;
  page.project_name = project->name;
  page.reader = store::PersonNames(db)
                    .find(platform_of_user(session.user_id), session.user_id)
                    .value_or(session.user_id);
  page.roles = role_list(roles);
  page.as_of = local_time(now, project->timezone);

  PagePart status;
  status.id = "status";
  status.heading = "Where the project stands";
  status.message = status_report(context, session.user_id);
  status.message.title.clear();
  page.parts.push_back(std::move(status));

  const auto timeline = roadmap_timeline(context, today);
  if (!timeline.items.empty()) {
    page.parts.push_back(chart_part("timeline", "Roadmap timeline", timeline));
  }
  if (const auto sprint = store::Sprints(db).active(project->id)) {
    page.parts.push_back(
        chart_part("burn-down", "Sprint burn-down", burn_down(context, *sprint, today)));
  }
  for (const auto& workflow : kPageWorkflows) {
    PagePart part;
    part.id = workflow.id;
    part.heading = workflow.heading;
    part.message = run_as_reader(context, workflow.command);
    part.message.buttons.clear();
    page.parts.push_back(std::move(part));
    if (workflow.id == std::string_view("problems")) {
      const auto lag = acceptance_lag(context);
      if (!lag.sprints.empty()) {
        page.parts.push_back(chart_part("acceptance-lag", "Acceptance lag", lag));
      }
    }
  }
  store::PersonNames names(db);
  const auto learn = [&](const Text& text) {
    for (const auto& span : text.spans()) {
      if (span.kind != Span::Kind::mention || page.names.count(span.value) != 0) continue;
      page.names[span.value] =
          names.find(platform_of_user(span.value), span.value).value_or(span.value);
    }
  };
  for (const auto& part : page.parts) {
    learn(part.message.note);
    for (const auto& section : part.message.sections) {
      learn(section.text);
      for (const auto& field : section.fields) learn(field.value);
    }
  }
  return page;
}

Reply page_command(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, "page")) return std::move(*refusal);
  if (!args.positional.empty()) return usage(Text("The page takes no words."), "page");
  if (!context.public_url_configured) {
    return private_reply(
        Text("The project page needs Accord's public address, which this "
             "server was not given: ask its operator to set ACCORD_PUBLIC_URL "
             "(or public_url in its configuration)."));
  }
  store::PageSession link;
  link.kind = store::PageCredential::link;
  link.project_id = context.bound_project().id;
  link.platform = std::string(store::platform_name(context.request.platform));
  link.workspace = context.request.workspace;
  link.user_id = context.request.user;
  link.created_at = context.now;
  link.expires_at = context.now + kPageLinkLifetime;
  const auto stored = store::PageSessions(context.db).create(link);
  const auto url = context.public_url + std::string(kPagePath) + "/" + stored.token;
  Message message;
  message.title = "Your page of " + context.bound_project().name;
  message.summary = "Your link to the project page";
  message.sections = {paragraph(
      Text()
          .link("Open the project page", url)
          .plain(": the roadmap with its timeline, the backlog by priority, the sprint with its "
                 "burn-down, releases, documents and the decision log, as your roles let you see "
                 "them."))};
  message.note = Text(
                     "The link is yours alone: it opens once, within 15 minutes, and the page "
                     "then stays open for 4 hours in that browser. Run ")
                     .code("/accord page")
                     .plain(" again for a new one.");
  return private_reply(std::move(message));
}

}  // namespace accord::commands
