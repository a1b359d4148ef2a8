// Charts as a reader sees them: PNGs decoded back to pixels (size, ink, the overdue colour), SVGs
// counted by their data marks, alt text that carries the numbers, and SVGs inlined side by side
// on one page without sharing an id.
#include <catch2/catch.hpp>

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "commands/charts/chart_data.hpp"
#include "commands/charts/charts.hpp"
#include "commands/core/command_line.hpp"

using namespace accord::commands::charts;
using Catch::Contains;

namespace {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<Rgb> pixels;
};

struct PngSource {
  const std::string& bytes;
  std::size_t at = 0;
};

cairo_status_t read_png_bytes(void* closure, unsigned char* data, unsigned int length) {
  auto& source = *static_cast<PngSource*>(closure);
  if (source.bytes.size() - source.at < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, source.bytes.data() + source.at, length);
  source.at += length;
  return CAIRO_STATUS_SUCCESS;
}

Image decode_png(const std::string& png) {
  PngSource source{png};
  const std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create_from_png_stream(&read_png_bytes, &source), &cairo_surface_destroy);
  REQUIRE(cairo_surface_status(surface.get()) == CAIRO_STATUS_SUCCESS);
  Image image{cairo_image_surface_get_width(surface.get()),
              cairo_image_surface_get_height(surface.get()),
              {}};
  const auto* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  // ARGB32 and RGB24 both keep a pixel in a native-endian 32-bit word; the charts are opaque.
  for (std::size_t y = 0; y < static_cast<std::size_t>(image.height); ++y) {
    for (std::size_t x = 0; x < static_cast<std::size_t>(image.width); ++x) {
      std::uint32_t word;
      std::memcpy(&word, data + y * static_cast<std::size_t>(stride) + x * 4, 4);
      image.pixels.push_back({static_cast<int>((word >> 16) & 0xFF),
                              static_cast<int>((word >> 8) & 0xFF), static_cast<int>(word & 0xFF)});
    }
  }
  return image;
}

std::size_t non_white_pixels(const Image& image) {
  return static_cast<std::size_t>(
      std::count_if(image.pixels.begin(), image.pixels.end(),
                    [](Rgb p) { return p.r != 255 || p.g != 255 || p.b != 255; }));
}

bool has_pixel(const Image& image, Rgb c) {
  return std::any_of(image.pixels.begin(), image.pixels.end(),
                     [&](Rgb p) { return p.r == c.r && p.g == c.g && p.b == c.b; });
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// Filled <path> elements of a colour, as cairo 1.16 writes them:
// style=" stroke:none;fill-rule:nonzero;fill:rgb(78.431373%,15.686275%,15.686275%);..."
std::size_t filled_paths(const std::string& svg, Rgb colour) {
  std::size_t count = 0;
  for (auto at = svg.find("<path "); at != std::string::npos; at = svg.find("<path ", at + 1)) {
    const auto element = svg.substr(at, svg.find('>', at) - at);
    const auto fill = element.find("fill:rgb(");
    if (fill == std::string::npos) continue;
    char* end = nullptr;
    double channel[3];
    const char* cursor = element.c_str() + fill + 9;
    for (auto& value : channel) {
      value = std::strtod(cursor, &end);
      cursor = end + 2;  // past "%," or "%)"
    }
    auto byte = [](double percent) { return static_cast<int>(std::lround(percent * 2.55)); };
    if (byte(channel[0]) == colour.r && byte(channel[1]) == colour.g &&
        byte(channel[2]) == colour.b) {
      ++count;
    }
  }
  return count;
}

void check_svg_document(const std::string& svg) {
  CHECK((svg.rfind("<?xml", 0) == 0 || svg.rfind("<svg", 0) == 0));
  CHECK(std::regex_search(svg, std::regex("</svg>\\s*$")));
  CHECK(occurrences(svg, "<svg") == 1);
  CHECK(occurrences(svg, "<g") - occurrences(svg, "<g/>") == occurrences(svg, "</g>"));
}

BurnDown sprint_burn_down() {
  BurnDown chart{"SP-2 burn-down", {}, 40.0};
  const char* labels[] = {"Mon 7", "Tue 8", "Wed 9", "Thu 10", "Fri 11"};
  const double remaining[] = {36, 30, 22};
  for (int i = 0; i < 5; ++i) {
    BurnDownDay day{labels[i], 40 - 8.0 * (i + 1), std::nullopt, i == 1};
    if (i < 3) day.remaining = remaining[i];
    chart.days.push_back(day);
  }
  return chart;
}

Timeline roadmap(int items, int overdue) {
  Timeline chart{"Roadmap Q4", "2026-11-24", {}};
  for (int i = 0; i < items; ++i) {
    chart.items.push_back(
        {"R-" + std::to_string(i + 1) + " Item", "2026-11-10", "2026-12-01", i < overdue, false});
  }
  return chart;
}

// Frees cairo's and fontconfig's process-wide font caches after main returned (and before the
// sanitizer build's leak check, which runs later still), so that check sees none.
struct DrawingCacheRelease {
  ~DrawingCacheRelease() { release_drawing_caches(); }
} release_at_exit;

}  // namespace

