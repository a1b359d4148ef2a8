// Bot Framework inbound authentication (reference/teams.md §2.2, §7.2): the token checks (401)
// and the binding of a token to its activity (403). Each case is a verdict the SDK reaches too, or
// one the reference asks for.
#include <stdexcept>

#include <openssl/evp.h>
#include <catch2/catch.hpp>

#include "bot/teams/auth.hpp"
#include "bot/teams/jwt.hpp"
#include "bot/teams/service_url.hpp"
#include "tests/bot/teams/fixture.hpp"

using namespace accord::bot::teams;
using namespace accord::bot::teams::testing;
using accord::bot::http::Request;
using accord::commands::ManualClock;

TEST_CASE("a channel token for this bot and this activity is accepted") {
  Harness h;
  const auto result = h.post(h.token());
  CHECK(result.ok());
  CHECK(result.http_status() == 200);
  CHECK(h.channel.refreshes() == 1);

  SECTION("the keys are cached, not fetched per request") {
    for (int i = 0; i < 5; ++i) CHECK(h.post(h.token()).ok());
    CHECK(h.channel.refreshes() == 1);
  }
}

TEST_CASE("the Authorization header must be one exact Bearer header") {
  Harness h;
  const auto token = h.token();
  CHECK(h.post_with({}).http_status() == 401);
  CHECK(h.post_with({{"Authorization", "Bearer " + token}, {"authorization", "Bearer " + token}})
            .http_status() == 401);
  CHECK(h.post_with({{"Authorization", "bearer " + token}}).http_status() == 401);
  CHECK(h.post_with({{"Authorization", "BEARER " + token}}).http_status() == 401);
  CHECK(h.post_with({{"Authorization", "Basic dXNlcjpwYXNz"}}).http_status() == 401);
  CHECK(h.post_with({{"Authorization", "Bearer  " + token}}).http_status() == 401);
  CHECK(h.post_with({{"Authorization", "Bearer " + token + " extra"}}).http_status() == 401);
  CHECK(h.post_with({{"Authorization", "Bearer"}}).http_status() == 401);
  CHECK(h.post_with({{"Authorization", "Bearer "}}).http_status() == 401);
  // The header name is case-insensitive, as in HTTP.
  CHECK(h.post_with({{"authorization", "Bearer " + token}}).ok());
}

TEST_CASE("malformed tokens are refused as unauthorized") {
  Harness h;
  const auto token = h.token();
  const auto first_dot = token.find('.');
  const auto last_dot = token.rfind('.');
  const std::string header = token.substr(0, first_dot);
  const std::string payload = token.substr(first_dot + 1, last_dot - first_dot - 1);
  const std::string signature = token.substr(last_dot + 1);

  CHECK(h.post(header + "." + payload).http_status() == 401);                          // 2 parts
  CHECK(h.post(token + "." + signature).http_status() == 401);                         // 4 parts
  CHECK(h.post(header + "." + payload + "." + signature + "=").http_status() == 401);  // padding
  CHECK(h.post(header + "." + payload + "*." + signature).http_status() == 401);       // alphabet
  CHECK(h.post(base64url("not json") + "." + payload + "." + signature).http_status() == 401);
  CHECK(h.post(base64url("[\"RS256\"]") + "." + payload + "." + signature).http_status() == 401);
  CHECK(h.post(header + "." + base64url("\"a string\"") + "." + signature).http_status() == 401);

  SECTION("a header naming alg twice") {
    const std::string twice = R"({"alg":"none","kid":"channel-key-1","alg":"RS256"})";
    const auto input = base64url(twice) + "." + payload;
    CHECK(h.post(input + "." + base64url(rsa_sign(keys().channel.get(), EVP_sha256(), input)))
              .http_status() == 401);
  }
  SECTION("a correctly signed but huge token") {
    auto claims = h.claims();
    claims["padding"] = std::string(kMaxTokenLength, 'x');
    const auto huge = h.token(claims);
    CHECK(huge.size() > kMaxTokenLength);
    CHECK(h.post(huge).http_status() == 401);
  }
}

