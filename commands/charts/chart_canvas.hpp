// The one place charts meet a file format: a chart paints onto a cairo context, and the canvas
// turns that painting into PNG or SVG bytes.
#pragma once

#include <cairo.h>

#include <functional>
#include <string>

#include "commands/charts/charts.hpp"

namespace accord::commands::charts {

struct Size {
  int width = 0;
  int height = 0;
};

// Paints a chart on a white canvas of `size`; it may assume nothing else about the context.
using ChartPainter = std::function<void(cairo_t*, Size)>;

// The painted chart as a PNG file or an SVG document (in px, so both come out the same size).
// Throws std::runtime_error when cairo reports a failure.
std::string render(Format format, Size size, const ChartPainter& paint);

}  // namespace accord::commands::charts
