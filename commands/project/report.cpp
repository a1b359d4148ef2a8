#include "commands/project/report.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "commands/backlog/task_dates.hpp"
#include "commands/backlog/task_rules.hpp"
#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/problems/problem_visibility.hpp"
#include "commands/project/report_charts.hpp"
#include "commands/project/sponsor_notice.hpp"
#include "commands/sprints/burn_down.hpp"
#include "commands/sprints/sprint_capacity.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "commands/time/calendar.hpp"
#include "store/demos.hpp"
#include "store/problem_reports.hpp"
#include "store/releases.hpp"
#include "store/roadmap.hpp"
#include "store/sprints.hpp"
#include "store/tasks.hpp"

namespace accord::commands {
namespace {

// How long the charts of a report asked for in chat stay reachable.
constexpr std::chrono::hours kReportChartLifetime{24};

Section roadmap_section(Context& context, const std::vector<store::Task>& tasks,
                        std::chrono::sys_days today) {
  const auto items = store::Roadmap(context.db).approved(context.bound_project().id);
  Text text = Text().strong("Roadmap");
  if (items.empty()) return paragraph(text.plain("\nNo approved roadmap yet."));
  const auto baseline = baseline_dates(context);
  const auto shown = std::min(items.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& item = items[i];
    const auto id = object_id("R", item.number);
    const auto progress = item_progress(item, tasks, format_date(today));
    text.plain("\n").code(id).plain(" " + item.title);
    if (item.due_date) {
      text.plain(" \xC2\xB7 due " + format_day(*item.due_date));
      const auto promised = baseline.find(id);
      if (promised != baseline.end() && !promised->second.empty() &&
          promised->second != *item.due_date) {
        text.plain(" (moved from " + format_day(promised->second) + ")");
      }
      if (progress.overdue) text.plain(" ").strong("overdue");
    } else {
      text.plain(" \xC2\xB7 unscheduled");
    }
    if (progress.total > 0) {
      text.plain(" \xC2\xB7 " + std::to_string(progress.accepted) + " of " +
                 std::to_string(progress.total) + " tasks accepted");
    } else if (item.epic_id) {
      text.plain(" \xC2\xB7 no tasks yet");
    }
  }
  if (shown < items.size()) text.plain("\n").append(more_rows(items.size() - shown));
  return paragraph(std::move(text));
}

Section sprint_section(Context& context, std::chrono::sys_days today) {
  store::Sprints sprints(context.db);
  Text text = Text().strong("Sprint");
  const auto sprint = sprints.active(context.bound_project().id);
  if (!sprint) {
    text.plain("\nNo sprint is running.");
    if (const auto next = sprints.next_planned(context.bound_project().id)) {
      text.plain(" Next: ")
          .code(sprint_id(*next))
          .plain(" from " + format_day(next->start_date) + ".");
    }
    return paragraph(std::move(text));
  }
  const auto dates = sprint_dates(sprint_calendar(context), *sprint);
  const auto work = load_work(context, *sprint);
  const double planned = work.hours();
  const double remaining = planned - work.hours_accepted();
  const auto left = std::count_if(dates.working.begin(), dates.working.end(),
                                  [&](auto day) { return day >= today; });
  text.plain("\n")
      .code(sprint_id(*sprint))
      .plain(" \xE2\x80\x9C" + sprint->goal + "\xE2\x80\x9D, " + describe_dates(dates) + ": " +
             format_hours(work.hours_accepted()) + " of " + format_hours(planned) + " accepted, " +
             format_hours(remaining) + " remaining with " + std::to_string(left) + " of " +
             std::to_string(dates.working_days) + " working days left.");
  // As the burn-down chart draws it: the latest day with a figure against the ideal line then;
  // today's figure, before the day has ended, against where the line stood this morning.
  std::optional<double> behind;
  const auto chart = burn_down(context, *sprint, today);
  double morning = chart.planned.value_or(planned);
  for (const auto& day : chart.days) {
    if (day.remaining) behind = *day.remaining - (day.live ? morning : day.ideal);
    morning = day.ideal;
  }
  if (behind && *behind > 0.5) {
    text.plain(" Behind the ideal burn-down by ").strong(format_hours(*behind)).plain(".");
  } else if (behind) {
    text.plain(" On track.");
  }
  int overdue = 0;
  for (const auto& item : work.items) overdue += is_overdue(item.task, today) ? 1 : 0;
  if (overdue > 0) {
    text.plain(" " + std::to_string(overdue) + (overdue == 1 ? " task is" : " tasks are") + " ")
        .strong("overdue")
        .plain(".");
  }
  return paragraph(std::move(text));
}

Section waiting_section(Context& context) {
  Text text = Text().strong("Waiting on the customer");
  const auto waits = waiting_on_customer(context);
  if (waits.empty()) return paragraph(text.plain("\nNothing waits on the customer."));
  const auto shown = std::min(waits.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    text.plain("\n")
        .append(waits[i].line)
        .plain(" \xE2\x80\x94 " + describe_age(waits[i].since, context.now));
  }
  if (shown < waits.size()) text.plain("\n").append(more_rows(waits.size() - shown));
  return paragraph(std::move(text));
}

Section dates_section(Context& context, std::chrono::sys_days today) {
  Text text = Text().strong("Releases and demos");
  bool any = false;
  for (const auto& release : store::Releases(context.db).list(context.bound_project().id)) {
    if (release.shipped) continue;
    any = true;
    text.plain("\n")
        .code(object_id("REL", release.number))
        .plain(" " + release.name + " \xC2\xB7 deploys " + format_day(release.deploy_date));
    if (release.deploy_date < format_date(today)) text.plain(" ").strong("overdue");
  }
  std::optional<store::Demo> next;
  for (const auto& demo : store::Demos(context.db).list(context.bound_project().id)) {
    if (demo.status != store::DemoStatus::scheduled || demo.scheduled_at < context.now) continue;
    if (!next || demo.scheduled_at < next->scheduled_at) next = demo;
  }
  if (next) {
    any = true;
    text.plain("\nNext demo ")
        .code(object_id("D", next->number))
        .plain(" on " + local_time(context, next->scheduled_at));
  }
  if (!any) text.plain("\nNo release planned and no demo scheduled.");
  return paragraph(std::move(text));
}

// Only the reports the reader may see are counted.
Section problems_section(Context& context, const std::string& user) {
  int open = 0;
  for (const auto& report :
       store::ProblemReports(context.db).for_project(context.bound_project().id)) {
    if (report.status == "resolved" || !may_see_report(context, report, user)) continue;
    ++open;
  }
  Text text = Text().strong("Problem reports").plain("\n");
  if (open == 0) return paragraph(text.plain("None open that you can see."));
  return paragraph(text.plain(std::to_string(open) +
                              (open == 1 ? " open report" : " open reports") + " you can see: ")
                       .code("/accord problem list"));
}

}  // namespace

Message status_report(Context& context, const std::string& user, const ReportCharts& pictures) {
  const auto& project = context.bound_project();
  const auto today = project_today(context);
  const auto tasks = store::Tasks(context.db).list(project.id);
  Message message;
  message.title = "Status of " + project.name;
  message.summary = "Where " + project.name + " stands";
  message.sections = {roadmap_section(context, tasks, today), sprint_section(context, today),
                      waiting_section(context), dates_section(context, today),
                      problems_section(context, user)};
  message.sections[0].image = pictures.timeline;
  message.sections[1].image = pictures.burn_down;
  message.sections[2].image = pictures.acceptance_lag;
  message.note = Text("As of " + local_time(context, context.now) + " (" + project.timezone + "). ")
                     .code("/accord roadmap")
                     .plain(", ")
                     .code("/accord sprint")
                     .plain(" and ")
                     .code("/accord pending")
                     .plain(" show the details.");
  return message;
}

Reply report_command(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, "report")) return std::move(*refusal);
  if (!args.positional.empty()) return usage(Text("The report takes no words."), "report");
  const auto pictures = report_charts(context, project_today(context), kReportChartLifetime);
  return private_reply(status_report(context, context.request.user, pictures));
}

}  // namespace accord::commands
