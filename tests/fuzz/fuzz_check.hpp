// What the fuzz targets share: a property check that stops the run (libFuzzer then saves the
// input), and the rendering property of DESIGN §7: user text never becomes a ping, a channel or
// link reference, or a forged mention.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

namespace accord::fuzz {

inline void check(bool holds, const char* property, std::string_view detail = {}) {
  if (holds) return;
  std::fprintf(stderr, "property broken: %s\n%.*s\n", property, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

// In Slack mrkdwn the only '<' Accord may emit opens a real mention, "<@U123>"; one cut short
// by truncation ("<@U12…") is harmless text.
inline bool only_mentions_in_mrkdwn(std::string_view text) {
  static constexpr std::string_view kEllipsis = "…";
  if (text.ends_with(kEllipsis)) text.remove_suffix(kEllipsis.size());
  for (auto at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    const auto rest = text.substr(at + 1);
    if (rest.empty() || rest == "@") continue;  // cut short at the end
    if (!rest.starts_with("@U") && !rest.starts_with("@W")) return false;
    std::size_t end = 2;
    while (end < rest.size() &&
           ((rest[end] >= 'A' && rest[end] <= 'Z') || (rest[end] >= '0' && rest[end] <= '9'))) {
      ++end;
    }
    if (end < rest.size() && rest[end] != '>') return false;
  }
  return true;
}

// Walks a rendered Block Kit message or view: every mrkdwn text object, and the top-level
// notification text, must satisfy only_mentions_in_mrkdwn.
inline void check_rendered(const nlohmann::json& node, bool top = true) {
  if (node.is_object()) {
    const auto text = node.find("text");
    const bool mrkdwn = node.value("type", nlohmann::json()) == "mrkdwn" || top;
    if (mrkdwn && text != node.end() && text->is_string()) {
      const auto& value = text->get_ref<const std::string&>();
      check(only_mentions_in_mrkdwn(value), "user text rendered as Slack markup", value);
    }
  }
  if (node.is_structured()) {
    for (const auto& child : node) check_rendered(child, false);
  }
}

}  // namespace accord::fuzz
