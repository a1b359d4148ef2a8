// Acceptance lag per sprint: how many days finished work waited for the customer's acceptance,
// on average (the bar) and at worst (the marker above it).
#include <algorithm>
#include <cmath>

#include "commands/charts/chart_drawing.hpp"
#include "commands/charts/chart_text.hpp"

namespace accord::commands::charts {
namespace {

constexpr Size kLagSize{800, 400};
constexpr PlotArea kLagPlot{64, 72, 776, 330};
constexpr double kWidestBar = 56;
constexpr double kSprintLabelRoom = 48;

double largest_days(const AcceptanceLag& chart) {
  double largest = 0;
  for (const auto& sprint : chart.sprints) {
    for (const double value : {sprint.average_days, sprint.longest_days}) {
      if (std::isfinite(value)) largest = std::max(largest, value);
    }
  }
  return largest;
}

std::string tasks_phrase(int count) {
  return std::to_string(count) + (count == 1 ? " task" : " tasks");
}

void draw_lag_bar(cairo_t* cr, const LagBar& sprint, double x, double slot_width,
                  const ValueAxis& axis) {
  const double bar_width = std::clamp(slot_width * 0.6, 1.0, kWidestBar);
  const double bar_top = axis.y_of(sprint.average_days, kLagPlot);
  const double longest_y = axis.y_of(sprint.longest_days, kLagPlot);
  cairo_save(cr);
  // A zero average still gets a sliver, so every sprint visibly has its bar.
  set_colour(cr, kLagBarColour);
  const double height = std::max(kLagPlot.bottom - bar_top, 1.5);
  cairo_rectangle(cr, x - bar_width / 2, kLagPlot.bottom - height, bar_width, height);
  cairo_fill(cr);

  set_colour(cr, kLongestColour);
  cairo_set_line_width(cr, 1);
  cairo_move_to(cr, x, bar_top);
  cairo_line_to(cr, x, longest_y);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 2);
  cairo_move_to(cr, x - bar_width / 2 - 3, longest_y);
  cairo_line_to(cr, x + bar_width / 2 + 3, longest_y);
  cairo_stroke(cr);

  // Both numbers when the slot has room for them, else the average alone.
  use_font(cr, kSmallFontSize);
  set_colour(cr, kTextColour);
  const auto average = format_number(sprint.average_days) + "d";
  const auto both = average + " · max " + format_number(sprint.longest_days) + "d";
  const double room = slot_width - 4;
  const auto label = fit_text(cr, both, room) == both ? both : average;
  draw_text(cr, label, x, std::min(bar_top, longest_y) - 6, Align::centre, room);
  cairo_restore(cr);
}

void paint_acceptance_lag(cairo_t* cr, const AcceptanceLag& chart, Size size) {
  draw_title(cr, chart.title.empty() ? "Acceptance lag" : chart.title, size);
  if (chart.sprints.empty()) {
    draw_no_data(cr, size);
    return;
  }
  const auto axis = value_axis(largest_days(chart));
  draw_value_axis(cr, axis, kLagPlot, "d");
  const auto count = chart.sprints.size();
  const double slot_width = kLagPlot.width() / static_cast<double>(count);
  auto x_of = [&](std::size_t i) {
    return kLagPlot.left + (static_cast<double>(i) + 0.5) * slot_width;
  };
  for (std::size_t i = 0; i < count; ++i)
    draw_lag_bar(cr, chart.sprints[i], x_of(i), slot_width, axis);

  cairo_save(cr);
  use_font(cr, kSmallFontSize);
  const auto stride = label_stride(count, slot_width, kSprintLabelRoom);
  const double room = slot_width * static_cast<double>(stride) - 4;
  for (std::size_t i = 0; i < count; i += stride) {
    set_colour(cr, kTextColour);
    draw_text(cr, chart.sprints[i].label, x_of(i), kLagPlot.bottom + 16, Align::centre, room);
    set_colour(cr, kMutedTextColour);
    draw_text(cr, tasks_phrase(chart.sprints[i].count), x_of(i), kLagPlot.bottom + 30,
              Align::centre, room);
  }
  cairo_restore(cr);
  draw_legend(
      cr,
      {{"average days", kLagBarColour, Swatch::block}, {"longest", kLongestColour, Swatch::line}},
      kLagPlot.right, 50);
}

std::string days_phrase(double days) {
  return format_number(days) + (format_number(days) == "1" ? " day" : " days");
}

}  // namespace

std::string draw(const AcceptanceLag& chart, Format format) {
  return render(format, kLagSize,
                [&chart](cairo_t* cr, Size size) { paint_acceptance_lag(cr, chart, size); });
}

std::string describe(const AcceptanceLag& chart) {
  std::string text = described_label(chart.title, "Acceptance lag");
  if (chart.sprints.empty()) return bounded_description(text + ": no accepted work yet.");
  text += ": ";
  std::vector<std::string> phrases;
  for (std::size_t i = 0; i < chart.sprints.size(); ++i) {
    const auto& sprint = chart.sprints[i];
    phrases.push_back(described_label(sprint.label, "sprint " + std::to_string(i + 1)) + " " +
                      days_phrase(sprint.average_days) + " on average, longest " +
                      days_phrase(sprint.longest_days) + ", " + tasks_phrase(sprint.count));
  }
  const auto budget = kDescriptionBytes > text.size() + 1 ? kDescriptionBytes - text.size() - 1 : 0;
  return bounded_description(text + join_within(phrases, "; ", budget) + ".");
}

}  // namespace accord::commands::charts
