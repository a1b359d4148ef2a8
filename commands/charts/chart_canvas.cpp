#include "commands/charts/chart_canvas.hpp"

#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>

#include <memory>
#include <stdexcept>

namespace accord::commands::charts {
namespace {

using SurfaceHandle = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using ContextHandle = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

// cairo keeps going after an error (every later call is a no-op), so checking at each step's end
// catches anything that went wrong within it.
void check_cairo(cairo_status_t status, const char* step) {
  if (status == CAIRO_STATUS_SUCCESS) return;
  throw std::runtime_error(std::string("chart ") + step + ": " + cairo_status_to_string(status));
}

// cairo's write callback, appending to the std::string behind `closure`: C calls it, so nothing
// may escape it but a status.
cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

void paint_on(cairo_surface_t* surface, Size size, const ChartPainter& paint) {
  check_cairo(cairo_surface_status(surface), "surface");
  const ContextHandle context(cairo_create(surface), &cairo_destroy);
  check_cairo(cairo_status(context.get()), "context");
  cairo_set_source_rgb(context.get(), 1, 1, 1);
  cairo_paint(context.get());
  paint(context.get(), size);
  check_cairo(cairo_status(context.get()), "drawing");
}

}  // namespace

std::string render(Format format, Size size, const ChartPainter& paint) {
  // Declared before the surface: an SVG surface destroyed while unwinding still writes to it.
  std::string bytes;
  if (format == Format::png) {
    SurfaceHandle surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size.width, size.height),
                          &cairo_surface_destroy);
    paint_on(surface.get(), size, paint);
    cairo_surface_flush(surface.get());
    check_cairo(cairo_surface_write_to_png_stream(surface.get(), &append_bytes, &bytes), "PNG");
    return bytes;
  }
  SurfaceHandle surface(
      cairo_svg_surface_create_for_stream(&append_bytes, &bytes, size.width, size.height),
      &cairo_surface_destroy);
  cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PX);
  paint_on(surface.get(), size, paint);
  // The document is written only when the surface is finished.
  cairo_surface_finish(surface.get());
  check_cairo(cairo_surface_status(surface.get()), "SVG");
  surface.reset();
  return bytes;
}

void release_drawing_caches() {
  // cairo first: its font faces hold fontconfig's patterns.
  cairo_debug_reset_static_data();
  FcFini();
}

}  // namespace accord::commands::charts
