// Stored Slack installations: tokens encrypted at rest (round trip, wrong key, tampering), the
// one-time install states with their expiry, and the installation repository.
#include <string>

#include <catch2/catch.hpp>

#include "store/installations.hpp"
#include "store/oauth_states.hpp"
#include "store/statement.hpp"
#include "store/token_cipher.hpp"
#include "tests/store/temp_database.hpp"

using accord::store::from_millis;
using accord::store::Installation;
using accord::store::Installations;
using accord::store::OAuthStates;
using accord::store::TokenCipher;
using accord::store::TokenCipherError;
using accord::store::Transaction;
using namespace std::chrono_literals;

namespace {

const std::string kKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const std::string kOtherKeyHex = "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

Installation workspace_a() {
  Installation in;
  in.workspace = "T0A";
  in.team_name = "Team A";
  in.app_id = "A0KRD7HC3";
  in.bot_user = "U0BOT";
  in.scopes = "commands,chat:write";
  in.installed_by = "U1234";
  in.installed_at = from_millis(1'800'000'000'000);
  in.bot_token = "xoxb-17653672481-secret-a";
  return in;
}

}  // namespace

TEST_CASE("a sealed token opens with the same key and context") {
  const auto cipher = TokenCipher::from_hex(kKeyHex);
  const std::string sealed = cipher.seal("xoxb-123-secret", "slack/T0A/bot_token");
  CHECK(sealed.find("xoxb-123-secret") == std::string::npos);
  CHECK(cipher.open(sealed, "slack/T0A/bot_token") == "xoxb-123-secret");
  // A fresh nonce each time: the same token never gives the same bytes twice.
  CHECK(cipher.seal("xoxb-123-secret", "slack/T0A/bot_token") != sealed);
  CHECK(cipher.open(cipher.seal("", "c"), "c").empty());
}

TEST_CASE("a sealed token does not open with another key, context or altered bytes") {
  const auto cipher = TokenCipher::from_hex(kKeyHex);
  const std::string sealed = cipher.seal("xoxb-123-secret", "slack/T0A/bot_token");
  CHECK_THROWS_AS(TokenCipher::from_hex(kOtherKeyHex).open(sealed, "slack/T0A/bot_token"),
                  TokenCipherError);
  CHECK_THROWS_AS(cipher.open(sealed, "slack/T0B/bot_token"), TokenCipherError);
  for (const std::size_t at :
       {std::size_t{0}, std::size_t{5}, std::size_t{20}, sealed.size() - 1}) {
    std::string tampered = sealed;
    tampered[at] = static_cast<char>(tampered[at] ^ 0x01);
    CHECK_THROWS_AS(cipher.open(tampered, "slack/T0A/bot_token"), TokenCipherError);
  }
  CHECK_THROWS_AS(cipher.open(sealed.substr(0, 10), "slack/T0A/bot_token"), TokenCipherError);
}

TEST_CASE("the secret key must be 64 hex characters") {
  CHECK_NOTHROW(TokenCipher::from_hex(kKeyHex));
  CHECK_THROWS_AS(TokenCipher::from_hex("abc"), std::invalid_argument);
  CHECK_THROWS_AS(TokenCipher::from_hex(std::string(64, 'g')), std::invalid_argument);
}

TEST_CASE("an install state is good once, for its browser, and only until it expires") {
  using accord::store::StateCheck;
  accord::testing::TempDatabase path;
  accord::store::Database db(path.str());
  const auto now = from_millis(1'800'000'000'000);
  Transaction tx(db);
  OAuthStates states(db);

  const auto issued = states.issue("192.0.2.1", now, now + 600s, 100);
  CHECK(issued.state.size() == 64);
  CHECK(issued.browser.size() == 64);
  CHECK(issued.browser != issued.state);
  CHECK(states.outstanding_for("192.0.2.1", now) == 1);
  CHECK(states.outstanding_for("192.0.2.2", now) == 0);
  // Another browser, or none, is refused, and the state stays for its own browser.
  CHECK(states.consume(issued.state, "", now) == StateCheck::other_browser);
  CHECK(states.consume(issued.state, std::string(64, 'a'), now) == StateCheck::other_browser);
  CHECK(states.consume(issued.state, issued.browser, now + 599s) == StateCheck::valid);
  CHECK(states.consume(issued.state, issued.browser, now + 599s) == StateCheck::unknown);

  const auto late = states.issue("192.0.2.1", now, now + 600s, 100);
  CHECK(states.consume(late.state, late.browser, now + 600s) == StateCheck::unknown);  // expired
  CHECK(states.consume(late.state, late.browser, now) == StateCheck::unknown);         // and gone
  CHECK(states.consume("never-issued", late.browser, now) == StateCheck::unknown);

  SECTION("issuing drops the expired states, so abandoned installs do not pile up") {
    states.issue("192.0.2.1", now, now + 1s, 100);
    states.issue("192.0.2.1", now + 10s, now + 610s, 100);
    CHECK(states.outstanding_for("192.0.2.1", now + 10s) == 1);
  }
  SECTION("a browser asking again gives up its earlier state") {
    const auto first = states.issue("192.0.2.1", now, now + 600s, 100);
    states.forget_browser(first.browser);
    CHECK(states.consume(first.state, first.browser, now) == StateCheck::unknown);
  }
  SECTION("beyond the bound, the oldest states give way to new ones") {
    const auto oldest = states.issue("192.0.2.1", now, now + 600s, 3);
    for (int i = 1; i <= 3; ++i) states.issue("192.0.2.1", now + i * 1s, now + 600s + i * 1s, 3);
    CHECK(states.outstanding_for("192.0.2.1", now + 3s) == 3);
    CHECK(states.consume(oldest.state, oldest.browser, now + 3s) == StateCheck::unknown);
  }
}

