// Charts' SVG documents made into elements of a web page: several sit on one page, so their ids
// (cairo names them glyph0-1, clip1, surface1 in every document) must not collide, and CSS sizes
// them, so only the viewBox stays; a strict Content-Security-Policy allows no style attribute, so
// they become presentation attributes.
#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "commands/charts/charts.hpp"
#include "commands/core/command_line.hpp"
#include "commands/core/message.hpp"

namespace accord::commands::charts {
namespace {

constexpr std::string_view kIdAttribute = "id=\"";
// The id itself and the ways cairo refers to one (href="#..." also matches xlink:href).
constexpr std::string_view kIdMarkers[] = {kIdAttribute, "href=\"#", "url(#"};

using SvgAttribute = std::pair<std::string, std::string>;  // name, value as written (escaped)

bool is_id_prefix(std::string_view prefix) {
  if (prefix.empty()) return true;
  if (!std::isalpha(static_cast<unsigned char>(prefix[0]))) return false;
  for (const char c : prefix) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

std::string prefix_ids(std::string_view document, std::string_view prefix) {
  std::string out;
  out.reserve(document.size() + document.size() / 8);
  std::size_t at = 0;
  while (at < document.size()) {
    bool matched = false;
    for (const auto marker : kIdMarkers) {
      if (document.substr(at, marker.size()) != marker) continue;
      // "id=" only as a whole attribute name, not the end of another one.
      if (marker == kIdAttribute &&
          (at == 0 || !std::isspace(static_cast<unsigned char>(document[at - 1])))) {
        continue;
      }
      out.append(marker).append(prefix);
      at += marker.size();
      matched = true;
      break;
    }
    if (!matched) out += document[at++];
  }
  return out;
}

// cairo writes presentation as style="fill:...;stroke:..." attributes, which a page whose
// Content-Security-Policy allows no inline style would ignore (and complain of): the same
// declarations as presentation attributes (fill="..." stroke="..."), which no policy governs.
std::string styles_as_attributes(std::string_view document) {
  constexpr std::string_view kStyle = " style=\"";
  std::string out;
  out.reserve(document.size());
  std::size_t at = 0;
  for (auto found = document.find(kStyle); found != std::string_view::npos;
       found = document.find(kStyle, at)) {
    const auto value_start = found + kStyle.size();
    const auto close = document.find('"', value_start);
    if (close == std::string_view::npos) break;
    out.append(document.substr(at, found - at));
    auto declarations = document.substr(value_start, close - value_start);
    while (!declarations.empty()) {
      const auto end = std::min(declarations.find(';'), declarations.size());
      const auto declaration = declarations.substr(0, end);
      const auto colon = declaration.find(':');
      if (colon != std::string_view::npos && colon > 0) {
        out.append(" ").append(declaration.substr(0, colon)).append("=\"");
        out.append(declaration.substr(colon + 1)).append("\"");
      }
      declarations.remove_prefix(std::min(end + 1, declarations.size()));
    }
    at = close + 1;
  }
  out.append(document.substr(at));
  return out;
}

// The attributes of a start tag's text between "<svg" and ">".
std::vector<SvgAttribute> read_attributes(std::string_view text) {
  std::vector<SvgAttribute> attributes;
  std::size_t at = 0;
  while (true) {
    while (at < text.size() &&
           (std::isspace(static_cast<unsigned char>(text[at])) || text[at] == '/'))
      ++at;
    const auto equals = text.find('=', at);
    if (at >= text.size() || equals == std::string_view::npos || equals + 1 >= text.size()) break;
    const char quote = text[equals + 1];
    const auto close = text.find(quote, equals + 2);
    if ((quote != '"' && quote != '\'') || close == std::string_view::npos) break;
    attributes.emplace_back(std::string(text.substr(at, equals - at)),
                            std::string(text.substr(equals + 2, close - equals - 2)));
    at = close + 1;
  }
  return attributes;
}

// The end of the start tag beginning at `start`: its '>' outside quoted values.
std::size_t start_tag_end(std::string_view document, std::size_t start) {
  char quote = 0;
  for (std::size_t at = start; at < document.size(); ++at) {
    const char c = document[at];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return at;
    }
  }
  throw std::invalid_argument("inline_svg: the <svg> start tag is not closed");
}

const std::string* find_attribute(const std::vector<SvgAttribute>& attributes,
                                  std::string_view name) {
  for (const auto& [key, value] : attributes) {
    if (key == name) return &value;
  }
  return nullptr;
}

// "800pt" and "800px" alike are 800 in the drawing's own units, which a viewBox is in.
std::string without_unit(const std::string& length) {
  return length.substr(0, length.find_first_not_of("0123456789.+-eE"));
}

}  // namespace

std::string inline_svg(const std::string& svg, const std::string& prefix,
                       const std::string& label) {
  if (!is_id_prefix(prefix)) {
    throw std::invalid_argument("inline_svg: an id prefix is letters, digits, '-' and '_'");
  }
  // Whatever precedes the element (XML declaration, comments) has no place inside HTML.
  std::size_t root = svg.find("<svg");
  while (root != std::string::npos && root + 4 < svg.size() &&
         !std::isspace(static_cast<unsigned char>(svg[root + 4])) && svg[root + 4] != '>') {
    root = svg.find("<svg", root + 4);
  }
  if (root == std::string::npos) throw std::invalid_argument("inline_svg: no <svg> element");
  const auto document =
      styles_as_attributes(prefix_ids(std::string_view(svg).substr(root), prefix));
  const auto tag_end = start_tag_end(document, 0);
  const auto attributes = read_attributes(std::string_view(document).substr(4, tag_end - 4));

  std::string tag = "<svg";
  for (const auto& [name, value] : attributes) {
    if (name == "width" || name == "height" || name == "role" || name == "aria-label") continue;
    tag.append(" ").append(name).append("=\"").append(value).append("\"");
  }
  const auto* width = find_attribute(attributes, "width");
  const auto* height = find_attribute(attributes, "height");
  if (!find_attribute(attributes, "viewBox") && width && height) {
    tag += " viewBox=\"0 0 " + without_unit(*width) + " " + without_unit(*height) + "\"";
  }
  tag += " role=\"img\" aria-label=\"" + escape_html(valid_utf8(label)) + "\"";
  return tag + document.substr(tag_end);
}

}  // namespace accord::commands::charts