TEST_CASE("only RS256 is accepted") {
  Harness h;
  const auto claims = h.claims();

  SECTION("alg none, unsigned") {
    const json header = {{"alg", "none"}, {"kid", kKid}};
    CHECK(h.post(signing_input(header, claims) + ".").http_status() == 401);
  }
  SECTION("alg none, with an RS256 signature attached") {
    const json header = {{"alg", "none"}, {"kid", kKid}};
    CHECK(h.post(rs256_token(header, claims, keys().channel.get())).http_status() == 401);
  }
  SECTION("no alg at all") {
    const json header = {{"kid", kKid}};
    CHECK(h.post(rs256_token(header, claims, keys().channel.get())).http_status() == 401);
  }
  SECTION("HS256 keyed with the channel's public key (algorithm confusion)") {
    const json header = {{"alg", "HS256"}, {"kid", kKid}};
    const auto input = signing_input(header, claims);
    const auto forged = input + "." + base64url(hs256(public_key_pem(keys().channel.get()), input));
    CHECK(h.post(forged).http_status() == 401);
  }
  SECTION("RS384 and RS512, genuinely signed with the channel key") {
    CHECK(h.post(rs256_token({{"alg", "RS384"}, {"kid", kKid}}, claims, keys().channel.get(),
                             EVP_sha384()))
              .http_status() == 401);
    CHECK(h.post(rs256_token({{"alg", "RS512"}, {"kid", kKid}}, claims, keys().channel.get(),
                             EVP_sha512()))
              .http_status() == 401);
  }
  SECTION("a critical header extension") {
    json header = rs256_header();
    header["crit"] = {"exp"};
    CHECK(h.post(rs256_token(header, claims, keys().channel.get())).http_status() == 401);
  }
  // None of these forgeries made the bot fetch anything.
  CHECK(h.channel.refreshes() == 0);
}

TEST_CASE("the signature must be the channel key's, over these exact bytes") {
  Harness h;
  SECTION("signed by another key under the channel key's kid") {
    CHECK(h.post(rs256_token(rs256_header(), h.claims(), keys().other.get())).http_status() == 401);
  }
  SECTION("a payload changed after signing") {
    const auto token = h.token();
    auto claims = h.claims();
    claims["aud"] = "someone-else";
    const auto first_dot = token.find('.');
    const auto last_dot = token.rfind('.');
    const auto tampered =
        token.substr(0, first_dot) + "." + base64url(claims.dump()) + token.substr(last_dot);
    CHECK(h.post(tampered).http_status() == 401);
  }
  SECTION("a signature cut short") {
    auto token = h.token();
    token.resize(token.size() - 4);
    CHECK(h.post(token).http_status() == 401);
  }
}

TEST_CASE("expiry and not-before allow five minutes of clock skew") {
  Harness h;
  auto claims = h.claims();
  using std::chrono::minutes;
  using std::chrono::seconds;

  SECTION("expired two minutes ago: accepted") {
    claims["exp"] = h.now() - 120;
    CHECK(h.post(h.token(claims)).ok());
  }
  SECTION("expired ten minutes ago: refused") {
    claims["exp"] = h.now() - 600;
    CHECK(h.post(h.token(claims)).http_status() == 401);
  }
  SECTION("the edge of the skew") {
    claims["exp"] = h.now() - 299;
    CHECK(h.post(h.token(claims)).ok());
    claims["exp"] = h.now() - 300;
    CHECK(h.post(h.token(claims)).http_status() == 401);
  }
  SECTION("a valid token ages out on the clock") {
    const auto token = h.token();
    h.clock.advance(minutes(60) + minutes(4));
    CHECK(h.post(token).ok());
    h.clock.advance(minutes(2));
    CHECK(h.post(token).http_status() == 401);
  }
  SECTION("no exp, or an exp that is not a date") {
    claims.erase("exp");
    CHECK(h.post(h.token(claims)).http_status() == 401);
    claims["exp"] = std::to_string(h.now() + 3600);
    CHECK(h.post(h.token(claims)).http_status() == 401);
  }
  SECTION("not before: two minutes ahead is accepted, ten minutes ahead is not") {
    claims["nbf"] = h.now() + 120;
    CHECK(h.post(h.token(claims)).ok());
    claims["nbf"] = h.now() + 600;
    CHECK(h.post(h.token(claims)).http_status() == 401);
  }
}

