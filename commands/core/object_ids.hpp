// Short per-project ids as people type them: O-3, S-1, C-2, R-4, CR-7 (any case).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace accord::commands {

// "CR-3" → "CR-3" for prefix "CR" and number 3.
std::string object_id(std::string_view prefix, int number);
// The number of `text` when it is `prefix`-n (case-insensitive), n ≥ 1.
std::optional<int> parse_object_id(std::string_view prefix, std::string_view text);

}  // namespace accord::commands
