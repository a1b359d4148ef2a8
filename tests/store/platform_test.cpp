// Platform names as the database keeps them, and hex tokens as links and codes use them.
#include <set>

#include <catch2/catch.hpp>

#include "store/platform.hpp"
#include "store/random_token.hpp"

using accord::store::Platform;

TEST_CASE("every platform's stored name reads back as that platform") {
  for (const auto platform : accord::store::kPlatforms) {
    CHECK(accord::store::parse_platform(accord::store::platform_name(platform)) == platform);
    CHECK(accord::store::platform_from_row(accord::store::platform_name(platform)) == platform);
  }
  CHECK(std::string(accord::store::platform_name(Platform::teams)) == "teams");
  CHECK(std::string(accord::store::display_name(Platform::slack)) == "Slack");
  // A name a newer Accord wrote is not guessed at.
  CHECK_FALSE(accord::store::parse_platform("Teams"));
  CHECK_FALSE(accord::store::parse_platform(""));
  CHECK_THROWS(accord::store::platform_from_row("discord"));
}

TEST_CASE("random tokens are hex of the asked length and differ") {
  const auto first = accord::store::random_hex(32);
  CHECK(first.size() == 64);
  CHECK(accord::store::is_hex_token(first, 64));
  CHECK(first != accord::store::random_hex(32));
  CHECK_FALSE(accord::store::is_hex_token(first, 63));
  CHECK_FALSE(accord::store::is_hex_token(std::string(63, 'a') + "G", 64));
  const unsigned char bytes[] = {0x00, 0x0f, 0xa5, 0xff};
  CHECK(accord::store::to_hex(bytes) == "000fa5ff");
}
