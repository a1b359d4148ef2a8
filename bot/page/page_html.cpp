#include "bot/page/page_html.hpp"

#include <array>

#include <openssl/evp.h>
#include <openssl/sha.h>

namespace accord::bot::page {
namespace {

using commands::Span;
using commands::Text;

// Small screens first: one column that reads on a phone, wider margins on a desktop.
constexpr std::string_view kStyle = R"css(
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; --accent: #2864c8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 1rem; }
header h1 { margin: 0; font-size: 1.4rem; }
header p { margin: .25rem 0 0; color: var(--muted); font-size: .9rem; }
nav { display: flex; flex-wrap: wrap; gap: .25rem .75rem; padding: .5rem 1rem; background: #fff; border-bottom: 1px solid var(--line); font-size: .9rem; }
nav a { color: var(--accent); text-decoration: none; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
section h2 { margin: 0 0 .5rem; font-size: 1.15rem; }
section h3 { margin: .5rem 0; font-size: 1rem; }
button { font: inherit; color: #fff; background: var(--accent); border: 0; border-radius: 6px; padding: .6rem 1.2rem; cursor: pointer; }
p { margin: .4rem 0; }
dl { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: .2rem .75rem; margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, monospace; background: #eef1f5; padding: 0 .25em; border-radius: 3px; }
.note { color: var(--muted); font-size: .85rem; }
.person { font-weight: 600; }
figure { margin: 0; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .85rem; margin-top: .25rem; }
@media (min-width: 48rem) { header, nav { padding-left: 2rem; padding-right: 2rem; } main { padding: 1.5rem 2rem; } }
)css";

// Escaped, with line breaks kept.
std::string escape_lines(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string_view::npos;
       start = end + 1, end = text.find('\n', start)) {
    out += commands::escape_html(text.substr(start, end - start)) + "<br>";
  }
  return out + commands::escape_html(text.substr(start));
}

std::string render_text(const Text& text, const std::map<std::string, std::string>& names) {
  std::string out;
  for (const auto& span : text.spans()) {
    switch (span.kind) {
      case Span::Kind::plain:
        out += escape_lines(span.value);
        break;
      case Span::Kind::strong:
        out += "<strong>" + escape_lines(span.value) + "</strong>";
        break;
      case Span::Kind::code:
        out += "<code>" + commands::escape_html(span.value) + "</code>";
        break;
      case Span::Kind::mention: {
        const auto name = names.find(span.value);
        out += "<span class=\"person\">@" +
               commands::escape_html(name == names.end() ? span.value : name->second) + "</span>";
        break;
      }
      case Span::Kind::link:
        if (commands::is_safe_link(span.target)) {
          out += "<a href=\"" + commands::escape_html(span.target) +
                 "\" rel=\"noopener noreferrer\">" + commands::escape_html(span.value) + "</a>";
        } else {
          out += commands::escape_html(span.value);
        }
        break;
    }
  }
  return out;
}

std::string render_part(const commands::PagePart& part,
                        const std::map<std::string, std::string>& names) {
  std::string out = "<section id=\"" + commands::escape_html(part.id) + "\"><h2>" +
                    commands::escape_html(part.heading) + "</h2>";
  if (!part.svg.empty()) {
    // The SVG is Accord's own drawing (charts::inline_svg): no user text inside but escaped labels.
    out += "<figure>" + part.svg + "<figcaption>" + commands::escape_html(part.alt) +
           "</figcaption></figure>";
  }
  const auto& message = part.message;
  if (!message.title.empty()) out += "<h3>" + commands::escape_html(message.title) + "</h3>";
  for (const auto& section : message.sections) {
    if (!section.text.empty()) out += "<p>" + render_text(section.text, names) + "</p>";
    if (!section.fields.empty()) {
      out += "<dl>";
      for (const auto& field : section.fields) {
        out += "<dt>" + commands::escape_html(field.label) + "</dt><dd>" +
               render_text(field.value, names) + "</dd>";
      }
      out += "</dl>";
    }
  }
  if (!message.note.empty()) {
    out += "<p class=\"note\">" + render_text(message.note, names) + "</p>";
  }
  return out + "</section>";
}

std::string document(const std::string& title, const std::string& head_extra,
                     const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<meta name=\"referrer\" content=\"no-referrer\">"
         // No favicon to fetch: the policy would block the request and log it.
         "<link rel=\"icon\" href=\"data:,\">" +
         head_extra + "<title>" + commands::escape_html(title) + "</title><style>" +
         std::string(kStyle) + "</style></head><body>" + body + "</body></html>\n";
}

std::string style_hash() {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(kStyle.data()), kStyle.size(), digest.data());
  std::array<unsigned char, 4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1> encoded{};
  const int length = EVP_EncodeBlock(encoded.data(), digest.data(), SHA256_DIGEST_LENGTH);
  return std::string(reinterpret_cast<const char*>(encoded.data()),
                     static_cast<std::size_t>(length));
}

}  // namespace

const std::string& content_security_policy() {
  static const std::string policy = "default-src 'none'; style-src 'sha256-" + style_hash() +
                                    "'; img-src data:; base-uri 'none'; form-action 'self'; "
                                    "frame-ancestors 'none'";
  return policy;
}

std::string render_page(const commands::ProjectPage& page) {
  std::string nav;
  std::string parts;
  for (const auto& part : page.parts) {
    nav += "<a href=\"#" + commands::escape_html(part.id) + "\">" +
           commands::escape_html(part.heading) + "</a>";
    parts += render_part(part, page.names);
  }
  const std::string body =
      "<header><h1>" + commands::escape_html(page.project_name) + "</h1><p>For " +
      commands::escape_html(page.reader) + " (" + commands::escape_html(page.roles) +
      ") \xC2\xB7 as of " + commands::escape_html(page.as_of) +
      ". Read-only: what you may see in chat.</p>" +
      "</header><nav aria-label=\"Parts of the page\">" + nav + "</nav><main>" + parts + "</main>";
  return document(page.project_name + " \xE2\x80\x94 Accord", "", body);
}

std::string render_notice(const std::string& title, const std::string& text) {
  return document(title + " \xE2\x80\x94 Accord", "",
                  "<main><section><h2>" + commands::escape_html(title) + "</h2><p>" +
                      escape_lines(text) + "</p></section></main>");
}

std::string render_landing(const std::string& project_hint) {
  return document(
      "Open the project page \xE2\x80\x94 Accord", "",
      "<main><section><h2>Your project page</h2><p>" + commands::escape_html(project_hint) +
          "</p><form method=\"post\"><p><button type=\"submit\">Open the project "
          "page</button></p></form><p class=\"note\">The link opens once: after "
          "this, the page stays open in this browser for 4 hours.</p></section></main>");
}

}  // namespace accord::bot::page
