// Bot Framework inbound authentication (reference/teams.md §2.2, §7.2): tokens signed in the test
// with RSA keys made in the test, key documents served by an injected fetcher, time on a manual
// clock. Each case is one verdict the SDK reaches too, or one the reference asks for.
#include <atomic>
#include <chrono>
#include <latch>
#include <memory>
#include <thread>
#include <vector>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/teams/auth.hpp"
#include "bot/teams/jwt.hpp"
#include "bot/teams/openid.hpp"
#include "bot/teams/service_url.hpp"

using namespace accord::bot::teams;
using accord::bot::http::Request;
using accord::commands::ManualClock;
using nlohmann::json;

namespace {

constexpr const char* kAppId = "11111111-2222-3333-4444-555555555555";
constexpr const char* kKid = "channel-key-1";
constexpr const char* kServiceUrl = "https://smba.trafficmanager.net/amer/";
constexpr const char* kMetadataUrl = "https://login.test/v1/.well-known/openidconfiguration";
constexpr const char* kJwksUrl = "https://login.test/v1/.well-known/keys";
const auto kStart = accord::store::from_millis(1'780'000'000'000);

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

std::string base64url(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string text;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto chunk = (static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16) |
                       (static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 2]));
    for (int shift = 18; shift >= 0; shift -= 6) text.push_back(kAlphabet[(chunk >> shift) & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned chunk = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) chunk |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    text.push_back(kAlphabet[(chunk >> 18) & 63]);
    text.push_back(kAlphabet[(chunk >> 12) & 63]);
    if (rest == 2) text.push_back(kAlphabet[(chunk >> 6) & 63]);
  }
  return text;
}

Key generate_rsa(unsigned bits) {
  Key key(EVP_RSA_gen(bits), EVP_PKEY_free);
  REQUIRE(key);
  return key;
}

struct TestKeys {
  Key channel = generate_rsa(2048);
  Key other = generate_rsa(2048);
};
const TestKeys& keys() {
  static const TestKeys made;
  return made;
}

std::string rsa_param(EVP_PKEY* key, const char* name) {
  BIGNUM* number = nullptr;
  REQUIRE(EVP_PKEY_get_bn_param(key, name, &number) == 1);
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(number)), '\0');
  BN_bn2bin(number, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(number);
  return base64url(bytes);
}

json jwk(EVP_PKEY* key, const std::string& kid,
         json endorsements = json::array({"msteams", "webchat"})) {
  json entry = {{"kty", "RSA"},
                {"use", "sig"},
                {"kid", kid},
                {"n", rsa_param(key, OSSL_PKEY_PARAM_RSA_N)},
                {"e", rsa_param(key, OSSL_PKEY_PARAM_RSA_E)}};
  if (!endorsements.is_null()) entry["endorsements"] = std::move(endorsements);
  return entry;
}

std::string rsa_sign(EVP_PKEY* key, const EVP_MD* digest, std::string_view input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  REQUIRE(EVP_DigestSignInit(context.get(), nullptr, digest, nullptr, key) == 1);
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  std::size_t length = 0;
  REQUIRE(EVP_DigestSign(context.get(), nullptr, &length, data, input.size()) == 1);
  std::string signature(length, '\0');
  REQUIRE(EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                         data, input.size()) == 1);
  signature.resize(length);
  return signature;
}

std::string public_key_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  REQUIRE(PEM_write_bio_PUBKEY(bio.get(), key) == 1);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string hs256(std::string_view secret, std::string_view input) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest, &length);
  return std::string(reinterpret_cast<char*>(digest), length);
}

std::string signing_input(const json& header, const json& claims) {
  return base64url(header.dump()) + "." + base64url(claims.dump());
}

std::string rs256_token(const json& header, const json& claims, EVP_PKEY* key,
                        const EVP_MD* digest = EVP_sha256()) {
  const auto input = signing_input(header, claims);
  return input + "." + base64url(rsa_sign(key, digest, input));
}

json rs256_header(const std::string& kid = kKid) {
  return {{"alg", "RS256"}, {"kid", kid}, {"typ", "JWT"}};
}

json teams_activity() {
  return {{"type", "message"},
          {"id", "1485983408511"},
          {"channelId", "msteams"},
          {"serviceUrl", kServiceUrl},
          {"conversation", {{"id", "a:17I0kl"}}},
          {"text", "remind me at 9"}};
}

