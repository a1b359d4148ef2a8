// The three Slack endpoints as the server runs them, without the HTTP server: each input is a
// short session of requests, one per line, the first byte of a line choosing the endpoint
// (0 slash command form body, 1 interactive payload JSON, 2 Events API JSON). Every request is
// signed as Slack signs it and runs against a fresh in-memory store, so the whole path is
// exercised: signature, form, JSON, field extraction, neutral request, the core, the rendering.
// Whatever arrives, the answer is a clear status, never an internal error, and the rendered reply
// never turns user text into Slack markup.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "bot/http/form.hpp"
#include "bot/http/message.hpp"
#include "bot/slack/signature.hpp"
#include "bot/slack/slack_routes.hpp"
#include "bot/slack/workspace_tokens.hpp"
#include "commands/core/clock.hpp"
#include "commands/core/dispatcher.hpp"
#include "store/database.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace accord;
using accord::fuzz::check;
using nlohmann::json;

namespace {

constexpr std::string_view kSecret = "fuzz-signing-secret";
constexpr std::size_t kMaxRequests = 8;
// Monday 2025-01-06 09:00 UTC: a working day, so time-dependent workflows run.
constexpr std::int64_t kStartMillis = 1736154000000;

// The routes log an internal failure (an exception in the core) at error level and apologise;
// for input a user can send, that is a finding.
class ErrorTrap final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string last_error;

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    if (message.level >= spdlog::level::err) {
      last_error.assign(message.payload.data(), message.payload.size());
    }
  }
  void flush_() override {}
};

std::shared_ptr<ErrorTrap> error_trap;

// Single-token mode without its source file (which brings the OAuth client, and with it Beast).
struct ServeEveryWorkspace final : bot::slack::WorkspaceTokens {
  bool serves(const std::string&) override { return true; }
  bot::slack::BotToken token_for(const std::string&) override { return {{}, "xoxb-fuzz", {}}; }
  void revoke(const std::string&, const std::string&) override {}
};

struct Session {
  store::Database db{":memory:"};
  commands::ManualClock clock{store::from_millis(kStartMillis)};
  commands::Dispatcher dispatcher{db, clock};
  ServeEveryWorkspace tokens;
  bot::slack::SlackRoutes routes{options(), db, dispatcher, tokens, clock, [] {}};

  static bot::slack::SlackRoutesOptions options() {
    bot::slack::SlackRoutesOptions options;
    options.signing_secret = std::string(kSecret);
    return options;
  }
};

bot::http::Request signed_request(std::string body, const char* content_type) {
  // Signed at the session clock's time: the freshness window is measured on it.
  const auto now = kStartMillis / 1000;
  const std::string timestamp = std::to_string(now);
  bot::http::Request request;
  request.method = "POST";
  request.headers = {
      {"Content-Type", content_type},
      {"X-Slack-Request-Timestamp", timestamp},
      {"X-Slack-Signature", bot::slack::compute_signature(kSecret, timestamp, body)}};
  request.body = std::move(body);
  request.request_id = "fuzz";
  return request;
}

bot::http::Response send(Session& session, char endpoint, std::string_view content) {
  switch (static_cast<unsigned char>(endpoint) % 3) {
    case 0:
      return session.routes.commands(
          signed_request(std::string(content), "application/x-www-form-urlencoded"));
    case 1:
      return session.routes.interactive(signed_request("payload=" + bot::http::form_encode(content),
                                                       "application/x-www-form-urlencoded"));
    default:
      return session.routes.events(signed_request(std::string(content), "application/json"));
  }
}

void check_response(const bot::http::Response& response, std::string_view line) {
  check(error_trap->last_error.empty(), "no internal error on any input",
        error_trap->last_error + "\ninput: " + std::string(line));
  check(response.status < 500, "no 5xx for input a sender controls", line);
  check(response.status != 401, "a correctly signed request is accepted", line);
  if (!response.content_type.starts_with("application/json")) return;
  const json body = json::parse(response.body, nullptr, false);
  check(!body.is_discarded(), "a JSON response is JSON", response.body);
  fuzz::check_rendered(body);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  error_trap = std::make_shared<ErrorTrap>();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("fuzz", error_trap));
  spdlog::set_level(spdlog::level::warn);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Session session;
  for (std::size_t sent = 0; sent < kMaxRequests && !input.empty(); ++sent) {
    const auto newline = input.find('\n');
    const auto line = input.substr(0, newline);
    input = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
    if (line.empty()) continue;
    error_trap->last_error.clear();
    check_response(send(session, line[0], line.substr(1)), line);
  }
  return 0;
}