TEST_CASE("installations keep their tokens encrypted and are found, rotated and removed") {
  accord::testing::TempDatabase path;
  accord::store::Database db(path.str());
  const auto cipher = TokenCipher::from_hex(kKeyHex);
  Transaction tx(db);
  Installations installations(db, cipher);

  CHECK_FALSE(installations.exists(accord::store::Platform::slack, "T0A"));
  installations.save(workspace_a());
  CHECK(installations.exists(accord::store::Platform::slack, "T0A"));
  CHECK_FALSE(installations.exists(accord::store::Platform::slack, "T0B"));

  const auto found = installations.find(accord::store::Platform::slack, "T0A");
  REQUIRE(found);
  CHECK(found->bot_token == "xoxb-17653672481-secret-a");
  CHECK(found->team_name == "Team A");
  CHECK(found->bot_user == "U0BOT");
  CHECK(found->installed_by == "U1234");
  CHECK(found->refresh_token.empty());
  CHECK_FALSE(found->token_expires_at);

  // Not in the clear anywhere in the row.
  accord::store::Statement raw(db, "SELECT bot_token FROM installations WHERE workspace = 'T0A'");
  REQUIRE(raw.executeStep());
  const std::string stored = raw.getColumn(0).getBlob();
  CHECK(stored.find("secret-a") == std::string::npos);
  raw.reset();

  SECTION("another key cannot read the tokens") {
    const auto other = TokenCipher::from_hex(kOtherKeyHex);
    CHECK_THROWS_AS(Installations(db, other).find(accord::store::Platform::slack, "T0A"),
                    TokenCipherError);
  }

  SECTION("a re-install replaces the tokens") {
    auto again = workspace_a();
    again.bot_token = "xoxe.xoxb-new";
    again.refresh_token = "xoxe-1-refresh";
    again.token_expires_at = from_millis(1'800'043'200'000);
    installations.save(again);
    const auto replaced = installations.find(accord::store::Platform::slack, "T0A");
    REQUIRE(replaced);
    CHECK(replaced->bot_token == "xoxe.xoxb-new");
    CHECK(replaced->refresh_token == "xoxe-1-refresh");
    CHECK(replaced->token_expires_at == from_millis(1'800'043'200'000));

    // A refresh is stored only over the refresh token it used (they are single-use).
    CHECK_FALSE(installations.rotate(accord::store::Platform::slack, "T0A", "xoxe-1-stale",
                                     "xoxe.xoxb-2", "xoxe-1-2", from_millis(1'800'086'400'000)));
    CHECK(installations.rotate(accord::store::Platform::slack, "T0A", "xoxe-1-refresh",
                               "xoxe.xoxb-2", "xoxe-1-2", from_millis(1'800'086'400'000)));
    const auto rotated = installations.find(accord::store::Platform::slack, "T0A");
    REQUIRE(rotated);
    CHECK(rotated->bot_token == "xoxe.xoxb-2");
    CHECK(rotated->refresh_token == "xoxe-1-2");
    CHECK(rotated->token_expires_at == from_millis(1'800'086'400'000));
  }

  SECTION("removing deletes the tokens") {
    CHECK(installations.remove(accord::store::Platform::slack, "T0A"));
    CHECK_FALSE(installations.remove(accord::store::Platform::slack, "T0A"));
    CHECK_FALSE(installations.exists(accord::store::Platform::slack, "T0A"));
    CHECK_FALSE(installations.find(accord::store::Platform::slack, "T0A"));
  }
}
