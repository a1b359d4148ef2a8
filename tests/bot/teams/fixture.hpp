// Test doubles for Teams inbound authentication: RSA keys made at test start, tokens signed here
// (with base64url written here, independent of the code under test), a fake Bot Framework login
// service behind the injected fetcher, and a manual clock.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <openssl/evp.h>
#include <nlohmann/json.hpp>

#include "bot/teams/auth.hpp"
#include "bot/teams/openid.hpp"
#include "commands/core/clock.hpp"

namespace accord::bot::teams::testing {

using nlohmann::json;

inline constexpr const char* kAppId = "11111111-2222-3333-4444-555555555555";
inline constexpr const char* kKid = "channel-key-1";
inline constexpr const char* kServiceUrl = "https://smba.trafficmanager.net/amer/";
inline constexpr const char* kMetadataUrl = "https://login.test/v1/.well-known/openidconfiguration";
inline constexpr const char* kJwksUrl = "https://login.test/v1/.well-known/keys";
inline const store::Timestamp kStart = store::from_millis(1'780'000'000'000);

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

std::string base64url(std::string_view bytes);
Key generate_rsa(unsigned bits);

// Two 2048-bit keys, made once per test run: the channel's, and another one.
struct TestKeys {
  Key channel = generate_rsa(2048);
  Key other = generate_rsa(2048);
};
const TestKeys& keys();

// A JWKS entry for the key; `endorsements` null leaves the member out.
json jwk(EVP_PKEY* key, const std::string& kid,
         json endorsements = json::array({"msteams", "webchat"}));

std::string rsa_sign(EVP_PKEY* key, const EVP_MD* digest, std::string_view input);
std::string public_key_pem(EVP_PKEY* key);
std::string hs256(std::string_view secret, std::string_view input);
std::string signing_input(const json& header, const json& claims);
std::string rs256_token(const json& header, const json& claims, EVP_PKEY* key,
                        const EVP_MD* digest = EVP_sha256());
json rs256_header(const std::string& kid = kKid);
json teams_activity();

// The channel's login service: OpenID metadata and a JWKS, counting key-set downloads.
struct FakeChannel {
  json keys = json::array();
  std::atomic<bool> down{false};
  std::atomic<int> jwks_fetches{0};
  std::atomic<int> attempts{0};  // metadata requests, answered or not
  // Real time a fetch takes; only the concurrency case sets it, to make callers overlap.
  std::chrono::milliseconds latency{0};
  // Where the metadata says the key set is (and where it is served).
  std::string jwks_uri = kJwksUrl;

  int refreshes() const { return jwks_fetches.load(); }
  // Waits (a little, in real time) until `count` fetches were attempted and have finished: the
  // cache fetches on a thread of its own.
  bool attempted(int count) const;
  std::optional<std::string> get(const std::string& url);
};

ChannelAuthOptions default_options();

// An authenticator for kAppId over the fake channel, which publishes the channel key as kKid.
struct Harness {
  commands::ManualClock clock{kStart};
  FakeChannel channel;
  SigningKeyCache cache;
  ChannelAuthenticator authenticator;

  explicit Harness(ChannelAuthOptions options = default_options());

  std::int64_t now() const;  // Unix seconds
  // Claims of a valid channel token for kAppId and kServiceUrl, issued now.
  json claims() const;
  std::string token(const json& claims, const std::string& kid = kKid) const;
  std::string token() const { return token(claims()); }

  AuthResult post_with(std::vector<std::pair<std::string, std::string>> headers,
                       const json& activity = teams_activity());
  AuthResult post(const std::string& token, const json& activity = teams_activity());
};

}  // namespace accord::bot::teams::testing