TEST_CASE("a burn-down PNG is an 800x400 image with ink on it", "[charts]") {
  const auto image = decode_png(draw(sprint_burn_down(), Format::png));
  CHECK(image.width == 800);
  CHECK(image.height == 400);
  CHECK(non_white_pixels(image) > 3000);
}

TEST_CASE("a burn-down SVG has one dot per reported day", "[charts]") {
  const auto svg = draw(sprint_burn_down(), Format::svg);
  check_svg_document(svg);
  CHECK(filled_paths(svg, kActualColour) == 3);  // the planned start is no report
  CHECK(svg.find("width=\"800px\"") != std::string::npos);
}

TEST_CASE("a burn-down with no days, one day or no hours still draws", "[charts]") {
  BurnDown empty{"SP-1", {}};
  CHECK(non_white_pixels(decode_png(draw(empty, Format::png))) > 100);  // title, "No data yet"
  CHECK(filled_paths(draw(empty, Format::svg), kActualColour) == 0);

  BurnDown one{"SP-1", {{"Mon 7", 0, 0.0, true}}};
  CHECK(filled_paths(draw(one, Format::svg), kActualColour) == 1);
  CHECK(decode_png(draw(one, Format::png)).width == 800);

  BurnDown odd{"", {{"", NAN, INFINITY, false}, {"", -5, 1e300, false}}, -1.0};
  CHECK_NOTHROW(draw(odd, Format::png));
  CHECK(filled_paths(draw(odd, Format::svg), kActualColour) == 2);
}

TEST_CASE("overdue items are drawn in the overdue colour, and only they are", "[charts]") {
  CHECK(has_pixel(decode_png(draw(roadmap(4, 1), Format::png)), kOverdueColour));
  CHECK_FALSE(has_pixel(decode_png(draw(roadmap(4, 0), Format::png)), kOverdueColour));
  auto mixed = roadmap(5, 2);
  mixed.items[3].done = true;
  const auto svg = draw(mixed, Format::svg);
  check_svg_document(svg);
  CHECK(filled_paths(svg, kOverdueColour) == 2);
  CHECK(filled_paths(svg, kDoneColour) == 1);
  CHECK(filled_paths(svg, kOpenColour) == 2);
}

TEST_CASE("a timeline grows with its items up to a cap", "[charts]") {
  const auto one = decode_png(draw(roadmap(1, 0), Format::png));
  const auto ten = decode_png(draw(roadmap(10, 0), Format::png));
  const auto many = decode_png(draw(roadmap(1000, 1000), Format::png));
  CHECK(one.width == 800);
  CHECK(ten.height > one.height);
  CHECK(many.height > ten.height);
  CHECK(many.height == decode_png(draw(roadmap(100, 0), Format::png)).height);
  CHECK(filled_paths(draw(roadmap(1000, 1000), Format::svg), kOverdueColour) == 30);
}

