#include "bot/slack/slack_routes.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "bot/slack/blocks.hpp"
#include "bot/slack/form.hpp"
#include "bot/slack/signature.hpp"
#include "commands/home.hpp"
#include "store/inbound_events.hpp"
#include "store/outbox.hpp"

namespace accord::bot::slack {
namespace {

using nlohmann::json;

constexpr const char* kTimestampHeader = "X-Slack-Request-Timestamp";
constexpr const char* kSignatureHeader = "X-Slack-Signature";

bool has_content_type(const http::Request& request, std::string_view type) {
  const auto value = request.header("Content-Type");
  return value.substr(0, type.size()) == type;
}

// A reply the user sees when the server itself failed: nothing was changed, and the reference
// lets an operator find the log line.
commands::Reply internal_error_reply(const std::string& request_id) {
  commands::Reply reply;
  reply.message.sections.push_back(
      {commands::Text("Sorry, Accord hit an internal error and nothing was changed. Please try "
                      "again in a moment. Reference: ")
           .code(request_id),
       {}});
  return reply;
}

json render_reply(const commands::Reply& reply) {
  json body = render_message(reply.message);
  body["response_type"] =
      reply.visibility == commands::Visibility::channel ? "in_channel" : "ephemeral";
  return body;
}

std::string json_string(const json& object, const char* key) {
  const auto it = object.find(key);
  return (it != object.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

// Slack nests ids in objects that may be null (org installs): {"team": {"id": ...}}.
std::string nested_id(const json& object, const char* key) {
  const auto it = object.find(key);
  return (it != object.end() && it->is_object()) ? json_string(*it, "id") : std::string();
}

}  // namespace

SlackRoutes::SlackRoutes(SlackRoutesOptions options, store::Database& db,
                         commands::Dispatcher& dispatcher, const commands::Clock& clock,
                         std::function<void()> wake_outbox)
    : options_(std::move(options)),
      db_(db),
      dispatcher_(dispatcher),
      clock_(clock),
      wake_outbox_(std::move(wake_outbox)) {}

std::optional<http::Response> SlackRoutes::reject_unverified(const http::Request& request) const {
  if (request.header_count(kTimestampHeader) > 1 || request.header_count(kSignatureHeader) > 1) {
    spdlog::warn("refused: duplicated Slack signature headers");
    return http::Response::text(400, "duplicated signature headers\n");
  }
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
  const auto result = verify_signature(options_.signing_secret, request.header(kTimestampHeader),
                                       request.header(kSignatureHeader), request.body, now,
                                       options_.signature_window);
  if (result == SignatureCheck::ok) return std::nullopt;
  spdlog::warn("refused: {}", describe(result));
  return http::Response::text(401, std::string("unauthorized: ") + describe(result) + "\n");
}

http::Response SlackRoutes::commands(const http::Request& request) {
  // Slack's SSL check pings are unsigned; answer them and do nothing else.
  if (request.body.rfind("ssl_check=1", 0) == 0 ||
      request.body.find("&ssl_check=1") != std::string::npos) {
    const auto form = decode_form(request.body);
    if (form && form->value("ssl_check") == "1") return http::Response::empty(200);
  }
  if (auto refused = reject_unverified(request)) return *refused;
  if (!has_content_type(request, "application/x-www-form-urlencoded")) {
    return http::Response::text(415, "expected application/x-www-form-urlencoded\n");
  }
  const auto form = decode_form(request.body);
  if (!form) return http::Response::text(400, "malformed form body\n");

  commands::Request neutral;
  neutral.platform = commands::Platform::slack;
  neutral.workspace = form->value("team_id");
  neutral.channel = form->value("channel_id");
  neutral.user = form->value("user_id");
  neutral.text = form->value("text");
  if (neutral.workspace.empty() || neutral.channel.empty() || neutral.user.empty() ||
      !form->get("command")) {
    return http::Response::text(400, "missing team_id, channel_id, user_id or command\n");
  }

  commands::Reply reply;
  try {
    reply = dispatcher_.handle(neutral);
  } catch (const std::exception& error) {
    spdlog::error("command failed: {}", error.what());
    reply = internal_error_reply(request.request_id);
  }
  wake_outbox_();
  return http::Response::json(200, render_reply(reply).dump());
}

http::Response SlackRoutes::interactive(const http::Request& request) {
  if (auto refused = reject_unverified(request)) return *refused;
  const auto form = decode_form(request.body);
  if (!form || !form->get("payload")) return http::Response::text(400, "missing payload\n");
  const json payload = json::parse(form->value("payload"), nullptr, false);
  if (payload.is_discarded() || !payload.is_object()) {
    return http::Response::text(400, "payload is not a JSON object\n");
  }

  const std::string type = json_string(payload, "type");
  if (type != "block_actions") {
    spdlog::info("interaction type '{}' acknowledged without action", type);
    return http::Response::empty(200);
  }
  const auto actions = payload.find("actions");
  const auto user = payload.find("user");
  if (actions == payload.end() || !actions->is_array() || user == payload.end() ||
      !user->is_object()) {
    return http::Response::text(400, "block_actions payload without user or actions\n");
  }

  commands::Request neutral;
  neutral.platform = commands::Platform::slack;
  neutral.user = json_string(*user, "id");
  neutral.workspace = nested_id(payload, "team");
  if (neutral.workspace.empty()) neutral.workspace = json_string(*user, "team_id");
  neutral.channel = nested_id(payload, "channel");
  if (neutral.channel.empty() && payload.contains("container") &&
      payload["container"].is_object()) {
    neutral.channel = json_string(payload["container"], "channel_id");
  }
  const std::string response_url = json_string(payload, "response_url");

  for (const auto& action : *actions) {
    if (!action.is_object()) continue;
    neutral.action_id = neutral_action_id(json_string(action, "action_id"));
    neutral.action_value = json_string(action, "value");
    commands::Reply reply;
    try {
      reply = dispatcher_.handle(neutral);
    } catch (const std::exception& error) {
      spdlog::error("action failed: {}", error.what());
      reply = internal_error_reply(request.request_id);
    }
    // The answer to a click is a message, not the HTTP response: it goes through the outbox.
    store::OutboxItem item;
    item.workspace = neutral.workspace;
    json payload_json = commands::to_json(reply.message);
    payload_json["visibility"] =
        reply.visibility == commands::Visibility::channel ? "channel" : "requester_only";
    item.payload = payload_json.dump();
    if (!response_url.empty()) {
      item.kind = store::OutboxKind::response_url;
      item.target = response_url;
    } else {
      item.kind = store::OutboxKind::direct_message;
      item.target = neutral.user;
    }
    item.dedupe_key = "slack:action:" + neutral.workspace + ":" + neutral.user + ":" +
                      json_string(action, "action_ts") + ":" + json_string(action, "action_id");
    item.created_at = item.next_attempt_at = clock_.now();
    store::Transaction tx(db_);
    store::Outbox(db_).enqueue(item);
    tx.commit();
  }
  wake_outbox_();
  return http::Response::empty(200);
}

http::Response SlackRoutes::events(const http::Request& request) {
  if (auto refused = reject_unverified(request)) return *refused;
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return http::Response::text(400, "body is not a JSON object\n");
  }
  const std::string type = json_string(body, "type");
  if (type == "url_verification") {
    return http::Response::json(200, json{{"challenge", json_string(body, "challenge")}}.dump());
  }
  if (type == "event_callback") return handle_event_callback(request, body);
  spdlog::info("event envelope '{}' acknowledged without action", type);
  return http::Response::empty(200);
}

http::Response SlackRoutes::handle_event_callback(const http::Request& request, const json& body) {
  const std::string event_id = json_string(body, "event_id");
  const auto event = body.find("event");
  if (event_id.empty() || event == body.end() || !event->is_object()) {
    return http::Response::text(400, "event_callback without event_id or event\n");
  }
  const std::string event_type = json_string(*event, "type");
  const std::string team = json_string(body, "team_id");
  const std::string user = json_string(*event, "user");
  const bool home_opened =
      event_type == "app_home_opened" && !user.empty() && json_string(*event, "tab") != "messages";

  std::optional<commands::Message> home;
  if (home_opened) home = commands::build_home(db_, commands::Platform::slack, team, user);

  const auto now = clock_.now();
  store::Transaction tx(db_);
  store::InboundEvents events(db_);
  if (now.time_since_epoch().count() >= next_prune_ms_.load()) {
    next_prune_ms_ = store::to_millis(now + std::chrono::hours(1));
    events.forget_before(now - options_.event_dedupe_retention);
  }
  if (!events.remember("slack", event_id, now)) {
    spdlog::info("event {} already processed (retry {}), acknowledged", event_id,
                 std::string(request.header("X-Slack-Retry-Num")));
    return http::Response::empty(200);
  }
  if (home) {
    store::OutboxItem item;
    item.workspace = team;
    item.kind = store::OutboxKind::home_view;
    item.target = user;
    item.payload = commands::to_json(*home).dump();
    item.dedupe_key = "slack:event:" + event_id;
    item.created_at = item.next_attempt_at = clock_.now();
    store::Outbox(db_).enqueue(item);
  } else {
    spdlog::info("event type '{}' acknowledged without action", event_type);
  }
  tx.commit();
  if (home) wake_outbox_();
  return http::Response::empty(200);
}

}  // namespace accord::bot::slack
