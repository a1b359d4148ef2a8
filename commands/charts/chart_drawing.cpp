#include "commands/charts/chart_drawing.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "commands/charts/chart_text.hpp"
#include "commands/core/command_line.hpp"
#include "commands/core/message.hpp"

namespace accord::commands::charts {
namespace {

// Beyond any real hours or days; keeps the axis arithmetic finite for absurd input.
constexpr double kLargestAxisValue = 1e12;
constexpr double kEmptyAxisTop = 10;
constexpr double kAxisTargetSteps = 4;
// Labels are short; longer user text is cut before measuring, so fitting stays cheap.
constexpr std::size_t kLongestMeasuredText = 400;
constexpr double kSwatchWidth = 18;
constexpr double kLegendGap = 14;

double text_width(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  return extents.x_advance;
}

void draw_swatch(cairo_t* cr, const LegendEntry& entry, double x, double y) {
  cairo_save(cr);
  set_colour(cr, entry.colour);
  switch (entry.swatch) {
    case Swatch::dashed_line: {
      const double dashes[] = {4, 3};
      cairo_set_dash(cr, dashes, 2, 0);
      [[fallthrough]];
    }
    case Swatch::line:
      cairo_set_line_width(cr, 2);
      cairo_move_to(cr, x, y);
      cairo_line_to(cr, x + kSwatchWidth, y);
      cairo_stroke(cr);
      break;
    case Swatch::block:
      cairo_set_line_width(cr, 10);
      cairo_move_to(cr, x + 2, y);
      cairo_line_to(cr, x + kSwatchWidth - 2, y);
      cairo_stroke(cr);
      break;
    case Swatch::hollow_diamond:
      draw_hollow_diamond(cr, x + kSwatchWidth / 2, y, 5, entry.colour);
      break;
    case Swatch::dot:
      fill_dot(cr, x + kSwatchWidth / 2, y, 4);
      break;
  }
  cairo_restore(cr);
}

}  // namespace

double ValueAxis::y_of(double value, const PlotArea& plot) const {
  if (!std::isfinite(value)) value = 0;
  return plot.bottom - std::clamp(value / top, 0.0, 1.0) * plot.height();
}

ValueAxis value_axis(double largest) {
  if (!(largest > 0)) largest = kEmptyAxisTop;
  largest = std::min(largest, kLargestAxisValue);
  const double rough = largest / kAxisTargetSteps;
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  double step = 10 * magnitude;
  for (const double factor : {1.0, 2.0, 2.5, 5.0}) {
    if (rough <= factor * magnitude) {
      step = factor * magnitude;
      break;
    }
  }
  // The epsilon keeps 40 in 4 steps of 10 rather than 5 when 40 / 10 is 4.0000000001.
  const int steps = std::max(1, static_cast<int>(std::ceil(largest / step - 1e-9)));
  return {step * steps, step, steps};
}

void draw_value_axis(cairo_t* cr, const ValueAxis& axis, const PlotArea& plot,
                     std::string_view unit) {
  cairo_save(cr);
  use_font(cr, kSmallFontSize);
  cairo_set_line_width(cr, 1);
  for (int i = 0; i <= axis.steps; ++i) {
    const double value = axis.step * i;
    const double y = std::round(axis.y_of(value, plot)) + 0.5;
    set_colour(cr, kGridColour);
    cairo_move_to(cr, plot.left, y);
    cairo_line_to(cr, plot.right, y);
    cairo_stroke(cr);
    set_colour(cr, kMutedTextColour);
    draw_text(cr, format_number(value) + std::string(unit), plot.left - 6, y + 3.5, Align::right,
              plot.left - 8);
  }
  set_colour(cr, kAxisColour);
  cairo_move_to(cr, plot.left, plot.top);
  cairo_line_to(cr, plot.left, plot.bottom);
  cairo_line_to(cr, plot.right, plot.bottom);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void set_colour(cairo_t* cr, Rgb colour) {
  cairo_set_source_rgb(cr, colour.r / 255.0, colour.g / 255.0, colour.b / 255.0);
}

void use_font(cairo_t* cr, double size, bool bold) {
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

std::string fit_text(cairo_t* cr, std::string_view text, double max_width) {
  // cairo refuses malformed UTF-8 (and then draws nothing more), so user text is repaired first.
  auto valid = valid_utf8(truncate_text(text, kLongestMeasuredText));
  if (!(max_width > 0)) return {};
  if (text_width(cr, valid) <= max_width) return valid;
  // The longest cut that fits: wider cuts never fit when a narrower one does not.
  std::string best;
  std::size_t low = 0;
  std::size_t high = valid.size();
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    auto candidate = truncate_text(valid, middle);
    if (text_width(cr, candidate) <= max_width) {
      best = std::move(candidate);
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return best;
}

void draw_text(cairo_t* cr, std::string_view text, double x, double y, Align align,
               double max_width) {
  const auto shown = fit_text(cr, text, max_width);
  if (shown.empty()) return;
  const double width = text_width(cr, shown);
  if (align == Align::centre) x -= width / 2;
  if (align == Align::right) x -= width;
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, shown.c_str());
  cairo_new_path(cr);
}

void draw_title(cairo_t* cr, std::string_view title, Size size) {
  cairo_save(cr);
  use_font(cr, kTitleFontSize, true);
  set_colour(cr, kTextColour);
  draw_text(cr, title, 20, 28, Align::left, size.width - 40);
  cairo_restore(cr);
}

void draw_no_data(cairo_t* cr, Size size) {
  cairo_save(cr);
  use_font(cr, 14);
  set_colour(cr, kMutedTextColour);
  draw_text(cr, "No data yet", size.width / 2.0, size.height / 2.0, Align::centre, size.width);
  cairo_restore(cr);
}

std::size_t label_stride(std::size_t slots, double slot_width, double label_width) {
  if (slots == 0 || !(slot_width > 0)) return std::max<std::size_t>(slots, 1);
  const double stride = std::ceil(label_width / slot_width);
  return std::clamp<std::size_t>(static_cast<std::size_t>(std::max(stride, 1.0)), 1, slots);
}

void draw_legend(cairo_t* cr, const std::vector<LegendEntry>& entries, double right, double y) {
  cairo_save(cr);
  use_font(cr, kSmallFontSize);
  double total = 0;
  for (const auto& entry : entries) {
    total += kSwatchWidth + 4 + text_width(cr, entry.label) + kLegendGap;
  }
  double x = right - total + kLegendGap;
  for (const auto& entry : entries) {
    draw_swatch(cr, entry, x, y);
    x += kSwatchWidth + 4;
    set_colour(cr, kTextColour);
    cairo_move_to(cr, x, y + 3.5);
    cairo_show_text(cr, entry.label.c_str());
    cairo_new_path(cr);
    x += text_width(cr, entry.label) + kLegendGap;
  }
  cairo_restore(cr);
}

void fill_dot(cairo_t* cr, double x, double y, double radius) {
  cairo_new_path(cr);
  cairo_arc(cr, x, y, radius, 0, 2 * std::numbers::pi);
  cairo_fill(cr);
}

void draw_hollow_diamond(cairo_t* cr, double x, double y, double half_size, Rgb outline) {
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_move_to(cr, x, y - half_size);
  cairo_line_to(cr, x + half_size, y);
  cairo_line_to(cr, x, y + half_size);
  cairo_line_to(cr, x - half_size, y);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill_preserve(cr);
  set_colour(cr, outline);
  cairo_set_line_width(cr, 1.5);
  cairo_stroke(cr);
  cairo_restore(cr);
}

}  // namespace accord::commands::charts
