#include "bot/teams/auth.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <utility>

namespace accord::bot::teams {
namespace {

// Up to the year 5138; larger values are not dates and would overflow milliseconds.
constexpr double kMaxNumericDate = 1e11;

AuthResult accepted() {
  return AuthResult{AuthOutcome::ok, "ok"};
}
AuthResult unauthorized(std::string reason) {
  return AuthResult{AuthOutcome::unauthorized, std::move(reason)};
}
AuthResult forbidden(std::string reason) {
  return AuthResult{AuthOutcome::forbidden, std::move(reason)};
}

TokenVerification rejected(std::string reason) {
  return TokenVerification{unauthorized(std::move(reason)), {}};
}

const nlohmann::json* claim_of(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(name);
  return found == object.end() ? nullptr : &*found;
}

const std::string* string_member(const nlohmann::json& object, const char* name) {
  const auto* value = claim_of(object, name);
  return value != nullptr && value->is_string() ? &value->get_ref<const std::string&>() : nullptr;
}

// The token of "Bearer <token>": the scheme spelled exactly so, one space, then the token (the
// SDK splits on one space and requires exactly two parts).
std::optional<std::string_view> bearer_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "Bearer ";
  if (!authorization.starts_with(kScheme)) return std::nullopt;
  const auto token = authorization.substr(kScheme.size());
  if (token.empty() || token.find(' ') != std::string_view::npos) return std::nullopt;
  return token;
}

// A JWT NumericDate (seconds since the epoch, possibly fractional); nullopt if not plausible.
std::optional<store::Timestamp> numeric_date(const nlohmann::json& value) {
  if (!value.is_number()) return std::nullopt;
  const double seconds = value.get<double>();
  if (!std::isfinite(seconds) || seconds < 0 || seconds > kMaxNumericDate) return std::nullopt;
  return store::from_millis(static_cast<std::int64_t>(seconds * 1000.0));
}

bool audience_is(const nlohmann::json* audience, const std::string& app_id) {
  if (audience == nullptr) return false;
  if (audience->is_string()) return *audience == app_id;
  if (!audience->is_array()) return false;
  return std::any_of(audience->begin(), audience->end(),
                     [&](const nlohmann::json& entry) { return entry == app_id; });
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

int AuthResult::http_status() const {
  switch (outcome) {
    case AuthOutcome::ok:
      return 200;
    case AuthOutcome::unauthorized:
      return 401;
    case AuthOutcome::forbidden:
      return 403;
  }
  return 401;
}

http::Response rejection_response(const AuthResult& result) {
  if (result.outcome == AuthOutcome::forbidden) return http::Response::text(403, "Forbidden\n");
  auto response = http::Response::text(401, "Unauthorized\n");
  response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

ChannelAuthenticator::ChannelAuthenticator(SigningKeyCache& keys, const commands::Clock& clock,
                                           ChannelAuthOptions options)
    : keys_(keys), clock_(clock), options_(std::move(options)) {
  if (options_.app_id.empty())
    throw std::invalid_argument("Teams authentication needs the bot's app id");
  if (options_.issuers.empty())
    throw std::invalid_argument("Teams authentication needs at least one token issuer");
}

AuthResult ChannelAuthenticator::authenticate(const http::Request& request,
                                              const nlohmann::json& activity) {
  const auto headers = request.header_count("Authorization");
  if (headers == 0) return unauthorized("no Authorization header");
  if (headers > 1) return unauthorized("more than one Authorization header");
  const auto verification = verify_token(request.header("Authorization"));
  if (!verification.result.ok()) return verification.result;
  return check_activity(verification.token, activity);
}

// In the order of reference/teams.md §2.2: the cheap checks on the unverified token come first,
// so a forged token never reaches the key cache (and cannot make it refetch) or RSA.
TokenVerification ChannelAuthenticator::verify_token(std::string_view authorization) {
  const auto token = bearer_token(authorization);
  if (!token) return rejected("Authorization is not \"Bearer <token>\"");
  auto parsed = parse_compact_jws(*token);
  if (!parsed.jws) return rejected(std::move(parsed.error));
  const auto& header = parsed.jws->header;
  const auto& claims = parsed.jws->payload;

  const auto* algorithm = string_member(header, "alg");
  if (algorithm == nullptr || *algorithm != "RS256")
    return rejected("token algorithm is not RS256");
  // No extension is understood here, so any critical one is refused (RFC 7515 §4.1.11).
  if (claim_of(header, "crit") != nullptr) return rejected("token has critical header extensions");
  const auto* issuer = string_member(claims, "iss");
  if (issuer == nullptr || !contains(options_.issuers, *issuer))
    return rejected("token issuer is not an accepted channel issuer");
  const auto* kid = string_member(header, "kid");
  if (kid == nullptr || kid->empty()) return rejected("token has no key id");

  const auto key = keys_.find(*kid);
  if (!key) return rejected("token signing key is unknown");
  if (!verify_rs256(key->key, parsed.jws->signing_input, parsed.jws->signature))
    return rejected("token signature is invalid");

  const auto now = clock_.now();
  const auto* expiry_claim = claim_of(claims, "exp");
  const auto expiry = expiry_claim ? numeric_date(*expiry_claim) : std::nullopt;
  if (!expiry) return rejected("token has no valid exp claim");
  if (now >= *expiry + options_.clock_skew) return rejected("token has expired");
  if (const auto* not_before_claim = claim_of(claims, "nbf")) {
    const auto not_before = numeric_date(*not_before_claim);
    if (!not_before) return rejected("token nbf claim is malformed");
    if (*not_before > now + options_.clock_skew) return rejected("token is not valid yet");
  }
  if (!audience_is(claim_of(claims, "aud"), options_.app_id))
    return rejected("token audience is not this bot's app id");

  TokenVerification verified{accepted(), {key->endorsements, std::nullopt}};
  if (const auto* service_url = string_member(claims, "serviceurl"))
    verified.token.service_url = *service_url;
  return verified;
}

AuthResult ChannelAuthenticator::check_activity(const VerifiedToken& token,
                                                const nlohmann::json& activity) const {
  if (!token.endorsements.empty()) {
    const auto* channel = string_member(activity, "channelId");
    if (channel == nullptr || !contains(token.endorsements, *channel))
      return forbidden("signing key is not endorsed for the activity's channel");
  }
  // An exact string comparison, as the SDK makes it: a trailing slash more or less is a mismatch.
  const auto* service_url = string_member(activity, "serviceUrl");
  if (!token.service_url) return forbidden("token has no serviceurl claim");
  if (service_url == nullptr || *service_url != *token.service_url)
    return forbidden("serviceurl claim does not match the activity's serviceUrl");
  if (!options_.service_url_hosts.empty() &&
      !is_allowed_service_url(*service_url, options_.service_url_hosts))
    return forbidden("activity serviceUrl is not on the allowed host list");
  return accepted();
}

}  // namespace accord::bot::teams
