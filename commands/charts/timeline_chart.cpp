// The roadmap timeline: one row per item from its baseline (first approved) date to its current
// date, so slips show as lines, overdue items stand out in their own colour, and today is marked.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "commands/charts/chart_drawing.hpp"
#include "commands/charts/chart_text.hpp"
#include "commands/time/calendar.hpp"

namespace accord::commands::charts {
namespace {

using std::chrono::sys_days;

constexpr int kTimelineWidth = 800;
constexpr int kTimelineMinHeight = 160;
constexpr double kRowHeight = 22;
// More rows would make a chat image taller than a screen; the rest are counted instead.
constexpr std::size_t kMostRows = 30;
constexpr double kRowsTop = 76;
constexpr double kBelowRows = 40;
constexpr double kItemLabelLeft = 20;
constexpr double kItemLabelRoom = 180;
constexpr double kDatesLeft = 212;
constexpr double kDatesRight = 776;
constexpr double kMostDateTicks = 6;
constexpr double kCurrentMarkerRadius = 5.5;
constexpr Rgb kTodayColour{90, 90, 90};
constexpr Rgb kRowStripeColour{246, 246, 246};

// An item's dates as days; text that is no date counts as no date.
struct PlacedItem {
  const TimelineItem* item = nullptr;
  std::optional<sys_days> baseline;
  std::optional<sys_days> current;
};

// The visible span of days, padded so markers at its ends stay inside the plot.
struct DateRange {
  double first = 0;  // days since the epoch
  double last = 1;
  double x_of(sys_days day, const PlotArea& plot) const {
    const double at = static_cast<double>(day.time_since_epoch().count());
    return plot.left + (at - first) / (last - first) * plot.width();
  }
};

std::optional<sys_days> read_date(const std::optional<std::string>& text) {
  return text ? parse_date(*text) : std::nullopt;
}

Rgb item_colour(const TimelineItem& item) {
  if (item.overdue) return kOverdueColour;
  return item.done ? kDoneColour : kOpenColour;
}

std::optional<DateRange> date_range(const std::vector<PlacedItem>& rows,
                                    std::optional<sys_days> today) {
  std::vector<double> days;
  auto consider = [&](std::optional<sys_days> day) {
    if (day) days.push_back(static_cast<double>(day->time_since_epoch().count()));
  };
  consider(today);
  for (const auto& row : rows) {
    consider(row.baseline);
    consider(row.current);
  }
  if (days.empty()) return std::nullopt;
  const auto [lowest, highest] = std::minmax_element(days.begin(), days.end());
  const double padding = std::max(1.0, (*highest - *lowest) * 0.04);
  return DateRange{*lowest - padding, *highest + padding};
}

void draw_date_ticks(cairo_t* cr, const DateRange& range, const PlotArea& plot) {
  double step = 1;
  for (const double candidate : {1.0, 2.0, 7.0, 14.0, 28.0, 56.0, 91.0, 182.0, 364.0}) {
    step = candidate;
    if ((range.last - range.first) / step <= kMostDateTicks) break;
  }
  while ((range.last - range.first) / step > kMostDateTicks) step *= 2;
  cairo_save(cr);
  use_font(cr, kSmallFontSize);
  cairo_set_line_width(cr, 1);
  for (double at = std::ceil(range.first / step) * step; at <= range.last; at += step) {
    const sys_days day{std::chrono::days{static_cast<int>(at)}};
    const double x = std::round(range.x_of(day, plot)) + 0.5;
    set_colour(cr, kGridColour);
    cairo_move_to(cr, x, plot.top);
    cairo_line_to(cr, x, plot.bottom);
    cairo_stroke(cr);
    set_colour(cr, kMutedTextColour);
    draw_text(cr, format_date(day), x, plot.bottom + 16, Align::centre, plot.width() / 4);
  }
  cairo_restore(cr);
}

void draw_today(cairo_t* cr, sys_days today, const DateRange& range, const PlotArea& plot) {
  const double x = range.x_of(today, plot);
  cairo_save(cr);
  set_colour(cr, kTodayColour);
  const double dashes[] = {4, 3};
  cairo_set_dash(cr, dashes, 2, 0);
  cairo_set_line_width(cr, 1.5);
  cairo_move_to(cr, x, plot.top - 2);
  cairo_line_to(cr, x, plot.bottom);
  cairo_stroke(cr);
  use_font(cr, kSmallFontSize);
  draw_text(cr, "today", x, plot.top - 5, Align::centre, 60);
  cairo_restore(cr);
}

void draw_item_row(cairo_t* cr, const PlacedItem& row, double y,
                   const std::optional<DateRange>& range, const PlotArea& plot) {
  const Rgb colour = item_colour(*row.item);
  cairo_save(cr);
  use_font(cr, kLabelFontSize);
  set_colour(cr, kTextColour);
  draw_text(cr, row.item->label, kItemLabelLeft, y + 4, Align::left, kItemLabelRoom);
  if (!row.current || !range) {
    set_colour(cr, kMutedTextColour);
    draw_text(cr, "unscheduled", plot.left + 6, y + 4, Align::left, plot.width());
  }
  if (range && row.baseline && row.current && *row.baseline != *row.current) {
    set_colour(cr, colour);
    cairo_set_line_width(cr, 3);
    cairo_move_to(cr, range->x_of(*row.baseline, plot), y);
    cairo_line_to(cr, range->x_of(*row.current, plot), y);
    cairo_stroke(cr);
  }
  if (range && row.baseline)
    draw_hollow_diamond(cr, range->x_of(*row.baseline, plot), y, 5, colour);
  if (range && row.current) {
    set_colour(cr, colour);
    fill_dot(cr, range->x_of(*row.current, plot), y, kCurrentMarkerRadius);
  }
  cairo_restore(cr);
}

std::vector<LegendEntry> timeline_legend(const std::vector<PlacedItem>& rows, bool has_today) {
  std::vector<LegendEntry> legend{{"baseline", kAxisColour, Swatch::hollow_diamond},
                                  {"current date", kAxisColour, Swatch::dot}};
  auto any = [&](auto predicate) { return std::any_of(rows.begin(), rows.end(), predicate); };
  if (any([](const PlacedItem& row) { return !row.item->overdue && !row.item->done; })) {
    legend.push_back({"open", kOpenColour, Swatch::block});
  }
  if (any([](const PlacedItem& row) { return !row.item->overdue && row.item->done; })) {
    legend.push_back({"done", kDoneColour, Swatch::block});
  }
  if (any([](const PlacedItem& row) { return row.item->overdue; })) {
    legend.push_back({"overdue", kOverdueColour, Swatch::block});
  }
  if (has_today) legend.push_back({"today", kTodayColour, Swatch::dashed_line});
  return legend;
}

std::size_t shown_rows(const Timeline& chart) {
  return std::min(chart.items.size(), kMostRows);
}

Size timeline_size(const Timeline& chart) {
  const auto rows = shown_rows(chart) + (chart.items.size() > kMostRows ? 1 : 0);
  const double height = kRowsTop + static_cast<double>(rows) * kRowHeight + kBelowRows;
  return {kTimelineWidth, std::max(kTimelineMinHeight, static_cast<int>(height))};
}

void paint_timeline(cairo_t* cr, const Timeline& chart, Size size) {
  draw_title(cr, chart.title.empty() ? "Roadmap" : chart.title, size);
  if (chart.items.empty()) {
    draw_no_data(cr, size);
    return;
  }
  std::vector<PlacedItem> rows;
  for (std::size_t i = 0; i < shown_rows(chart); ++i) {
    const auto& item = chart.items[i];
    rows.push_back({&item, read_date(item.baseline), read_date(item.current)});
  }
  const auto today = parse_date(chart.today);
  const auto range = date_range(rows, today);
  const PlotArea plot{kDatesLeft, kRowsTop, kDatesRight,
                      kRowsTop + static_cast<double>(rows.size()) * kRowHeight};
  cairo_save(cr);
  set_colour(cr, kRowStripeColour);
  for (std::size_t i = 1; i < rows.size(); i += 2) {
    cairo_rectangle(cr, 0, plot.top + static_cast<double>(i) * kRowHeight, size.width, kRowHeight);
  }
  cairo_fill(cr);
  cairo_restore(cr);
  if (range) draw_date_ticks(cr, *range, plot);
  if (range && today) draw_today(cr, *today, *range, plot);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    draw_item_row(cr, rows[i], plot.top + (static_cast<double>(i) + 0.5) * kRowHeight, range, plot);
  }
  if (chart.items.size() > rows.size()) {
    cairo_save(cr);
    use_font(cr, kLabelFontSize);
    set_colour(cr, kMutedTextColour);
    draw_text(cr, "+" + std::to_string(chart.items.size() - rows.size()) + " more", kItemLabelLeft,
              plot.bottom + kRowHeight - 7, Align::left, kItemLabelRoom);
    cairo_restore(cr);
  }
  draw_legend(cr, timeline_legend(rows, today.has_value()), kDatesRight, 50);
}

std::string item_phrase(const TimelineItem& item) {
  std::string phrase = described_label(item.label, "(unnamed)") + " ";
  phrase += item.current ? described_label(*item.current, "") : "unscheduled";
  if (item.baseline && item.baseline != item.current) {
    phrase += " (baseline " + described_label(*item.baseline, "") + ")";
  }
  if (item.overdue) return phrase + ", overdue";
  return item.done ? phrase + ", done" : phrase;
}

}  // namespace

