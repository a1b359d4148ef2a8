#include "commands/project/report_charts.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "commands/backlog/task_dates.hpp"
#include "commands/charts/chart_data.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/sprints/burn_down.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "commands/time/calendar.hpp"
#include "store/acceptances.hpp"
#include "store/exports.hpp"
#include "store/roadmap.hpp"
#include "store/sprints.hpp"
#include "store/tasks.hpp"

namespace accord::commands {
namespace {

// At most this many sprints in the acceptance lag chart: the latest ones.
constexpr std::size_t kLagSprints = 12;

// Stores what to draw, not the picture: drawing takes milliseconds, which the request path (one
// writer thread for every request) must not spend; GET /charts/ draws it on a thread of its own.
std::optional<Image> store_chart(Context& context, const nlohmann::json& chart, std::string alt,
                                 std::string title, std::chrono::hours lifetime) {
  if (!context.public_url_configured) return std::nullopt;
  store::Export file;
  file.project_id = context.bound_project().id;
  file.created_by = context.request.user;
  file.created_at = context.now;
  file.expires_at = context.now + lifetime;
  file.filename = "chart.png";
  file.content_type = std::string(store::kChartContentType);
  file.body = chart.dump();
  const auto stored = store::Exports(context.db).create(file);
  Image image{context.public_url + std::string(kChartPath) + stored.token + ".png", std::move(alt),
              std::move(title)};
  if (!is_safe_link(image.url)) return std::nullopt;
  return image;
}

}  // namespace

std::map<std::string, std::string> baseline_dates(Context& context) {
  std::map<std::string, std::string> first;
  for (const auto& baseline : store::Roadmap(context.db).baselines(context.bound_project().id)) {
    const auto snapshot = nlohmann::json::parse(baseline.snapshot, nullptr, false);
    if (!snapshot.is_object() || !snapshot.contains("items")) continue;
    for (const auto& item : snapshot["items"]) {
      if (!item.contains("id") || !item["id"].is_string()) continue;
      const auto id = item["id"].get<std::string>();
      if (first.count(id) != 0 || !item.contains("due") || !item["due"].is_string()) continue;
      first[id] = item["due"].get<std::string>();
    }
  }
  return first;
}

ItemProgress item_progress(const store::RoadmapItem& item, const std::vector<store::Task>& tasks,
                           const std::string& today) {
  ItemProgress progress;
  for (const auto& task : tasks) {
    if (!item.epic_id || task.epic_id != item.epic_id || task.parent_id) continue;
    ++progress.total;
    progress.accepted += task.status == store::TaskStatus::accepted ? 1 : 0;
  }
  progress.done = progress.total > 0 && progress.accepted == progress.total;
  progress.overdue = !progress.done && item.due_date && *item.due_date < today;
  return progress;
}

charts::Timeline roadmap_timeline(Context& context, std::chrono::sys_days today) {
  const auto& project = context.bound_project();
  const auto tasks = store::Tasks(context.db).list(project.id);
  const auto baseline = baseline_dates(context);
  charts::Timeline chart;
  chart.title = "Roadmap of " + project.name;
  chart.today = format_date(today);
  for (const auto& item : store::Roadmap(context.db).approved(project.id)) {
    const auto id = object_id("R", item.number);
    const auto progress = item_progress(item, tasks, chart.today);
    charts::TimelineItem row;
    row.label = id + " " + item.title;
    if (const auto promised = baseline.find(id);
        promised != baseline.end() && !promised->second.empty()) {
      row.baseline = promised->second;
    }
    if (item.due_date) row.current = *item.due_date;
    row.done = progress.done;
    row.overdue = progress.overdue;
    chart.items.push_back(std::move(row));
  }
  return chart;
}

charts::AcceptanceLag acceptance_lag(Context& context) {
  const auto& project = context.bound_project();
  store::Sprints sprints(context.db);
  const auto all = sprints.list(project.id);
  const auto requests = store::Acceptances(context.db).for_project(project.id);
  charts::AcceptanceLag chart;
  chart.title = "Days finished work waited for acceptance";
  for (const auto& sprint : all) {
    if (sprint.status == store::SprintStatus::planned || !sprint.started_at) continue;
    std::vector<std::int64_t> tasks;
    for (const auto& entry : sprints.entries(sprint.id)) tasks.push_back(entry.task_id);
    charts::LagBar bar;
    bar.label = sprint_id(sprint);
    double total = 0;
    for (const auto& request : requests) {
      // Asked while the sprint ran: the sprint the work was in (a sprint closes only once nothing
      // of it awaits acceptance).
      if (std::find(tasks.begin(), tasks.end(), request.task_id) == tasks.end()) continue;
      if (request.requested_at < *sprint.started_at) continue;
      if (sprint.closed_at && request.requested_at > *sprint.closed_at) continue;
      const auto until = request.decided_at.value_or(context.now);
      const double days =
          std::chrono::duration<double>(until - request.requested_at).count() / (24.0 * 3600.0);
      total += days;
      bar.longest_days = std::max(bar.longest_days, days);
      ++bar.count;
    }
    if (bar.count == 0) continue;
    bar.average_days = total / bar.count;
    chart.sprints.push_back(std::move(bar));
  }
  if (chart.sprints.size() > kLagSprints) {
    chart.sprints.erase(chart.sprints.begin(),
                        chart.sprints.end() - static_cast<std::ptrdiff_t>(kLagSprints));
  }
  return chart;
}

ReportCharts report_charts(Context& context, std::chrono::sys_days today,
                           std::chrono::hours lifetime) {
  ReportCharts pictures;
  if (!context.public_url_configured) return pictures;
  const auto& project = context.bound_project();
  const auto timeline = roadmap_timeline(context, today);
  if (!timeline.items.empty()) {
    pictures.timeline = store_chart(context, charts::to_json(timeline), charts::describe(timeline),
                                    timeline.title, lifetime);
  }
  store::Sprints sprints(context.db);
  if (const auto sprint = sprints.active(project.id)) {
    const auto chart = burn_down(context, *sprint, today);
    pictures.burn_down = store_chart(context, charts::to_json(chart), charts::describe(chart),
                                     chart.title, lifetime);
  }
  const auto lag = acceptance_lag(context);
  if (!lag.sprints.empty()) {
    pictures.acceptance_lag =
        store_chart(context, charts::to_json(lag), charts::describe(lag), lag.title, lifetime);
  }
  return pictures;
}

}  // namespace accord::commands
