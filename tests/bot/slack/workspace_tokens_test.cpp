// Which token each workspace is served with: single-token mode serves every workspace with the
// configured token; OAuth mode only installed workspaces, each with its own, refreshed shortly
// before it expires (rotation) and stored over the single-use refresh token it used.
#include <deque>

#include <catch2/catch.hpp>

#include "bot/slack/workspace_tokens.hpp"
#include "store/installations.hpp"
#include "tests/store/temp_database.hpp"

using accord::bot::slack::BotToken;
using accord::bot::slack::InstalledTokens;
using accord::bot::slack::OAuthGrant;
using accord::bot::slack::OAuthResult;
using accord::store::from_millis;
using Status = BotToken::Status;
using namespace std::chrono_literals;

namespace {

class ScriptedRefresher final : public accord::bot::slack::TokenRefresher {
 public:
  std::vector<std::string> used;  // refresh tokens presented
  std::deque<OAuthResult> script;

  OAuthResult refresh(const std::string& refresh_token) override {
    used.push_back(refresh_token);
    REQUIRE_FALSE(script.empty());
    auto next = script.front();
    script.pop_front();
    return next;
  }
};

OAuthResult granted(const std::string& token, const std::string& refresh) {
  OAuthGrant grant;
  grant.access_token = token;
  grant.refresh_token = refresh;
  grant.expires_in = 43200s;
  return {grant, {}, false};
}

struct Fixture {
  accord::testing::TempDatabase path;
  accord::store::Database db{path.str()};
  accord::store::TokenCipher cipher = accord::store::TokenCipher::from_hex(std::string(64, '7'));
  accord::commands::ManualClock clock{from_millis(1'800'000'000'000)};
  ScriptedRefresher refresher;
  InstalledTokens tokens{db, cipher, refresher, clock, 300s};

  void install(const std::string& workspace, const std::string& token,
               const std::string& refresh = {}, std::chrono::seconds lifetime = 0s) {
    accord::store::Installation in;
    in.workspace = workspace;
    in.installed_at = clock.now();
    in.bot_token = token;
    if (!refresh.empty()) {
      in.refresh_token = refresh;
      in.token_expires_at = clock.now() + lifetime;
    }
    accord::store::Transaction tx(db);
    accord::store::Installations(db, cipher).save(in);
    tx.commit();
  }
};

}  // namespace

TEST_CASE("single-token mode serves every workspace with the one token") {
  accord::bot::slack::SingleToken single("xoxb-one");
  CHECK(single.serves("T1"));
  CHECK(single.serves("T-anything"));
  CHECK(single.token_for("T2").token == "xoxb-one");
  accord::bot::slack::SingleToken none("");
  CHECK(none.token_for("T1").status == Status::not_configured);
}

TEST_CASE("OAuth mode serves installed workspaces with their own tokens") {
  Fixture f;
  f.install("T0A", "xoxb-a");
  f.install("T0B", "xoxb-b");
  CHECK(f.tokens.serves("T0A"));
  CHECK_FALSE(f.tokens.serves("T0Z"));
  CHECK(f.tokens.token_for("T0A").token == "xoxb-a");
  CHECK(f.tokens.token_for("T0B").token == "xoxb-b");
  CHECK(f.tokens.token_for("T0Z").status == Status::not_installed);

  f.tokens.revoke("T0A", "app_uninstalled");
  CHECK_FALSE(f.tokens.serves("T0A"));
  CHECK(f.tokens.token_for("T0A").status == Status::not_installed);
  CHECK(f.tokens.token_for("T0B").token == "xoxb-b");
  CHECK(f.refresher.used.empty());
}

TEST_CASE("a rotating token is refreshed shortly before it expires, once") {
  Fixture f;
  f.install("T0A", "xoxe.xoxb-1", "xoxe-1-first", 12h);

  // Far from expiry: used as it is.
  CHECK(f.tokens.token_for("T0A").token == "xoxe.xoxb-1");
  CHECK(f.refresher.used.empty());

  // Within the margin: refreshed with the stored refresh token, and the new pair stored.
  f.clock.advance(12h - 299s);
  f.refresher.script.push_back(granted("xoxe.xoxb-2", "xoxe-1-second"));
  CHECK(f.tokens.token_for("T0A").token == "xoxe.xoxb-2");
  REQUIRE(f.refresher.used == std::vector<std::string>{"xoxe-1-first"});
  {
    accord::store::Transaction tx(f.db);
    const auto stored =
        accord::store::Installations(f.db, f.cipher).find(accord::store::Platform::slack, "T0A");
    REQUIRE(stored);
    CHECK(stored->bot_token == "xoxe.xoxb-2");
    CHECK(stored->refresh_token == "xoxe-1-second");
    CHECK(stored->token_expires_at == f.clock.now() + 12h);
  }
  // The new token lasts: no second refresh.
  CHECK(f.tokens.token_for("T0A").token == "xoxe.xoxb-2");
  CHECK(f.refresher.used.size() == 1);
}

TEST_CASE("a failed refresh keeps the token while it lasts, then makes the workspace wait") {
  Fixture f;
  f.install("T0A", "xoxe.xoxb-1", "xoxe-1-first", 100s);
  f.refresher.script.push_back({std::nullopt, "HTTP 503", true});
  CHECK(f.tokens.token_for("T0A").token == "xoxe.xoxb-1");

  f.clock.advance(101s);
  f.refresher.script.push_back({std::nullopt, "invalid_refresh_token", false});
  const auto expired = f.tokens.token_for("T0A");
  CHECK(expired.status == Status::unavailable);
  CHECK_THAT(expired.why, Catch::Contains("invalid_refresh_token"));
  CHECK(expired.token.empty());
}

TEST_CASE("a token stored with another key makes the workspace wait, not fail the worker") {
  Fixture f;
  f.install("T0A", "xoxb-a");
  const auto other = accord::store::TokenCipher::from_hex(std::string(64, '8'));
  InstalledTokens wrong_key(f.db, other, f.refresher, f.clock, 300s);
  CHECK(wrong_key.serves("T0A"));
  CHECK(wrong_key.token_for("T0A").status == Status::unavailable);
}
