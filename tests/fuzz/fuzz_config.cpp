// The TOML configuration loader on any text: a file loads (and then validates, or lists what to
// change) or is refused with a ConfigError that says where; nothing else escapes it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/settings.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace accord::config;
using accord::fuzz::check;

namespace {

constexpr const char* kSource = "fuzz.toml";

// toml++ 3.3.0 (Debian's) reaches __builtin_unreachable on some non-ASCII characters where it
// expects whitespace (marzer/tomlplusplus#190 and #295, fixed upstream after 3.3.0). The release
// library happens to answer them with a parse error; skip them so the run finds Accord's bugs.
bool has_non_ascii_below_uff00(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xC2 && lead <= 0xDF) return true;  // U+0080..U+07FF
    if (lead >= 0xE0 && lead <= 0xEE) return true;  // U+0800..U+EFFF
    if (lead == 0xEF && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xBC) {
      return true;  // U+F000..U+FEFF
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (has_non_ascii_below_uff00(text)) return 0;
  Settings settings;
  try {
    settings = load_text(text, kSource);
  } catch (const ConfigError& error) {
    const std::string_view message = error.what();
    check(message.starts_with(std::string(kSource) + ":"), "a config error names the file and line",
          message);
    return 0;
  }
  const auto problems = validate(settings);
  for (const auto& problem : problems) check(!problem.empty(), "a problem says something");
  check(!describe(settings).empty(), "a loaded config can be described");
  const auto url = settings.effective_public_url();
  if (problems.empty()) check(!url.empty(), "a valid config has a public URL");
  check(url.empty() || url.back() != '/', "the public URL never ends with '/'", url);
  return 0;
}
