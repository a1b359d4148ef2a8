#include "bot/teams/connector.hpp"

#include <charconv>

#include <spdlog/spdlog.h>

#include "bot/http/client.hpp"
#include "bot/http/form.hpp"
#include "bot/json_fields.hpp"
#include "bot/teams/service_url.hpp"
#include "config/settings.hpp"

namespace accord::bot::teams {
namespace {

using Outcome = DeliveryResult::Outcome;
using nlohmann::json;

constexpr const char* kScope = "https://api.botframework.com/.default";
constexpr auto kTokenRefusedPause = std::chrono::seconds(60);

DeliveryResult connector_failure(Outcome outcome, std::string error) {
  DeliveryResult result;
  result.outcome = outcome;
  result.error = std::move(error);
  return result;
}

std::chrono::seconds retry_after(std::string_view value) {
  long seconds = 1;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error != std::errc{} || seconds < 1) seconds = 1;
  return std::chrono::seconds(seconds);
}

// The Connector's error code ({"error": {"code": "..."}}), for the record; never the body.
std::string error_code(const json& body, int status) {
  std::string code;
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    code = json_string(body["error"], "code");
  }
  return "HTTP " + std::to_string(status) + (code.empty() ? "" : " " + code);
}

// The outbox's view of a Connector status (reference/teams.md §3.5). POST is not idempotent, so
// a 500 is not retried: the message may have been delivered.
DeliveryResult classify(const http::ClientResponse& response) {
  DeliveryResult result;
  result.body = json::parse(response.body, nullptr, false);
  if (result.body.is_discarded()) result.body = json::object();
  if (response.status >= 200 && response.status < 300) return result;
  result.error = error_code(result.body, response.status);
  if (response.status == 429) {
    result.outcome = Outcome::rate_limited;
    result.retry_after = retry_after(response.header("Retry-After"));
  } else if (response.status == 412 || (response.status >= 502 && response.status <= 504)) {
    result.outcome = Outcome::transient_error;
  } else {
    result.outcome = Outcome::permanent_error;
  }
  return result;
}

std::string join(const std::string& service_url, const std::string& path) {
  return service_url.ends_with('/') ? service_url + path : service_url + "/" + path;
}

}  // namespace

Connector::Connector(http::HttpClient& client, const commands::Clock& clock,
                     ConnectorOptions options)
    : client_(client), clock_(clock), options_(std::move(options)) {}

std::optional<std::string> Connector::token(DeliveryResult& failed) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  if (!token_.empty() && now + options_.refresh_margin < token_expires_) return token_;
  if (now < token_refused_until_) {
    failed = connector_failure(Outcome::rate_limited,
                               "the token endpoint refused the bot's credentials");
    failed.retry_after = std::chrono::ceil<std::chrono::seconds>(token_refused_until_ - now);
    return std::nullopt;
  }

  http::ClientRequest request;
  request.method = "POST";
  request.url = options_.token_url;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  request.body = "grant_type=client_credentials&client_id=" + http::form_encode(options_.app_id) +
                 "&client_secret=" + http::form_encode(options_.app_password) +
                 "&scope=" + http::form_encode(kScope);
  http::ClientResponse response;
  try {
    response = client_.perform(request);
  } catch (const http::ClientError& error) {
    failed =
        connector_failure(Outcome::transient_error, std::string("token endpoint: ") + error.what());
    return std::nullopt;
  }
  const json body = json::parse(response.body, nullptr, false);
  const std::string access = json_string(body, "access_token");
  if (response.status != 200 || access.empty()) {
    // AADSTS codes say what is wrong (e.g. an expired secret); the body holds no secret.
    std::string why = json_string(body, "error_description");
    why = why.substr(0, why.find('\n')).substr(0, 200);
    spdlog::error("Teams token endpoint answered HTTP {}: {}", response.status,
                  why.empty() ? json_string(body, "error") : why);
    failed = connector_failure(Outcome::transient_error,
                               "token endpoint answered HTTP " + std::to_string(response.status));
    if (response.status >= 400 && response.status < 500) {
      // Wrong or expired credentials: retrying at once cannot help; messages wait for a fix.
      token_refused_until_ = now + kTokenRefusedPause;
      failed.outcome = Outcome::rate_limited;
      failed.retry_after = kTokenRefusedPause;
    }
    return std::nullopt;
  }
  long expires_in = 3600;
  if (body.contains("expires_in") && body["expires_in"].is_number_integer()) {
    expires_in = body["expires_in"].get<long>();
  }
  token_ = access;
  token_expires_ = now + std::chrono::seconds(expires_in);
  return token_;
}

DeliveryResult Connector::call(const std::string& method, const std::string& service_url,
                               const std::string& path, const json& body) {
  if (options_.playground ? !config::is_loopback_url(service_url)
                          : !is_allowed_service_url(service_url, options_.service_url_hosts)) {
    return connector_failure(Outcome::permanent_error, "serviceUrl is not on the allowlist");
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    http::ClientRequest request;
    request.method = method;
    request.url = join(service_url, path);
    request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
    if (!options_.playground) {
      DeliveryResult failed;
      const auto bearer = token(failed);
      if (!bearer) return failed;
      request.headers.emplace_back("Authorization", "Bearer " + *bearer);
    }
    request.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    http::ClientResponse response;
    try {
      response = client_.perform(request);
    } catch (const http::ClientError& error) {
      return connector_failure(Outcome::transient_error, error.what());
    }
    if (response.status == 401 && attempt == 0 && !options_.playground) {
      // The token may have been revoked early: fetch a new one, once.
      std::lock_guard lock(mutex_);
      token_.clear();
      continue;
    }
    if (response.status >= 400) {
      spdlog::warn("Bot Connector answered HTTP {} (operation {})", response.status,
                   std::string(response.header("X-Correlating-OperationId")));
    }
    return classify(response);
  }
  return connector_failure(Outcome::permanent_error, "HTTP 401 with a fresh token");
}

DeliveryResult Connector::send(const std::string& service_url, const std::string& conversation_id,
                               const json& activity) {
  return call("POST", service_url,
              "v3/conversations/" + http::form_encode(conversation_id) + "/activities", activity);
}

DeliveryResult Connector::update(const std::string& service_url, const std::string& conversation_id,
                                 const std::string& activity_id, const json& activity) {
  json body = activity;
  body["id"] = activity_id;
  return call("PUT", service_url,
              "v3/conversations/" + http::form_encode(conversation_id) + "/activities/" +
                  http::form_encode(activity_id),
              body);
}

DeliveryResult Connector::create_personal_chat(const std::string& service_url,
                                               const std::string& tenant,
                                               const std::string& user_id) {
  const json body = {{"isGroup", false},
                     {"bot", {{"id", "28:" + options_.app_id}}},
                     {"members", json::array({{{"id", user_id}}})},
                     {"tenantId", tenant}};
  return call("POST", service_url, "v3/conversations", body);
}

}  // namespace accord::bot::teams