TEST_CASE("timelines with odd items draw without failing", "[charts]") {
  std::string long_label;
  for (int i = 0; i < 300; ++i) long_label += "Überprüfung 🚀 ";
  Timeline odd{"", "not a date", {}};
  odd.items.push_back({"", std::nullopt, std::nullopt, false, false});         // unscheduled
  odd.items.push_back({long_label, "2026-11-10", "2026-11-10", true, false});  // all dates equal
  odd.items.push_back({"bad \xC3\x28 bytes \xFF", "2026-02-30", "garbage", false, true});
  CHECK(decode_png(draw(odd, Format::png)).width == 800);
  CHECK(filled_paths(draw(odd, Format::svg), kOverdueColour) == 1);

  const Timeline empty{"Roadmap", "2026-11-24", {}};
  CHECK(non_white_pixels(decode_png(draw(empty, Format::png))) > 100);
  const Timeline unscheduled{"", "", {{"R-1", std::nullopt, std::nullopt, false, false}}};
  CHECK_NOTHROW(draw(unscheduled, Format::svg));
}

TEST_CASE("acceptance lag draws one bar per sprint, zero included", "[charts]") {
  const AcceptanceLag lag{"Acceptance",
                          {{"SP-1", 2.5, 6, 3}, {"SP-2", 0, 0, 0}, {"SP-3", 1, 2, 1}}};
  const auto svg = draw(lag, Format::svg);
  check_svg_document(svg);
  CHECK(filled_paths(svg, kLagBarColour) == 3);
  const auto image = decode_png(draw(lag, Format::png));
  CHECK(image.width == 800);
  CHECK(image.height == 400);
  CHECK(has_pixel(image, kLagBarColour));

  CHECK(filled_paths(draw(AcceptanceLag{"", {}}, Format::svg), kLagBarColour) == 0);
  AcceptanceLag many{"", {}};
  for (int i = 0; i < 200; ++i) many.sprints.push_back({"SP-" + std::to_string(i), 1, 2, 1});
  CHECK(filled_paths(draw(many, Format::svg), kLagBarColour) == 200);
}

TEST_CASE("alt text says the numbers", "[charts]") {
  CHECK(describe(sprint_burn_down()) ==
        "SP-2 burn-down over 5 working days: 40h planned; 22h remaining on Wed 9 against 16h "
        "ideal; scope changed on Tue 8.");
  CHECK(describe(BurnDown{"", {}}) == "Burn-down: no working days yet.");

  const auto timeline = describe(roadmap(3, 1));
  CHECK_THAT(timeline, Contains("3 items, 1 overdue"));
  CHECK_THAT(timeline, Contains("R-1 Item 2026-12-01 (baseline 2026-11-10), overdue"));

  const AcceptanceLag lag{"Acceptance lag in Q4", {{"SP-1", 2.5, 6, 3}, {"SP-2", 1, 1, 1}}};
  CHECK(describe(lag) ==
        "Acceptance lag in Q4: SP-1 2.5 days on average, longest 6 days, 3 tasks; SP-2 1 day on "
        "average, longest 1 day, 1 task.");
}

TEST_CASE("long alt text stops with and N more, on a character boundary", "[charts]") {
  auto many = roadmap(1000, 3);
  many.items[0].label = std::string(500, 'x') + "é";
  const auto text = describe(many);
  CHECK(text.size() <= 600);
  CHECK_THAT(text, Contains("more."));
  CHECK(accord::commands::valid_utf8(text) == text);

  BurnDown scope{"SP-9", {}};
  for (int i = 0; i < 300; ++i) scope.days.push_back({"Überday " + std::to_string(i), 1, 1, true});
  CHECK(describe(scope).size() <= 600);
  CHECK_THAT(describe(scope), Contains("more."));
}

