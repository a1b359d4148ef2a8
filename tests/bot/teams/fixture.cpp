#include "tests/bot/teams/fixture.hpp"

#include <thread>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <catch2/catch.hpp>

namespace accord::bot::teams::testing {

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

json jwk(EVP_PKEY* key, const std::string& kid, json endorsements) {
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
                        const EVP_MD* digest) {
  const auto input = signing_input(header, claims);
  return input + "." + base64url(rsa_sign(key, digest, input));
}

json rs256_header(const std::string& kid) {
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

std::optional<std::string> FakeChannel::get(const std::string& url) {
  if (latency.count() > 0) std::this_thread::sleep_for(latency);
  if (url == kMetadataUrl) ++attempts;
  if (down) return std::nullopt;
  if (url == kMetadataUrl)
    return json{{"issuer", kChannelIssuer},
                {"jwks_uri", jwks_uri},
                {"id_token_signing_alg_values_supported", {"RS256"}}}
        .dump();
  if (url == jwks_uri) {
    ++jwks_fetches;
    return json{{"keys", keys}}.dump();
  }
  return std::nullopt;
}

bool FakeChannel::attempted(int count) const {
  for (int i = 0; i < 200 && attempts.load() < count; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // The attempt's result lands in the cache just after the fetch returns.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return attempts.load() >= count;
}

ChannelAuthOptions default_options() {
  ChannelAuthOptions options;
  options.app_id = kAppId;
  return options;
}

namespace {

KeyCacheOptions cache_options() {
  KeyCacheOptions options;
  options.metadata_url = kMetadataUrl;
  return options;
}

}  // namespace

Harness::Harness(ChannelAuthOptions options)
    : cache([this](const std::string& url) { return channel.get(url); }, clock, cache_options()),
      authenticator(cache, clock, std::move(options)) {
  channel.keys.push_back(jwk(keys().channel.get(), kKid));
}

std::int64_t Harness::now() const {
  return store::to_millis(clock.now()) / 1000;
}

json Harness::claims() const {
  return {{"iss", kChannelIssuer},
          {"aud", kAppId},
          {"nbf", now() - 10},
          {"exp", now() + 3600},
          {"serviceurl", kServiceUrl}};
}

std::string Harness::token(const json& claims, const std::string& kid) const {
  return rs256_token(rs256_header(kid), claims, keys().channel.get());
}

AuthResult Harness::post_with(std::vector<std::pair<std::string, std::string>> headers,
                              const json& activity) {
  http::Request request;
  request.method = "POST";
  request.target = "/api/messages";
  request.headers = std::move(headers);
  request.body = activity.dump();
  return authenticator.authenticate(request, activity);
}

AuthResult Harness::post(const std::string& token, const json& activity) {
  return post_with({{"Authorization", "Bearer " + token}}, activity);
}

}  // namespace accord::bot::teams::testing