std::string draw(const Timeline& chart, Format format) {
  return render(format, timeline_size(chart),
                [&chart](cairo_t* cr, Size size) { paint_timeline(cr, chart, size); });
}

std::string describe(const Timeline& chart) {
  std::string text = described_label(chart.title, "Roadmap timeline");
  if (!chart.today.empty()) text += " on " + described_label(chart.today, "");
  const auto count = chart.items.size();
  if (count == 0) return bounded_description(text + ": no items yet.");
  auto tally = [&](auto predicate) {
    return std::to_string(std::count_if(chart.items.begin(), chart.items.end(), predicate));
  };
  text += ": " + std::to_string(count) + (count == 1 ? " item, " : " items, ") +
          tally([](const TimelineItem& item) { return item.overdue; }) + " overdue, " +
          tally([](const TimelineItem& item) { return item.done; }) + " done, " +
          tally([](const TimelineItem& item) { return !item.current.has_value(); }) +
          " unscheduled. ";
  // Overdue items first: they are what the reader needs to hear before the list is cut.
  std::vector<std::string> phrases;
  for (const bool overdue : {true, false}) {
    for (const auto& item : chart.items) {
      if (item.overdue == overdue) phrases.push_back(item_phrase(item));
    }
  }
  const auto budget = kDescriptionBytes > text.size() + 1 ? kDescriptionBytes - text.size() - 1 : 0;
  return bounded_description(text + join_within(phrases, "; ", budget) + ".");
}

}  // namespace accord::commands::charts