TEST_CASE("inline SVGs get prefixed ids, no size and a label", "[charts]") {
  const auto first =
      inline_svg(draw(sprint_burn_down(), Format::svg), "burn-", "Burn \"SP-2\" <&>");
  const auto second = inline_svg(draw(roadmap(3, 1), Format::svg), "road-", "Roadmap");
  check_svg_document(first);
  CHECK(first.rfind("<svg", 0) == 0);
  const auto root = first.substr(0, first.find('>'));
  CHECK(root.find(" width=") == std::string::npos);
  CHECK(root.find(" height=") == std::string::npos);
  CHECK_THAT(root, Contains("viewBox=\"0 0 800 400\""));
  CHECK_THAT(root, Contains("role=\"img\" aria-label=\"Burn &quot;SP-2&quot; &lt;&amp;&gt;\""));

  auto matches = [](const std::string& svg, const char* pattern) {
    std::set<std::string> found;
    const std::regex expression(pattern);
    for (std::sregex_iterator it(svg.begin(), svg.end(), expression), end; it != end; ++it) {
      found.insert((*it)[1]);
    }
    return found;
  };
  const auto first_ids = matches(first, R"( id="([^"]*)\")");
  REQUIRE(first_ids.size() > 3);  // glyphs and the surface
  for (const auto& id : first_ids) CHECK(id.rfind("burn-", 0) == 0);
  for (const auto& target : matches(first, R"((?:href="#|url\(#)([^")]*))")) {
    CHECK(first_ids.count(target) == 1);
  }
  for (const auto& id : matches(second, R"( id="([^"]*)\")")) CHECK(first_ids.count(id) == 0);
  // The page allows no inline style: presentation is in attributes, the colours kept.
  CHECK(first.find("style=") == std::string::npos);
  CHECK_THAT(first, Contains("fill=\"rgb("));
}

TEST_CASE("inline_svg turns style attributes into presentation attributes", "[charts]") {
  const auto inlined = inline_svg(
      "<svg viewBox=\"0 0 1 1\"><path style=\"fill:none;stroke-width:2;stroke:rgb(1,2,3);\" "
      "d=\"M 0 0\"/><path style=\"stroke:none;\" d=\"M 1 1\"/></svg>",
      "p", "x");
  CHECK_THAT(inlined, Contains("<path fill=\"none\" stroke-width=\"2\" stroke=\"rgb(1,2,3)\" "
                               "d=\"M 0 0\"/><path stroke=\"none\" d=\"M 1 1\"/>"));
}

TEST_CASE("inline_svg adds a viewBox when missing and refuses unsafe prefixes", "[charts]") {
  const std::string bare =
      "<?xml version=\"1.0\"?>\n<svg width=\"300pt\" height=\"200pt\"><g id=\"a\"/>"
      "<g clip-path=\"url(#a)\"><use xlink:href=\"#a\"/></g></svg>\n";
  const auto inlined = inline_svg(bare, "p", "x");
  CHECK_THAT(inlined, Contains("<svg viewBox=\"0 0 300 200\" role=\"img\""));
  CHECK_THAT(inlined,
             Contains("<g id=\"pa\"/><g clip-path=\"url(#pa)\"><use xlink:href=\"#pa\"/>"));
  CHECK_THROWS_AS(inline_svg(bare, "a\"b", "x"), std::invalid_argument);
  CHECK_THROWS_AS(inline_svg("<html></html>", "p", "x"), std::invalid_argument);
}

TEST_CASE("a chart stored as data draws the same picture; data that is no chart is refused",
          "[charts]") {
  const auto burn = sprint_burn_down();
  const auto stored = nlohmann::json::parse(to_json(burn).dump());
  CHECK(draw(stored, Format::png) == draw(burn, Format::png));
  const auto road = roadmap(3, 1);
  CHECK(draw(nlohmann::json::parse(to_json(road).dump()), Format::png) == draw(road, Format::png));
  CHECK_THROWS_AS(draw(nlohmann::json::parse(R"({"kind":"pie"})"), Format::png),
                  std::invalid_argument);
  CHECK_THROWS_AS(draw(nlohmann::json::parse(R"({"kind":"timeline"})"), Format::png),
                  std::invalid_argument);
}
