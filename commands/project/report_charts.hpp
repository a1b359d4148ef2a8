// The report's charts as data and as pictures (DESIGN §3.9): the roadmap timeline (each item's
// date against the one first approved), the running sprint's burn-down and the acceptance lag per
// sprint. Chat shows them as PNG images behind unguessable, expiring links under the public URL
// (like the log's exports); the project page draws the same data as inline SVG.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "commands/charts/charts.hpp"
#include "commands/core/context.hpp"
#include "store/roadmap.hpp"
#include "store/tasks.hpp"

namespace accord::commands {

// Each roadmap item's due date when it first entered an approved roadmap ("R-2" -> YYYY-MM-DD):
// what the customer was promised.
std::map<std::string, std::string> baseline_dates(Context& context);

// Where an approved roadmap item stands: its epic's tasks (not subtasks) accepted of all, done
// when every one is, overdue when not done and its date has passed (`today`: YYYY-MM-DD).
struct ItemProgress {
  int accepted = 0;
  int total = 0;
  bool done = false;
  bool overdue = false;
};
ItemProgress item_progress(const store::RoadmapItem& item, const std::vector<store::Task>& tasks,
                           const std::string& today);

charts::Timeline roadmap_timeline(Context& context, std::chrono::sys_days today);
// Per sprint, oldest first: how long its finished work waited for the customer's decision
// (waiting requests count until now), in days.
charts::AcceptanceLag acceptance_lag(Context& context);

// The pictures a report shows, drawn once and shared by every reader (they show nothing a member
// may not see). Empty unless the operator set the public URL (Context::public_url_configured):
// Slack refuses a message whose image it cannot fetch.
struct ReportCharts {
  std::optional<Image> timeline;
  std::optional<Image> burn_down;
  std::optional<Image> acceptance_lag;
};
// Draws the charts there is data for and stores each as a PNG valid for `lifetime`.
ReportCharts report_charts(Context& context, std::chrono::sys_days today,
                           std::chrono::hours lifetime);

// The path charts are served under: GET /charts/<64 hex>.png
inline constexpr std::string_view kChartPath = "/charts/";

}  // namespace accord::commands
