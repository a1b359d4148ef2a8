#include "bot/teams/card_markdown.hpp"

#include <algorithm>

namespace accord::bot::teams {
namespace {

using commands::Span;

constexpr std::string_view kTeamsUserPrefix = "29:";
constexpr std::string_view kOrgIdPrefix = "8:orgid:";
constexpr std::size_t kMaxUserId = 256;
constexpr std::size_t kShortIdLength = 8;

bool id_characters(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

bool is_guid(std::string_view id) {
  if (id.size() != 36) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (dash ? c != '-' : !hex) return false;
  }
  return true;
}

std::string short_id(std::string_view id) {
  for (const auto prefix : {kTeamsUserPrefix, kOrgIdPrefix}) {
    if (id.starts_with(prefix)) id.remove_prefix(prefix.size());
  }
  return std::string(id.substr(0, kShortIdLength));
}

// Whether the Markdown written so far ends at the start of a line (indentation aside).
bool at_line_start(const std::string& markdown) {
  const auto last = markdown.find_last_not_of(" \t");
  return last == std::string::npos || markdown[last] == '\n';
}

// Strong and code spans must stay on one line: Markdown emphasis does not cross paragraphs.
std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  std::erase(out, '\r');
  return out;
}

}  // namespace

std::string escape_markdown(std::string_view text, bool at_line_start) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  bool line_start = at_line_start;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (line_start && c != ' ' && c != '\t') {
      line_start = false;
      // List, heading and setext markers only mean something at the start of a line.
      if (c == '-' || c == '+' || c == '#' || c == '=') {
        out += '\\';
        out += c;
        continue;
      }
      std::size_t digits = i;
      while (digits < text.size() && digits - i < 10 && text[digits] >= '0' &&
             text[digits] <= '9') {
        ++digits;
      }
      if (digits > i && digits < text.size() && (text[digits] == '.' || text[digits] == ')')) {
        out.append(text.substr(i, digits - i));
        out += '\\';
        out += text[digits];
        i = digits;
        continue;
      }
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\\':
      case '*':
      case '_':
      case '`':
      case '~':
      case '[':
      case ']':
        out += '\\';
        out += c;
        break;
      case '\r':
        break;
      case '\n':
        // A single newline joins lines in Markdown; a blank line keeps them apart.
        out += "\n\n";
        line_start = true;
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool is_mentionable(std::string_view id) {
  if (id.size() > kMaxUserId) return false;
  if (id.starts_with(kTeamsUserPrefix)) return id_characters(id.substr(kTeamsUserPrefix.size()));
  if (id.starts_with(kOrgIdPrefix)) return is_guid(id.substr(kOrgIdPrefix.size()));
  return is_guid(id);
}

std::string mention_name(const std::string& user_id, const MentionNames& names) {
  if (const auto found = names.find(user_id); found != names.end() && !found->second.empty()) {
    return one_line(found->second);
  }
  return short_id(user_id);
}

std::string MarkdownWriter::render(const commands::Text& text) {
  std::string out;
  for (const auto& span : text.spans()) {
    const bool line_start = at_line_start(out);
    switch (span.kind) {
      case Span::Kind::plain:
        out += escape_markdown(span.value, line_start);
        break;
      case Span::Kind::strong: {
        // "** x **" is not bold in Markdown: the markers must touch the words.
        const std::string value = one_line(span.value);
        const auto first = value.find_first_not_of(' ');
        if (first == std::string::npos) {
          out += value;
          break;
        }
        const auto last = value.find_last_not_of(' ');
        out += value.substr(0, first) + "**" +
               escape_markdown(std::string_view(value).substr(first, last - first + 1), false) +
               "**" + value.substr(last + 1);
        break;
      }
      case Span::Kind::code: {
        // Teams has no inline code; the text shows between literal backticks, as typed in Slack.
        std::string value = one_line(span.value);
        std::replace(value.begin(), value.end(), '`', '\'');
        if (!value.empty()) out += "\\`" + escape_markdown(value, false) + "\\`";
        break;
      }
      case Span::Kind::link:
        // The URL has no ( ) [ ] < > or spaces (is_safe_link), so it cannot end the link early.
        out += "[" + escape_markdown(one_line(span.value), false) + "](" + span.target + ")";
        break;
      case Span::Kind::mention: {
        if (!is_mentionable(span.value)) {
          out += escape_markdown("@" + span.value, line_start);
          break;
        }
        auto& tag = mentions_[span.value];
        if (tag.empty()) {
          const std::string name = mention_name(span.value, names_);
          tag = "<at>" + escape_markdown(name, false) + "</at>";
          // Two people with one name would share a tag, and Teams could not tell them apart.
          const auto same = std::count_if(mentions_.begin(), mentions_.end(),
                                          [&](const auto& entry) { return entry.second == tag; });
          if (same > 1) {
            tag =
                "<at>" + escape_markdown(name + " (" + short_id(span.value) + ")", false) + "</at>";
          }
        }
        out += tag;
        break;
      }
    }
  }
  return out;
}

nlohmann::json MarkdownWriter::entities(const std::string& card_text) const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [user_id, tag] : mentions_) {
    if (card_text.find(tag) == std::string::npos) continue;
    out.push_back({{"type", "mention"},
                   {"text", tag},
                   {"mentioned", {{"id", user_id}, {"name", mention_name(user_id, names_)}}}});
  }
  return out;
}

}  // namespace accord::bot::teams
