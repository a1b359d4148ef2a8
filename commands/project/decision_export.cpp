#include "commands/project/decision_export.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "commands/core/context.hpp"
#include "commands/time/calendar.hpp"

namespace accord::commands {
namespace {

bool is_approval(const store::Decision& decision) {
  const auto action = lower_ascii(decision.action);
  return action.find("approve") != std::string::npos || action.find("accept") != std::string::npos;
}

// A statement of work's appendix keeps values whole, unlike a chat message.
constexpr std::size_t kMaxMarkdownValue = 2000;

// Markdown table cells: a pipe ends a cell, a line break ends the row, '<' may start HTML.
std::string markdown_cell(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

std::string markdown_table(const store::Project& project,
                           const std::vector<const store::Decision*>& rows) {
  std::string out = "| When | Who | Action | Object | Before | After |\n";
  out += "|---|---|---|---|---|---|\n";
  for (const auto* decision : rows) {
    out += "| " + local_time(decision->at, project.timezone) + " | @" +
           markdown_cell(decision->actor) + " | " + markdown_cell(decision->action) + " | " +
           markdown_cell(decision->object) + " | " +
           markdown_cell(short_value(decision->before, kMaxMarkdownValue)) + " | " +
           markdown_cell(short_value(decision->after, kMaxMarkdownValue)) + " |\n";
  }
  return out;
}

std::string flatten(const nlohmann::ordered_json& json) {
  if (json.is_string()) return json.get<std::string>();
  std::string out;
  if (json.is_object()) {
    for (const auto& [key, value] : json.items()) {
      if (!out.empty()) out += "; ";
      out += key + ": " + flatten(value);
    }
    return out;
  }
  if (json.is_array()) {
    for (const auto& value : json) {
      if (!out.empty()) out += "; ";
      out += flatten(value);
    }
    return out;
  }
  return json.dump();
}

}  // namespace

std::string csv_field(std::string_view value) {
  std::string text(value);
  if (!text.empty() && std::string_view("=+-@").find(text.front()) != std::string_view::npos) {
    text.insert(text.begin(), '\'');
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string decisions_csv(const std::vector<store::Decision>& decisions) {
  std::string out = "When (UTC),Who,Action,Object,Before,After,Channel\r\n";
  for (const auto& decision : decisions) {
    out += csv_field(store::format_utc(decision.at)) + "," + csv_field(decision.actor) + "," +
           csv_field(decision.action) + "," + csv_field(decision.object) + "," +
           csv_field(decision.before) + "," + csv_field(decision.after) + "," +
           csv_field(decision.channel) + "\r\n";
  }
  return out;
}

std::string decisions_markdown(const store::Project& project, store::Timestamp exported_at,
                               const std::vector<store::Decision>& decisions) {
  std::vector<const store::Decision*> all;
  std::vector<const store::Decision*> approvals;
  for (const auto& decision : decisions) {
    all.push_back(&decision);
    if (is_approval(decision)) approvals.push_back(&decision);
  }
  std::string out = "# Decisions \xE2\x80\x94 " + markdown_cell(project.name) +
                    " \xE2\x80\x94 exported " + local_date(exported_at, project.timezone) + "\n\n";
  out += "Every decision recorded by Accord for this project, oldest first. Times are in " +
         project.timezone + ".\n\n";
  out += "## Changes approved this period\n\n";
  out += approvals.empty() ? "No approvals are recorded yet; every decision is listed below.\n\n"
                           : markdown_table(project, approvals) + "\n";
  out += "## All decisions\n\n";
  out += all.empty() ? "No decisions are recorded yet.\n" : markdown_table(project, all);
  return out;
}

std::string short_value(const std::string& value, std::size_t max_characters) {
  auto json = nlohmann::ordered_json::parse(value, nullptr, false);
  std::string text =
      (!json.is_discarded() && (json.is_object() || json.is_array())) ? flatten(json) : value;
  std::replace(text.begin(), text.end(), '\n', ' ');
  if (character_count(text) <= max_characters) return text;
  // Cut on a character boundary.
  std::size_t kept = 0;
  std::size_t at = 0;
  for (; at < text.size(); ++at) {
    if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80 && kept++ == max_characters) break;
  }
  return text.substr(0, at) + "\xE2\x80\xA6";
}

}  // namespace accord::commands
