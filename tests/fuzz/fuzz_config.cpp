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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
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
