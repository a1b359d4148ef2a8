// Authenticates what the Bot Framework channel POSTs to /api/messages (reference/teams.md §2.2):
// a Bearer JWT, RS256 only, signed by a channel key, issued by the channel for this bot and still
// valid, then bound to the activity it came with (key endorsement for the channel id, serviceurl
// claim equal to the activity's serviceUrl, serviceUrl host on the allowlist).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/http/message.hpp"
#include "bot/teams/openid.hpp"
#include "bot/teams/service_url.hpp"
#include "commands/core/clock.hpp"

namespace accord::bot::teams {

inline constexpr const char* kChannelIssuer = "https://api.botframework.com";

enum class AuthOutcome {
  ok,
  unauthorized,  // 401: no usable token (absent, malformed, bad signature, expired, not for us)
  forbidden,     // 403: a genuine token for us that does not vouch for this activity
};

struct AuthResult {
  AuthOutcome outcome = AuthOutcome::unauthorized;
  std::string reason;  // for logs; fixed text, never the token or its claim values

  bool ok() const { return outcome == AuthOutcome::ok; }
  int http_status() const;
};

// The answer to a failed authentication: 401 with `WWW-Authenticate: Bearer`, or 403; the body
// says no more than the status.
http::Response rejection_response(const AuthResult& result);

// What a verified token vouches for, to check against the activity.
struct VerifiedToken {
  std::vector<std::string> endorsements;   // of the signing key; empty = any channel
  std::optional<std::string> service_url;  // the `serviceurl` claim
};

struct TokenVerification {
  AuthResult result;
  VerifiedToken token;  // meaningful only when result.ok()
};

struct ChannelAuthOptions {
  std::string app_id;  // the token's audience; required
  std::vector<std::string> issuers{kChannelIssuer};
  std::chrono::seconds clock_skew{300};
  // Hosts (`host` or `host:port`, exact, case-insensitive) an activity's serviceUrl may name;
  // empty = no host check. See service_url.hpp.
  std::vector<std::string> service_url_hosts;
};

class ChannelAuthenticator {
 public:
  // Throws std::invalid_argument without an app id or an issuer.
  ChannelAuthenticator(SigningKeyCache& keys, const commands::Clock& clock,
                       ChannelAuthOptions options);

  // The whole check: exactly one `Authorization: Bearer <jwt>` header, the token, then the
  // activity (the parsed request body).
  AuthResult authenticate(const http::Request& request, const nlohmann::json& activity);

  // The token alone, from an Authorization header value: 401 or ok. Needs no body, so a route
  // can call it before parsing one.
  TokenVerification verify_token(std::string_view authorization);

  // The activity against a verified token: 403 or ok.
  AuthResult check_activity(const VerifiedToken& token, const nlohmann::json& activity) const;

 private:
  SigningKeyCache& keys_;
  const commands::Clock& clock_;
  ChannelAuthOptions options_;
};

}  // namespace accord::bot::teams
