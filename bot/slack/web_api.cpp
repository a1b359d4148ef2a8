#include "bot/slack/web_api.hpp"

#include <charconv>
#include <optional>

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

ApiResult network_failure(const std::exception& error) {
  ApiResult result;
  result.outcome = Outcome::transient_error;
  result.error = error.what();
  return result;
}

}  // namespace

bool is_transient_slack_error(const std::string& error) {
  return error == "ratelimited" || error == "rate_limited" || error == "internal_error" ||
         error == "fatal_error" || error == "service_unavailable" || error == "request_timeout" ||
         error == "team_added_to_org";
}

HttpSlackApi::HttpSlackApi(http::HttpClient& client, std::string api_base, std::string bot_token)
    : client_(client), api_base_(std::move(api_base)), bot_token_(std::move(bot_token)) {
  while (!api_base_.empty() && api_base_.back() == '/') api_base_.pop_back();
}

ApiResult HttpSlackApi::call(const std::string& method, const nlohmann::json& arguments) {
  http::ClientRequest request;
  request.url = api_base_ + "/" + method;
  request.headers = {{"Content-Type", "application/json; charset=utf-8"},
                     {"Authorization", "Bearer " + bot_token_}};
  request.body = arguments.dump();
  http::ClientResponse response;
  try {
    response = client_.perform(request);
  } catch (const std::exception& error) {
    return network_failure(error);
  }
  if (auto by_status = classify_status(response)) return *by_status;

  ApiResult result;
  result.body = nlohmann::json::parse(response.body, nullptr, false);
  if (result.body.is_discarded() || !result.body.is_object()) {
    result.outcome = Outcome::transient_error;
    result.error = "unreadable response (HTTP " + std::to_string(response.status) + ")";
    return result;
  }
  if (result.body.value("ok", false)) return result;
  result.error = result.body.value("error", "unknown_error");
  result.outcome =
      is_transient_slack_error(result.error) ? Outcome::transient_error : Outcome::permanent_error;
  return result;
}

ApiResult HttpSlackApi::respond(const std::string& response_url, const nlohmann::json& message) {
  http::ClientRequest request;
  request.url = response_url;
  request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  request.body = message.dump();
  http::ClientResponse response;
  try {
    response = client_.perform(request);
  } catch (const std::exception& error) {
    return network_failure(error);
  }
  if (auto by_status = classify_status(response)) return *by_status;
  ApiResult result;
  if (response.status >= 400) {
    // Expired (30 minutes) or used up (5 posts) hooks answer 4xx: retrying cannot help.
    result.outcome = Outcome::permanent_error;
    result.error = "response_url answered HTTP " + std::to_string(response.status);
  }
  return result;
}

}  // namespace accord::bot::slack