// The channel's login service: OpenID metadata and a JWKS, counting key-set downloads.
struct FakeChannel {
  json keys = json::array();
  std::atomic<bool> down{false};
  std::atomic<int> jwks_fetches{0};
  // Real time a fetch takes; only the concurrency case sets it, to make callers overlap.
  std::chrono::milliseconds latency{0};

  int refreshes() const { return jwks_fetches.load(); }

  std::optional<std::string> get(const std::string& url) {
    if (latency.count() > 0) std::this_thread::sleep_for(latency);
    if (down) return std::nullopt;
    if (url == kMetadataUrl)
      return json{{"issuer", kChannelIssuer},
                  {"jwks_uri", kJwksUrl},
                  {"id_token_signing_alg_values_supported", {"RS256"}}}
          .dump();
    if (url == kJwksUrl) {
      ++jwks_fetches;
      return json{{"keys", keys}}.dump();
    }
    return std::nullopt;
  }
};

KeyCacheOptions cache_options() {
  KeyCacheOptions options;
  options.metadata_url = kMetadataUrl;
  return options;
}

ChannelAuthOptions default_options() {
  ChannelAuthOptions options;
  options.app_id = kAppId;
  return options;
}

struct Harness {
  ManualClock clock{kStart};
  FakeChannel channel;
  SigningKeyCache cache;
  ChannelAuthenticator authenticator;

  explicit Harness(ChannelAuthOptions options = default_options())
      : cache([this](const std::string& url) { return channel.get(url); }, clock, cache_options()),
        authenticator(cache, clock, std::move(options)) {
    channel.keys.push_back(jwk(keys().channel.get(), kKid));
  }

  std::int64_t now() const { return accord::store::to_millis(clock.now()) / 1000; }

  json claims() const {
    return {{"iss", kChannelIssuer},
            {"aud", kAppId},
            {"nbf", now() - 10},
            {"exp", now() + 3600},
            {"serviceurl", kServiceUrl}};
  }
  std::string token(const json& claims, const std::string& kid = kKid) const {
    return rs256_token(rs256_header(kid), claims, keys().channel.get());
  }
  std::string token() const { return token(claims()); }

  AuthResult post_with(std::vector<std::pair<std::string, std::string>> headers,
                       const json& activity = teams_activity()) {
    Request request;
    request.method = "POST";
    request.target = "/api/messages";
    request.headers = std::move(headers);
    request.body = activity.dump();
    return authenticator.authenticate(request, activity);
  }
  AuthResult post(const std::string& token, const json& activity = teams_activity()) {
    return post_with({{"Authorization", "Bearer " + token}}, activity);
  }
};

}  // namespace

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

TEST_CASE("an unknown kid refetches the keys at most once an hour") {
  Harness h;
  using std::chrono::minutes;

  SECTION("cold cache: one fetch, then no second one for another unknown kid") {
    CHECK(h.post(h.token(h.claims(), "not-published-1")).http_status() == 401);
    CHECK(h.channel.refreshes() == 1);
    CHECK(h.post(h.token(h.claims(), "not-published-2")).http_status() == 401);
    CHECK(h.channel.refreshes() == 1);
  }
  SECTION("a rotated-in key is found by the refetch an hour later") {
    REQUIRE(h.post(h.token()).ok());
    REQUIRE(h.channel.refreshes() == 1);
    h.channel.keys.push_back(jwk(keys().other.get(), "channel-key-2"));
    const auto new_key_token = [&] {
      return rs256_token(rs256_header("channel-key-2"), h.claims(), keys().other.get());
    };

    h.clock.advance(minutes(30));
    CHECK(h.post(new_key_token()).http_status() == 401);  // within the hour: no refetch
    CHECK(h.channel.refreshes() == 1);

    h.clock.advance(minutes(31));
    CHECK(h.post(new_key_token()).ok());  // one refetch finds it
    CHECK(h.channel.refreshes() == 2);

    h.clock.advance(minutes(10));
    CHECK(h.post(h.token(h.claims(), "not-published")).http_status() == 401);
    CHECK(h.channel.refreshes() == 2);  // the second unknown kid within the hour: no refetch
    CHECK(h.post(new_key_token()).ok());
    CHECK(h.post(h.token()).ok());
  }
}