TEST_CASE("issuer and audience must be the channel and this bot") {
  Harness h;
  auto claims = h.claims();
  SECTION("another issuer, without touching the keys") {
    claims["iss"] = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    CHECK(h.post(h.token(claims)).http_status() == 401);
    CHECK(h.channel.refreshes() == 0);
  }
  SECTION("no issuer") {
    claims.erase("iss");
    CHECK(h.post(h.token(claims)).http_status() == 401);
  }
  SECTION("another bot's app id") {
    claims["aud"] = "someone-else";
    CHECK(h.post(h.token(claims)).http_status() == 401);
  }
  SECTION("no audience") {
    claims.erase("aud");
    CHECK(h.post(h.token(claims)).http_status() == 401);
  }
  SECTION("an audience list that names this bot") {
    claims["aud"] = {"someone-else", kAppId};
    CHECK(h.post(h.token(claims)).ok());
  }
  SECTION("a configured second issuer (US Government cloud)") {
    auto options = default_options();
    options.issuers.push_back("https://api.botframework.us");
    Harness gov(options);
    auto gov_claims = gov.claims();
    gov_claims["iss"] = "https://api.botframework.us";
    CHECK(gov.post(gov.token(gov_claims)).ok());
  }
}

TEST_CASE("a key endorsed for other channels cannot vouch for this one") {
  Harness h;
  auto activity = teams_activity();
  SECTION("channel not among the endorsements: forbidden") {
    activity["channelId"] = "slack";
    CHECK(h.post(h.token(), activity).http_status() == 403);
  }
  SECTION("activity without a channel id: forbidden") {
    activity.erase("channelId");
    CHECK(h.post(h.token(), activity).http_status() == 403);
  }
  SECTION("a key without endorsements restricts nothing") {
    h.channel.keys = json::array({jwk(keys().channel.get(), kKid, nullptr)});
    activity["channelId"] = "slack";
    CHECK(h.post(h.token(), activity).ok());
  }
}

TEST_CASE("the serviceurl claim must equal the activity's serviceUrl exactly") {
  Harness h;
  auto activity = teams_activity();
  SECTION("another service URL: forbidden") {
    activity["serviceUrl"] = "https://attacker.example/amer/";
    CHECK(h.post(h.token(), activity).http_status() == 403);
  }
  SECTION("a trailing slash more or less is a mismatch") {
    activity["serviceUrl"] = "https://smba.trafficmanager.net/amer";
    CHECK(h.post(h.token(), activity).http_status() == 403);
  }
  SECTION("no serviceurl claim: forbidden") {
    auto claims = h.claims();
    claims.erase("serviceurl");
    CHECK(h.post(h.token(claims), activity).http_status() == 403);
  }
  SECTION("no serviceUrl in the activity: forbidden") {
    activity.erase("serviceUrl");
    CHECK(h.post(h.token(), activity).http_status() == 403);
  }
}

TEST_CASE("with a host allowlist, the serviceUrl host must be on it") {
  auto options = default_options();
  options.service_url_hosts = {"smba.trafficmanager.net"};
  Harness h(options);
  CHECK(h.post(h.token()).ok());

  const std::string lookalike = "https://smba.trafficmanager.net.evil.example/amer/";
  auto claims = h.claims();
  claims["serviceurl"] = lookalike;
  auto activity = teams_activity();
  activity["serviceUrl"] = lookalike;
  CHECK(h.post(h.token(claims), activity).http_status() == 403);
}

