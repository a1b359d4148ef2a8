#include "bot/slack/web_api.hpp"

#include "bot/json_fields.hpp"

#include <cctype>
#include <charconv>
#include <optional>
#include <variant>

namespace accord::bot::slack {
namespace {

using Outcome = ApiResult::Outcome;

constexpr const char* kJson = "application/json; charset=utf-8";

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

// Methods that read: Slack takes their arguments from a form or the query, not a JSON body.
bool takes_form(std::string_view method) {
  return method == "users.info" || method == "conversations.info" || method == "auth.test";
}

// A flat JSON object as application/x-www-form-urlencoded (strings as they are, others dumped).
std::string form_body(const nlohmann::json& arguments) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const auto& [key, value] : arguments.items()) {
    if (!out.empty()) out += '&';
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    for (const std::string* part : {&key, &text}) {
      for (const char ch : *part) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
          out += static_cast<char>(c);
        } else {
          out += '%';
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        }
      }
      if (part == &key) out += '=';
    }
  }
  return out;
}

// Sends a POST. Returns the response, or the failed result when the call already failed
// (network error, 429, 5xx) and there is nothing more to read.
std::variant<http::ClientResponse, ApiResult> post(http::HttpClient& client, std::string url,
                                                   std::string body, const char* content_type,
                                                   const std::string& bearer_token) {
  http::ClientRequest request;
  request.url = std::move(url);
  request.headers = {{"Content-Type", content_type}};
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

// What a Web API method answered: ok, or its error classified.
ApiResult api_result(const std::variant<http::ClientResponse, ApiResult>& sent) {
  if (const auto* failed = std::get_if<ApiResult>(&sent)) return *failed;
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
  if (!takes_form(method)) return call_with_body(bot_token, method, arguments.dump());
  return api_result(post(client_, api_base_ + "/" + method, form_body(arguments),
                         "application/x-www-form-urlencoded", bot_token));
}

ApiResult HttpSlackApi::call_with_body(const std::string& bot_token, const std::string& method,
                                       std::string json_body) {
  return api_result(
      post(client_, api_base_ + "/" + method, std::move(json_body), kJson, bot_token));
}

ApiResult HttpSlackApi::respond(const std::string& response_url, std::string message_json) {
  // No token: the URL itself is the credential.
  auto sent = post(client_, response_url, std::move(message_json), kJson, {});
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
