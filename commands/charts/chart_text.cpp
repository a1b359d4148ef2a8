#include "commands/charts/chart_text.hpp"

#include <cmath>
#include <cstdio>

#include "commands/core/command_line.hpp"
#include "commands/core/message.hpp"

namespace accord::commands::charts {
namespace {

constexpr std::size_t kDescribedLabelBytes = 60;
// " and 9999 more": kept free while items are added, so the suffix always fits.
constexpr std::size_t kMoreSuffixBytes = 16;

}  // namespace

std::string format_number(double value) {
  if (!std::isfinite(value)) return "?";
  char buffer[48];
  if (std::fabs(value) >= 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
    return buffer;
  }
  // Whole numbers and values that round to them (and -0.04) read without ".0".
  const double rounded = std::round(value * 10) / 10;
  if (rounded == std::trunc(rounded)) {
    std::snprintf(buffer, sizeof buffer, "%.0f", rounded == 0 ? 0.0 : rounded);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f", rounded);
  }
  return buffer;
}

std::string described_label(std::string_view label, std::string_view fallback) {
  if (label.empty()) return std::string(fallback);
  return valid_utf8(truncate_text(label, kDescribedLabelBytes));
}

std::string join_within(const std::vector<std::string>& items, std::string_view separator,
                        std::size_t budget) {
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::size_t after = items.size() - i - 1;
    const std::size_t needed = joined.size() + (i > 0 ? separator.size() : 0) + items[i].size() +
                               (after > 0 ? kMoreSuffixBytes : 0);
    if (i > 0 && needed > budget) {
      return joined + " and " + std::to_string(items.size() - i) + " more";
    }
    if (i > 0) joined += separator;
    joined += items[i];
  }
  return joined;
}

std::string bounded_description(std::string_view text) {
  return valid_utf8(truncate_text(text, kDescriptionBytes));
}

}  // namespace accord::commands::charts
