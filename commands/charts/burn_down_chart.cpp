// The sprint burn-down: remaining hours per working day against the ideal line, with the days
// the planned hours changed marked, since a jump up is otherwise read as work going backwards.
#include <algorithm>
#include <cmath>

#include "commands/charts/chart_drawing.hpp"
#include "commands/charts/chart_text.hpp"

namespace accord::commands::charts {
namespace {

constexpr Size kBurnDownSize{800, 400};
constexpr PlotArea kBurnDownPlot{64, 72, 776, 340};
constexpr double kBurnDownDotRadius = 3.5;
constexpr double kDayLabelRoom = 56;

// Where each day sits: slot 0 is the sprint's start when the planned hours are known.
struct DaySlots {
  std::size_t first_day = 0;  // slot of days[0]
  std::size_t count = 0;
  double width() const { return kBurnDownPlot.width() / static_cast<double>(count); }
  double x_of_slot(std::size_t slot) const {
    return kBurnDownPlot.left + (static_cast<double>(slot) + 0.5) * width();
  }
  double x_of_day(std::size_t day) const { return x_of_slot(first_day + day); }
};

double largest_hours(const BurnDown& chart) {
  double largest = 0;
  auto consider = [&](double value) {
    if (std::isfinite(value)) largest = std::max(largest, value);
  };
  if (chart.planned) consider(*chart.planned);
  for (const auto& day : chart.days) {
    consider(day.ideal);
    if (day.remaining) consider(*day.remaining);
  }
  return largest;
}

void stroke_polyline(cairo_t* cr, const std::vector<std::pair<double, double>>& points) {
  if (points.size() < 2) return;
  cairo_new_path(cr);
  for (const auto& [x, y] : points) cairo_line_to(cr, x, y);
  cairo_stroke(cr);
}

void draw_scope_changes(cairo_t* cr, const BurnDown& chart, const DaySlots& slots) {
  cairo_save(cr);
  set_colour(cr, kScopeColour);
  use_font(cr, kSmallFontSize);
  const double dashes[] = {5, 4};
  for (std::size_t i = 0; i < chart.days.size(); ++i) {
    if (!chart.days[i].scope_changed) continue;
    const double x = slots.x_of_day(i);
    cairo_set_dash(cr, dashes, 2, 0);
    cairo_set_line_width(cr, 1.5);
    cairo_move_to(cr, x, kBurnDownPlot.top);
    cairo_line_to(cr, x, kBurnDownPlot.bottom);
    cairo_stroke(cr);
    draw_text(cr, "scope", x, kBurnDownPlot.top - 4, Align::centre, std::max(slots.width(), 40.0));
  }
  cairo_restore(cr);
}

void draw_lines(cairo_t* cr, const BurnDown& chart, const DaySlots& slots, const ValueAxis& axis) {
  std::vector<std::pair<double, double>> ideal;
  std::vector<std::pair<double, double>> actual;
  if (chart.planned) {
    const double y = axis.y_of(*chart.planned, kBurnDownPlot);
    ideal.emplace_back(slots.x_of_slot(0), y);
    actual.emplace_back(slots.x_of_slot(0), y);
  }
  for (std::size_t i = 0; i < chart.days.size(); ++i) {
    const auto& day = chart.days[i];
    ideal.emplace_back(slots.x_of_day(i), axis.y_of(day.ideal, kBurnDownPlot));
    if (day.remaining) {
      actual.emplace_back(slots.x_of_day(i), axis.y_of(*day.remaining, kBurnDownPlot));
    }
  }
  cairo_save(cr);
  set_colour(cr, kIdealColour);
  cairo_set_line_width(cr, 2);
  const double dashes[] = {6, 4};
  cairo_set_dash(cr, dashes, 2, 0);
  stroke_polyline(cr, ideal);
  cairo_set_dash(cr, nullptr, 0, 0);
  set_colour(cr, kActualColour);
  cairo_set_line_width(cr, 2.5);
  stroke_polyline(cr, actual);
  // One dot per reported day, each its own shape: the start point is the plan, not a report.
  for (std::size_t i = chart.planned ? 1 : 0; i < actual.size(); ++i) {
    fill_dot(cr, actual[i].first, actual[i].second, kBurnDownDotRadius);
  }
  cairo_restore(cr);
}

void draw_day_labels(cairo_t* cr, const BurnDown& chart, const DaySlots& slots) {
  cairo_save(cr);
  use_font(cr, kSmallFontSize);
  set_colour(cr, kTextColour);
  const auto stride = label_stride(slots.count, slots.width(), kDayLabelRoom);
  const double room = slots.width() * static_cast<double>(stride) - 4;
  const double y = kBurnDownPlot.bottom + 16;
  for (std::size_t slot = 0; slot < slots.count; slot += stride) {
    const bool is_start = slot < slots.first_day;
    const auto& label = is_start ? std::string("start") : chart.days[slot - slots.first_day].label;
    draw_text(cr, label, slots.x_of_slot(slot), y, Align::centre, room);
  }
  cairo_restore(cr);
}

void paint_burn_down(cairo_t* cr, const BurnDown& chart, Size size) {
  draw_title(cr, chart.title.empty() ? "Burn-down" : chart.title, size);
  if (chart.days.empty()) {
    draw_no_data(cr, size);
    return;
  }
  const DaySlots slots{chart.planned ? 1u : 0u, chart.days.size() + (chart.planned ? 1 : 0)};
  const auto axis = value_axis(largest_hours(chart));
  draw_value_axis(cr, axis, kBurnDownPlot, "h");
  draw_scope_changes(cr, chart, slots);
  draw_lines(cr, chart, slots, axis);
  draw_day_labels(cr, chart, slots);

  std::vector<LegendEntry> legend{{"ideal", kIdealColour, Swatch::dashed_line},
                                  {"remaining", kActualColour, Swatch::line}};
  const bool scope_changed = std::any_of(chart.days.begin(), chart.days.end(),
                                         [](const BurnDownDay& day) { return day.scope_changed; });
  if (scope_changed) legend.push_back({"scope change", kScopeColour, Swatch::dashed_line});
  draw_legend(cr, legend, kBurnDownPlot.right, 50);
}

std::string day_name(const BurnDown& chart, std::size_t index) {
  return described_label(chart.days[index].label, "day " + std::to_string(index + 1));
}

}  // namespace

std::string draw(const BurnDown& chart, Format format) {
  return render(format, kBurnDownSize,
                [&chart](cairo_t* cr, Size size) { paint_burn_down(cr, chart, size); });
}

std::string describe(const BurnDown& chart) {
  std::string text = described_label(chart.title, "Burn-down");
  if (chart.days.empty()) return bounded_description(text + ": no working days yet.");
  const auto count = chart.days.size();
  text += " over " + std::to_string(count) + (count == 1 ? " working day: " : " working days: ");
  if (chart.planned) text += format_number(*chart.planned) + "h planned; ";

  const auto last_reported =
      std::find_if(chart.days.rbegin(), chart.days.rend(),
                   [](const BurnDownDay& day) { return day.remaining.has_value(); });
  if (last_reported == chart.days.rend()) {
    text += "no remaining hours reported yet";
  } else {
    const auto index = static_cast<std::size_t>(chart.days.rend() - last_reported) - 1;
    text += format_number(*last_reported->remaining) + "h remaining on " + day_name(chart, index) +
            " against " + format_number(last_reported->ideal) + "h ideal";
  }
  std::vector<std::string> scope_days;
  for (std::size_t i = 0; i < count; ++i) {
    if (chart.days[i].scope_changed) scope_days.push_back(day_name(chart, i));
  }
  if (!scope_days.empty()) {
    const auto budget =
        kDescriptionBytes > text.size() + 40 ? kDescriptionBytes - text.size() - 40 : 0;
    text += "; scope changed on " + join_within(scope_days, ", ", budget);
  }
  return bounded_description(text + ".");
}

}  // namespace accord::commands::charts
