// The wording shared by the charts' labels and alt text: numbers as people read them, and lists
// that stop with "and N more" before the alt text grows too long.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace accord::commands::charts {

// Alt text longer than this is cut: chat notifications and screen readers want it short.
inline constexpr std::size_t kDescriptionBytes = 600;

// "22", "22.5", "0.3": at most one decimal, none when whole.
std::string format_number(double value);
// A user's label for alt text: valid UTF-8, cut when long, `fallback` when empty.
std::string described_label(std::string_view label, std::string_view fallback);
// The items joined by `separator` while they fit `budget` bytes, then "and N more".
std::string join_within(const std::vector<std::string>& items, std::string_view separator,
                        std::size_t budget);
// The finished alt text, cut to kDescriptionBytes.
std::string bounded_description(std::string_view text);

}  // namespace accord::commands::charts
