// `accord send`: signs a slash command exactly as Slack would and posts it to the running server,
// then prints the reply as readable text — a way to try the bot without a workspace.
#include <chrono>
#include <iostream>

#include <nlohmann/json.hpp>

#include "bot/cli/maintenance.hpp"
#include "bot/http/client.hpp"
#include "bot/http/form.hpp"
#include "bot/local_server.hpp"
#include "bot/slack/blocks.hpp"
#include "bot/slack/signature.hpp"
#include "bot/slack/signing_secret.hpp"

namespace accord::bot {

int send(const config::Settings& settings, const SendOptions& options) {
  const std::string secret = slack::signing_secret(settings, false);
  if (secret.empty()) {
    std::cerr << "accord send: no signing secret. Set ACCORD_SLACK_SIGNING_SECRET, or start "
                 "`accord serve` once with the same data directory to create a development one.\n";
    return 2;
  }

  std::string text = options.text;
  if (text.rfind("/accord", 0) == 0) text = text.substr(7);
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);

  const std::string body = "token=accord-send&team_id=" + http::form_encode(options.team) +
                           "&team_domain=local&channel_id=" + http::form_encode(options.channel) +
                           "&channel_name=local&user_id=" + http::form_encode(options.user) +
                           "&user_name=" + http::form_encode(options.user) +
                           "&command=%2Faccord&text=" + http::form_encode(text) +
                           "&api_app_id=ALOCAL";  // no trigger_id: a terminal cannot show a form
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const std::string timestamp = std::to_string(now);

  http::ClientRequest request;
  request.url = local_server_url(settings) + "/slack/commands";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"X-Slack-Request-Timestamp", timestamp},
                     {"X-Slack-Signature", slack::compute_signature(secret, timestamp, body)}};
  request.body = body;

  try {
    http::HttpClient client(
        local_server_client(settings, std::chrono::seconds(10), options.server_name));
    const auto response = client.perform(request);
    if (response.status != 200) {
      std::cerr << "accord send: the server answered HTTP " << response.status << ": "
                << response.body;
      return 1;
    }
    const auto reply = nlohmann::json::parse(response.body, nullptr, false);
    if (reply.is_discarded()) {
      std::cout << response.body << "\n";
      return 0;
    }
    if (reply.value("response_type", "") == "in_channel") std::cout << "(posted in the channel)\n";
    std::cout << slack::blocks_to_text(reply);
    return 0;
  } catch (const http::CertificateError& error) {
    std::cerr
        << "accord send: cannot reach " << request.url << ": " << error.what()
        << "\nThe server's certificate is trusted when the system's CAs, ACCORD_EXTRA_CA_FILE "
           "or the server's own certificate file vouch for it, and it must name the host "
           "connected to: give the name it was issued for with --servername.\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "accord send: cannot reach " << request.url << ": " << error.what()
              << "\nIs `accord serve` running with the same settings?\n";
    return 1;
  }
}

}  // namespace accord::bot
