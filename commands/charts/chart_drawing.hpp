// What every chart draws alike: its title, axes, labels fitted to their room, legend and the
// "No data yet" notice, so the three charts look like one family.
#pragma once

#include <cairo.h>

#include <string>
#include <string_view>
#include <vector>

#include "commands/charts/chart_canvas.hpp"
#include "commands/charts/charts.hpp"

namespace accord::commands::charts {

inline constexpr Rgb kTextColour{40, 40, 40};
inline constexpr Rgb kMutedTextColour{110, 110, 110};
inline constexpr Rgb kAxisColour{120, 120, 120};
inline constexpr Rgb kGridColour{228, 228, 228};

inline constexpr double kTitleFontSize = 16;
inline constexpr double kLabelFontSize = 11;
inline constexpr double kSmallFontSize = 10;

// The rectangle the data is drawn in, inside the margins left for the title, axes and labels.
struct PlotArea {
  double left = 0;
  double top = 0;
  double right = 0;
  double bottom = 0;
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};

// A value axis from 0 to `top` in `steps` round steps of `step`.
struct ValueAxis {
  double top = 1;
  double step = 1;
  int steps = 1;
  // The y of a value, clamped into the plot.
  double y_of(double value, const PlotArea& plot) const;
};
// The axis for values up to `largest`: 1, 2, 2.5 or 5 times a power of ten per step, about four
// steps. Zero, negative or non-finite `largest` gets 0..10, so nothing divides by zero.
ValueAxis value_axis(double largest);
// Grid lines with labels ("8h") left of the plot, and the two axis lines.
void draw_value_axis(cairo_t* cr, const ValueAxis& axis, const PlotArea& plot,
                     std::string_view unit);

void set_colour(cairo_t* cr, Rgb colour);
void use_font(cairo_t* cr, double size, bool bold = false);

enum class Align { left, centre, right };
// User text made valid UTF-8 and cut (with an ellipsis, never inside a character) to fit
// `max_width` in the current font; empty when not even the ellipsis fits.
std::string fit_text(cairo_t* cr, std::string_view text, double max_width);
// Text with its baseline at y, fitted to `max_width`, in the current font and colour.
void draw_text(cairo_t* cr, std::string_view text, double x, double y, Align align,
               double max_width);

void draw_title(cairo_t* cr, std::string_view title, Size size);
// Centred notice for a chart with nothing to show yet.
void draw_no_data(cairo_t* cr, Size size);

// Every how many slots a label fits: 1 when they all do, 2 for every other one, ...
std::size_t label_stride(std::size_t slots, double slot_width, double label_width);

// Swatches are strokes (or neutral), so a series colour's filled shapes are its data marks alone.
enum class Swatch { line, dashed_line, block, hollow_diamond, dot };
struct LegendEntry {
  std::string label;
  Rgb colour;
  Swatch swatch;
};
// One row of entries ending at `right`, centred on `y`.
void draw_legend(cairo_t* cr, const std::vector<LegendEntry>& entries, double right, double y);

// Marker shapes shared by the legend and the charts.
void fill_dot(cairo_t* cr, double x, double y, double radius);
// A white diamond outlined in `outline`.
void draw_hollow_diamond(cairo_t* cr, double x, double y, double half_size, Rgb outline);

}  // namespace accord::commands::charts
