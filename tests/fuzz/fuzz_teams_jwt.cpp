// The Bot Framework token check on any input: the Authorization header, the OpenID metadata and
// the JWKS the key cache fetches, and the activity, all taken from the input (four lines:
// header, metadata, JWKS, activity), so signed seeds carry their own keys and reach past the
// signature. Nothing crashes; base64url is strict (what decodes re-encodes to the same text); parse
// errors never repeat the token.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

#include "bot/http/client.hpp"
#include "bot/teams/auth.hpp"
#include "bot/teams/jwt.hpp"
#include "bot/teams/openid.hpp"
#include "commands/core/clock.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace accord::bot::http {
// openid.cpp's production fetcher is never used here; this keeps Beast and Asio out of the build.
ClientResponse HttpClient::perform(const ClientRequest&) {
  throw ClientError("no network");
}
}  // namespace accord::bot::http

namespace {

using namespace accord;
using accord::fuzz::check;

// 2026-01-15T12:00:00Z: the seeds' tokens are valid around it.
constexpr std::int64_t kNowMillis = 1'768'478'400'000;
constexpr const char* kAppId = "00000000-0000-0000-0000-00000000b0f1";

std::string base64url_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const auto byte = [&](std::size_t i) -> std::uint32_t {
    return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0U;
  };
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t group = byte(i) << 16U | byte(i + 1) << 8U | byte(i + 2);
    // 1, 2 or 3 bytes make 2, 3 or 4 characters; no padding.
    const std::size_t characters = std::min<std::size_t>(bytes.size() - i, 3) + 1;
    for (std::size_t c = 0; c < characters; ++c) {
      out += kAlphabet[(group >> (18 - 6 * c)) & 63U];
    }
  }
  return out;
}

// The next '\n'-terminated part of `input` (all of it when there is no '\n').
std::string_view take_line(std::string_view& input) {
  const auto end = input.find('\n');
  const auto line = input.substr(0, end);
  input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string authorization(take_line(input));
  const std::string metadata(take_line(input));
  const std::string jwks(take_line(input));
  const std::string activity_text(input);

  // The token part alone: strict base64url and the compact JWS parser.
  const std::string_view token =
      std::string_view(authorization)
          .substr(authorization.rfind(' ') == std::string::npos ? 0 : authorization.rfind(' ') + 1);
  for (std::string_view rest = token; !rest.empty();) {
    const auto dot = rest.find('.');
    const auto part = rest.substr(0, dot);
    if (const auto decoded = bot::teams::base64url_decode(part)) {
      check(base64url_encode(*decoded) == part, "base64url_decode accepts only canonical text",
            part);
    }
    rest.remove_prefix(dot == std::string_view::npos ? rest.size() : dot + 1);
  }
  const auto parsed = bot::teams::parse_compact_jws(token);
  if (parsed.jws) {
    check(parsed.jws->header.is_object() && parsed.jws->payload.is_object(),
          "a parsed JWS has object header and payload", token);
    check(token.size() <= bot::teams::kMaxTokenLength, "a parsed JWS is not oversized", token);
    check(token.substr(0, parsed.jws->signing_input.size()) == parsed.jws->signing_input,
          "the signing input is the token's first two parts", token);
  } else {
    check(!parsed.error.empty(), "a refused token says why", token);
    check(token.size() < 16 || parsed.error.find(token) == std::string::npos,
          "the parse error does not repeat the token", parsed.error);
  }

  // The JWKS as the key cache reads it.
  for (const auto& key : bot::teams::parse_jwks(jwks)) {
    check(!key.kid.empty() && key.key != nullptr, "a parsed signing key has an id and a key", jwks);
  }

  // The whole check, with the documents served from the input.
  commands::ManualClock clock{store::from_millis(kNowMillis)};
  bot::teams::KeyCacheOptions cache_options;
  cache_options.metadata_url = "https://login.example.test/v1/.well-known/openidconfiguration";
  bot::teams::SigningKeyCache keys(
      [&](const std::string& url) -> std::optional<std::string> {
        return url == cache_options.metadata_url ? metadata : jwks;
      },
      clock, cache_options);
  bot::teams::ChannelAuthOptions auth_options;
  auth_options.app_id = kAppId;
  auth_options.service_url_hosts = {"smba.trafficmanager.net"};
  bot::teams::ChannelAuthenticator authenticator(keys, clock, auth_options);
  const auto verification = authenticator.verify_token(authorization);
  if (!verification.result.ok()) {
    check(!verification.result.reason.empty(), "a refused token says why", authorization);
    return 0;
  }
  // The route only passes activities that parsed as objects.
  const auto activity = nlohmann::json::parse(activity_text, nullptr, false);
  if (activity.is_object()) authenticator.check_activity(verification.token, activity);
  return 0;
}
