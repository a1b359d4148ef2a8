// Charts of a project's progress (burn-down, roadmap timeline, acceptance lag), drawn once with
// cairo into either a PNG for chat or an SVG for the web page, with alt text that says the numbers.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace accord::commands::charts {

enum class Format { png, svg };

// Sprint burn-down: remaining estimated hours per working day, ideal line vs actual.
struct BurnDownDay {
  std::string label{};                // e.g. "Mon 7"
  double ideal = 0;                   // ideal remaining hours at the end of this day
  std::optional<double> remaining{};  // actual remaining hours; nullopt for days not yet reached
  bool scope_changed = false;         // planned hours changed on this day: marked on the chart
  bool live = false;  // today's figure as it stands, before the day's end (its ideal is the end's)
};
struct BurnDown {
  std::string title{};
  std::vector<BurnDownDay> days{};
  // Hours planned when the sprint started: both lines then start from it, before the first day.
  std::optional<double> planned{};
};

// Roadmap timeline: each item's baseline (first approved) date vs its current date, today, overdue
// in a distinct colour.
struct TimelineItem {
  std::string label{};                    // e.g. "R-2 Checkout"
  std::optional<std::string> baseline{};  // "YYYY-MM-DD"
  std::optional<std::string> current{};   // "YYYY-MM-DD"; nullopt = unscheduled
  bool overdue = false;                   // drawn as overdue even when also done
  bool done = false;
};
struct Timeline {
  std::string title{};
  std::string today{};  // YYYY-MM-DD
  std::vector<TimelineItem> items{};
};

// Acceptance lag: how long finished work waited for the customer's acceptance, per sprint.
struct LagBar {
  std::string label{};  // "SP-3"
  double average_days = 0;
  double longest_days = 0;
  int count = 0;
};
struct AcceptanceLag {
  std::string title{};
  std::vector<LagBar> sprints{};
};

// The drawn chart's bytes: a PNG file, or an SVG document. Throws std::runtime_error when cairo
// fails (out of memory).
std::string draw(const BurnDown& chart, Format format);
std::string draw(const Timeline& chart, Format format);
std::string draw(const AcceptanceLag& chart, Format format);

// Alt text that says the numbers (screen readers, chat notifications), under ~600 bytes. It
// leads with the chart's title ("SP-2 burn-down: 40h planned; ..."), or its kind when untitled.
std::string describe(const BurnDown& chart);
std::string describe(const Timeline& chart);
std::string describe(const AcceptanceLag& chart);

// An SVG document (as draw writes it) made fit to sit inline in an HTML page next to other
// charts: no XML declaration, every id and reference to it prefixed with `prefix`, no
// width/height (CSS scales it by its viewBox), style attributes turned into presentation
// attributes (a strict Content-Security-Policy allows no inline style), role="img" and `label` as
// its aria-label.
// `prefix` is letters, digits, '-' and '_', starting with a letter; otherwise, or when `svg` has
// no <svg> element, throws std::invalid_argument.
std::string inline_svg(const std::string& svg, const std::string& prefix, const std::string& label);

// Frees the font caches cairo and fontconfig keep for the whole process, which leak checkers
// (the sanitizer builds) otherwise report at exit. Only at exit: no chart may be drawn after it.
void release_drawing_caches();

// The palette, exposed so tests can look for a series by its colour (RGB 0..255). Legend swatches
// are stroked, so filled shapes of a series colour are that series' data marks alone.
struct Rgb {
  int r, g, b;
};
inline constexpr Rgb kOverdueColour{200, 40, 40};
inline constexpr Rgb kDoneColour{40, 150, 70};
inline constexpr Rgb kOpenColour{40, 100, 200};
inline constexpr Rgb kActualColour{40, 100, 200};  // burn-down: actual remaining hours
inline constexpr Rgb kIdealColour{150, 150, 150};
inline constexpr Rgb kScopeColour{230, 130, 20};
inline constexpr Rgb kLagBarColour{90, 120, 190};  // acceptance lag: average days
inline constexpr Rgb kLongestColour{60, 60, 60};

}  // namespace accord::commands::charts