TEST_CASE("the keys are refreshed after 24 hours") {
  Harness h;
  using std::chrono::hours;
  using std::chrono::minutes;
  REQUIRE(h.post(h.token()).ok());
  // The channel retires its key for a new one.
  h.channel.keys = json::array({jwk(keys().other.get(), "channel-key-2")});

  h.clock.advance(hours(23) + minutes(59));
  CHECK(h.post(h.token()).ok());  // still cached
  CHECK(h.channel.refreshes() == 1);

  h.clock.advance(minutes(2));
  CHECK(h.post(h.token()).http_status() == 401);  // refreshed: the retired key is gone
  CHECK(h.channel.refreshes() == 2);
  CHECK(h.post(rs256_token(rs256_header("channel-key-2"), h.claims(), keys().other.get())).ok());
  CHECK(h.channel.refreshes() == 2);
}

TEST_CASE("an unreachable key endpoint neither locks the bot out nor is hammered") {
  Harness h;
  using std::chrono::hours;
  using std::chrono::seconds;

  SECTION("at startup: refused, retried after a minute, not per request") {
    h.channel.down = true;
    CHECK(h.post(h.token()).http_status() == 401);
    h.channel.down = false;
    CHECK(h.post(h.token()).http_status() == 401);
    CHECK(h.channel.refreshes() == 0);
    h.clock.advance(seconds(61));
    CHECK(h.post(h.token()).ok());
    CHECK(h.channel.refreshes() == 1);
  }
  SECTION("at the daily refresh: the cached keys stay in use") {
    REQUIRE(h.post(h.token()).ok());
    h.clock.advance(hours(25));
    h.channel.down = true;
    CHECK(h.post(h.token()).ok());
    h.channel.down = false;
    h.clock.advance(seconds(61));
    CHECK(h.post(h.token()).ok());
    CHECK(h.channel.refreshes() == 2);
  }
  SECTION("a key set with no usable keys does not replace the cached one") {
    REQUIRE(h.post(h.token()).ok());
    h.channel.keys = json::array({{{"kty", "EC"}, {"kid", "ec-1"}, {"crv", "P-256"}}});
    h.clock.advance(hours(25));
    CHECK(h.post(h.token()).ok());
  }
}

TEST_CASE("concurrent requests on a cold cache share one fetch") {
  Harness h;
  h.channel.latency = std::chrono::milliseconds(50);
  const auto token = h.token();
  std::atomic<int> accepted{0};
  std::latch start(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      Request request;
      request.headers = {{"Authorization", "Bearer " + token}};
      if (h.authenticator.authenticate(request, teams_activity()).ok()) ++accepted;
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(accepted.load() == 8);
  CHECK(h.channel.refreshes() == 1);
}

TEST_CASE("only usable RSA signing keys are taken from a JWKS") {
  const auto small = generate_rsa(1024);
  auto encryption = jwk(keys().other.get(), "enc");
  encryption["use"] = "enc";
  auto bad_endorsements = jwk(keys().other.get(), "bad-endorsements");
  bad_endorsements["endorsements"] = "msteams";
  auto other_alg = jwk(keys().other.get(), "rs512");
  other_alg["alg"] = "RS512";
  auto bad_modulus = jwk(keys().other.get(), "bad-n");
  bad_modulus["n"] = "not base64url!";
  const json document = {
      {"keys",
       {jwk(keys().channel.get(), "good"), jwk(keys().other.get(), "no-endorsements", nullptr),
        encryption, bad_endorsements, other_alg, bad_modulus, jwk(small.get(), "small"),
        json{{"kty", "EC"}, {"kid", "ec"}, {"crv", "P-256"}, {"x", "AA"}, {"y", "AA"}},
        "not an object"}}};

  const auto parsed = parse_jwks(document.dump());
  std::vector<std::string> kids;
  for (const auto& key : parsed) kids.push_back(key.kid);
  CHECK(kids == std::vector<std::string>{"good", "no-endorsements"});
  CHECK(parsed[0].endorsements == std::vector<std::string>{"msteams", "webchat"});
  CHECK(parsed[1].endorsements.empty());
  CHECK(parse_jwks("not json").empty());
  CHECK(parse_jwks(R"({"keys": {}})").empty());
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