TEST_CASE("service URL hosts match exactly") {
  const std::vector<std::string> hosts = {"smba.trafficmanager.net", "127.0.0.1:8443"};
  CHECK(is_allowed_service_url("https://smba.trafficmanager.net/amer/", hosts));
  CHECK(is_allowed_service_url("https://SMBA.TrafficManager.net/teams/", hosts));
  CHECK(is_allowed_service_url("https://smba.trafficmanager.net:443/amer/", hosts));
  CHECK(is_allowed_service_url("http://127.0.0.1:8443/", hosts));
  CHECK_FALSE(is_allowed_service_url("http://smba.trafficmanager.net/amer/", hosts));
  CHECK_FALSE(is_allowed_service_url("https://evil.trafficmanager.net/amer/", hosts));
  CHECK_FALSE(is_allowed_service_url("https://smba.trafficmanager.net.evil.example/", hosts));
  CHECK_FALSE(is_allowed_service_url("https://smba.trafficmanager.net:8443/amer/", hosts));
  CHECK_FALSE(is_allowed_service_url("https://user@smba.trafficmanager.net/amer/", hosts));
  CHECK_FALSE(is_allowed_service_url("http://127.0.0.1:9000/", hosts));
  CHECK_FALSE(is_allowed_service_url("smba.trafficmanager.net/amer/", hosts));
}

TEST_CASE("base64url decoding is strict") {
  CHECK(base64url_decode("QQ") == std::optional<std::string>("A"));
  CHECK(base64url_decode("QUI") == std::optional<std::string>("AB"));
  CHECK(base64url_decode("QUJD") == std::optional<std::string>("ABC"));
  CHECK(base64url_decode("-_8") == std::optional<std::string>("\xfb\xff"));
  CHECK(base64url_decode("") == std::optional<std::string>(""));
  CHECK_FALSE(base64url_decode("QQ=="));  // padding
  CHECK_FALSE(base64url_decode("Q"));     // cannot end a byte
  CHECK_FALSE(base64url_decode("QR"));    // non-canonical trailing bits
  CHECK_FALSE(base64url_decode("+/8"));   // base64, not base64url
  CHECK_FALSE(base64url_decode("QU JD"));
}

TEST_CASE("rejections answer 401 with a Bearer challenge or a bare 403, and never echo the token") {
  Harness h;
  const auto token = h.token();
  auto claims = h.claims();
  claims["aud"] = "someone-else";
  const auto wrong_audience = h.token(claims);
  const auto unauthorized = h.post(wrong_audience);
  REQUIRE(unauthorized.http_status() == 401);
  CHECK_FALSE(unauthorized.reason.empty());
  CHECK(unauthorized.reason.find(wrong_audience) == std::string::npos);
  CHECK(unauthorized.reason.find("someone-else") == std::string::npos);
  const auto response = rejection_response(unauthorized);
  CHECK(response.status == 401);
  Request echoed;
  echoed.headers = response.headers;
  CHECK(echoed.header("WWW-Authenticate") == "Bearer");
  CHECK(response.body.find(wrong_audience) == std::string::npos);

  auto activity = teams_activity();
  activity["channelId"] = "slack";
  const auto forbidden = h.post(token, activity);
  REQUIRE(forbidden.http_status() == 403);
  CHECK(rejection_response(forbidden).status == 403);
  CHECK(forbidden.reason.find(token) == std::string::npos);
}

TEST_CASE("the authenticator needs an app id") {
  ManualClock clock{kStart};
  SigningKeyCache cache([](const std::string&) { return std::optional<std::string>(); }, clock);
  CHECK_THROWS_AS(ChannelAuthenticator(cache, clock, ChannelAuthOptions{}), std::invalid_argument);
}
