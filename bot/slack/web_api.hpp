// Calls to the Slack Web API and to response_url webhooks, classified into what the outbox worker
// needs to decide: delivered, rate limited (wait Retry-After), transient (back off and retry) or
// permanent (give up and record why).
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/delivery_result.hpp"
#include "bot/http/client.hpp"

namespace accord::bot::slack {

using ApiResult = DeliveryResult;

class SlackApi {
 public:
  virtual ~SlackApi() = default;
  // POST https://<api base>/<method> with a JSON body and the bot token of the workspace the call
  // is for.
  virtual ApiResult call(const std::string& bot_token, const std::string& method,
                         const nlohmann::json& arguments) = 0;
  // The same with the JSON body written already (a rendered message: render_message).
  virtual ApiResult call_with_body(const std::string& bot_token, const std::string& method,
                                   std::string json_body) = 0;
  // POST a message (JSON text: render_message) to a response_url (no token: the URL itself is
  // the credential).
  virtual ApiResult respond(const std::string& response_url, std::string message_json) = 0;
};

class HttpSlackApi final : public SlackApi {
 public:
  HttpSlackApi(http::HttpClient& client, std::string api_base);

  ApiResult call(const std::string& bot_token, const std::string& method,
                 const nlohmann::json& arguments) override;
  ApiResult call_with_body(const std::string& bot_token, const std::string& method,
                           std::string json_body) override;
  ApiResult respond(const std::string& response_url, std::string message_json) override;

 private:
  http::HttpClient& client_;
  std::string api_base_;
};

// Whether an `ok: false` error code is worth retrying (Slack-side trouble) or final.
bool is_transient_slack_error(const std::string& error);

}  // namespace accord::bot::slack
