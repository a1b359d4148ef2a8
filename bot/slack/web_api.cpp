#include "bot/slack/web_api.hpp"

#include "bot/slack/json_fields.hpp"

#include <charconv>
#include <optional>
#include <variant>

namespace accord::bot::slack {
namespace {

using Outcome = ApiResult::Outcome;

std::chrono::seconds parse_retry_after(std::string_view value) {
  long seconds = 1;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error != std::errc{} || seconds < 1) seconds = 1;
  return std::chrono::seconds(seconds);
}

// Status-level classification shared by API calls and response_url posts.
std::optional<ApiResult> classify_status(const http::ClientResponse& response) {
  ApiResult result;
  if (response.status == 429) {
    result.outcome = Outcome::rate_limited;
    result.retry_after = parse_retry_after(response.header("Retry-After"));
    result.error = "ratelimited";
    return result;
  }
  if (response.status >= 500) {
    result.outcome = Outcome::transient_error;
    result.error = "HTTP " + std::to_string(response.status);
    return result;
  }
  return std::nullopt;
}

// Sends a JSON POST. Returns the response, or the failed result when the call already failed
// (network error, 429, 5xx) and there is nothing more to read.
std::variant<http::ClientResponse, ApiResult> post_json(http::HttpClient& client, std::string url,
                                                        std::string body,
                                                        const std::string& bearer_token) {
  http::ClientRequest request;
  request.url = std::move(url);
  request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  if (!bearer_token.empty())
    request.headers.emplace_back("Authorization", "Bearer " + bearer_token);
  request.body = std::move(body);
  http::ClientResponse response;
  try {
    response = client.perform(request);
  } catch (const std::exception& error) {
    ApiResult failed;
    failed.outcome = Outcome::transient_error;
    failed.error = error.what();
    return failed;
  }
  if (auto by_status = classify_status(response)) return *by_status;
  return response;
}

}  // namespace

bool is_transient_slack_error(const std::string& error) {
  return error == "ratelimited" || error == "rate_limited" || error == "internal_error" ||
         error == "fatal_error" || error == "service_unavailable" || error == "request_timeout" ||
         error == "team_added_to_org";
}

HttpSlackApi::HttpSlackApi(http::HttpClient& client, std::string api_base)
    : client_(client), api_base_(std::move(api_base)) {
  while (!api_base_.empty() && api_base_.back() == '/') api_base_.pop_back();
}

ApiResult HttpSlackApi::call(const std::string& bot_token, const std::string& method,
                             const nlohmann::json& arguments) {
  auto sent = post_json(client_, api_base_ + "/" + method, arguments.dump(), bot_token);
  if (auto* failed = std::get_if<ApiResult>(&sent)) return *failed;
  const auto& response = std::get<http::ClientResponse>(sent);

  ApiResult result;
  result.body = nlohmann::json::parse(response.body, nullptr, false);
  if (result.body.is_discarded() || !result.body.is_object()) {
    result.outcome = Outcome::transient_error;
    result.error = "unreadable response (HTTP " + std::to_string(response.status) + ")";
    return result;
  }
  const auto ok = result.body.find("ok");
  if (ok != result.body.end() && ok->is_boolean() && ok->get<bool>()) return result;
  result.error = json_string(result.body, "error");
  if (result.error.empty()) result.error = "unknown_error";
  result.outcome =
      is_transient_slack_error(result.error) ? Outcome::transient_error : Outcome::permanent_error;
  return result;
}

ApiResult HttpSlackApi::respond(const std::string& response_url, const nlohmann::json& message) {
  // No token: the URL itself is the credential.
  auto sent = post_json(client_, response_url, message.dump(), {});
  if (auto* failed = std::get_if<ApiResult>(&sent)) return *failed;
  const auto& response = std::get<http::ClientResponse>(sent);
  ApiResult result;
  if (response.status >= 400) {
    // Expired (30 minutes) or used up (5 posts) hooks answer 4xx: retrying cannot help.
    result.outcome = Outcome::permanent_error;
    result.error = "response_url answered HTTP " + std::to_string(response.status);
  }
  return result;
}

}  // namespace accord::bot::slack
