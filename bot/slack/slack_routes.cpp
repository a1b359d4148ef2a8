#include "bot/slack/slack_routes.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "bot/guarded_dispatch.hpp"
#include "bot/slack/blocks.hpp"
#include "bot/slack/form.hpp"
#include "bot/slack/json_fields.hpp"
#include "bot/slack/signature.hpp"
#include "commands/core/command_line.hpp"
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

// The workspace of an event whose envelope has no team_id: its first authorization's.
std::string event_team(const json& body) {
  const auto authorizations = body.find("authorizations");
  if (authorizations == body.end() || !authorizations->is_array() || authorizations->empty()) {
    return {};
  }
  return json_string(authorizations->front(), "team_id");
}

// app_uninstalled always ends the bot token; tokens_revoked may name only user tokens (which
// Accord does not keep), so it counts when it lists bot tokens or does not say.
bool revokes_bot_token(const json& event) {
  if (json_string(event, "type") == "app_uninstalled") return true;
  const auto tokens = event.find("tokens");
  if (tokens == event.end() || !tokens->is_object()) return true;
  const auto bot = tokens->find("bot");
  return bot != tokens->end() && bot->is_array() && !bot->empty();
}

json render_reply(const commands::Reply& reply) {
  json body = render_message(reply.message);
  body["response_type"] =
      reply.visibility == commands::Visibility::channel ? "in_channel" : "ephemeral";
  return body;
}

}  // namespace

SlackRoutes::SlackRoutes(SlackRoutesOptions options, store::Database& db,
                         commands::Dispatcher& dispatcher, WorkspaceTokens& workspaces,
                         const commands::Clock& clock, std::function<void()> wake_outbox)
    : options_(std::move(options)),
      db_(db),
      dispatcher_(dispatcher),
      workspaces_(workspaces),
      clock_(clock),
      wake_outbox_(std::move(wake_outbox)) {}

std::optional<http::Response> SlackRoutes::reject_unverified(const http::Request& request) const {
  if (request.header_count(kTimestampHeader) > 1 || request.header_count(kSignatureHeader) > 1) {
    spdlog::warn("refused: duplicated Slack signature headers");
    return http::Response::text(400, "duplicated signature headers\n");
  }
  // On a test clock, the freshness window too is measured on it (DESIGN §8).
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

  // Ids and URLs end up in JSON (the outbox, a form's metadata), which must be valid UTF-8.
  // Slack's are ASCII, so only a forged body is changed; the text is the command parser's to clean.
  const auto field = [&](const char* name) { return commands::valid_utf8(form->value(name)); };
  commands::Request neutral;
  neutral.platform = commands::Platform::slack;
  neutral.workspace = field("team_id");
  neutral.channel = field("channel_id");
  neutral.user = field("user_id");
  neutral.text = form->value("text");
  if (neutral.workspace.empty() || neutral.channel.empty() || neutral.user.empty() ||
      !form->get("command")) {
    return http::Response::text(400, "missing team_id, channel_id, user_id or command\n");
  }

  if (!workspaces_.serves(neutral.workspace)) {
    spdlog::info("command from workspace {}, where Accord is not installed", neutral.workspace);
    return http::Response::json(200, render_reply(not_installed_reply()).dump());
  }

  bool opened_form = false;
  const auto [reply, failed] =
      dispatch(neutral, request.request_id, [&](const commands::Reply& done) {
        opened_form = enqueue_form(neutral, done, field("trigger_id"), field("response_url"));
      });
  wake_outbox_();  // if the command queued a message or set a job
  // A form queued by a workflow that then failed was rolled back with it: the apology answers.
  if (opened_form && !failed) return http::Response::empty(200);  // the modal is the answer
  return http::Response::json(200, render_reply(reply).dump());
}

commands::Reply SlackRoutes::not_installed_reply() const {
  commands::Reply reply;
  reply.message.sections.push_back(
      {commands::Text("Accord is not installed in this workspace. Ask an admin to install it: " +
                      options_.install_url),
       {}});
  return reply;
}

Dispatched SlackRoutes::dispatch(const commands::Request& neutral, const std::string& request_id,
                                 const commands::Dispatcher::BeforeCommit& before_commit) {
  return guarded_dispatch(dispatcher_, neutral, request_id, before_commit);
}

bool SlackRoutes::enqueue_form(const commands::Request& neutral, const commands::Reply& reply,
                               const std::string& trigger_id, const std::string& response_url) {
  if (!reply.form || trigger_id.empty()) return false;
  // What the submission needs and Slack does not send with it: where it came from.
  json metadata = {{"channel", neutral.channel},
                   {"command", reply.form->command},
                   {"response_url", response_url}};
  if (metadata.dump().size() > BlockLimits::private_metadata) metadata.erase("response_url");

  store::OutboxItem item;
  item.workspace = neutral.workspace;
  item.kind = store::OutboxKind::open_form;
  item.target = trigger_id;
  item.payload = json{
      {"form", commands::to_json(*reply.form)},
      {"metadata", metadata.dump()},
      {"fallback", commands::to_json(reply.message)},
      {"response_url",
       response_url}}.dump();
  item.dedupe_key = "slack:form:" + trigger_id;
  item.created_at = item.next_attempt_at = clock_.now();
  store::Outbox(db_).enqueue(item);
  return true;
}

void SlackRoutes::enqueue_reply(const commands::Request& neutral, const commands::Reply& reply,
                                const std::string& response_url, const std::string& dedupe_key) {
  store::OutboxItem item;
  item.workspace = neutral.workspace;
  json payload = commands::to_json(reply.message);
  payload["visibility"] =
      reply.visibility == commands::Visibility::channel ? "channel" : "requester_only";
  item.payload = payload.dump();
  if (!response_url.empty()) {
    item.kind = store::OutboxKind::response_url;
    item.target = response_url;
  } else {
    item.kind = store::OutboxKind::direct_message;
    item.target = neutral.user;
  }
  item.dedupe_key = dedupe_key;
  item.created_at = item.next_attempt_at = clock_.now();
  store::Outbox(db_).enqueue(item);
}

void SlackRoutes::queue_reply(const commands::Request& neutral, const commands::Reply& reply,
                              const std::string& response_url, const std::string& dedupe_key) {
  store::Transaction tx(db_);
  enqueue_reply(neutral, reply, response_url, dedupe_key);
  tx.commit();
  wake_outbox_();
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
  std::string team = json_string(body, "team_id");
  if (team.empty()) team = event_team(body);
  const std::string user = json_string(*event, "user");
  const bool home_opened =
      event_type == "app_home_opened" && !user.empty() && json_string(*event, "tab") != "messages";
  const bool lifecycle = event_type == "app_uninstalled" || event_type == "tokens_revoked";
  if (!lifecycle && !workspaces_.serves(team)) {
    spdlog::info("event '{}' from workspace {}, where Accord is not installed, ignored", event_type,
                 team);
    return http::Response::empty(200);
  }

  const auto now = clock_.now();
  if (now.time_since_epoch().count() >= next_prune_ms_.load()) {
    next_prune_ms_ = store::to_millis(now + std::chrono::hours(1));
    store::Transaction prune(db_);
    store::InboundEvents(db_).forget_before(now - options_.event_dedupe_retention);
    prune.commit();
  }
  if (lifecycle) {
    // Remembered first, so a late retry cannot delete a fresh re-install.
    bool first_time = false;
    {
      store::Transaction tx(db_);
      first_time = store::InboundEvents(db_).remember("slack", event_id, now);
      tx.commit();
    }
    if (first_time && revokes_bot_token(*event)) workspaces_.revoke(team, event_type);
    return http::Response::empty(200);
  }
  store::Transaction tx(db_);
  store::InboundEvents events(db_);
  if (!events.remember("slack", event_id, now)) {
    spdlog::info("event {} already processed (retry {}), acknowledged", event_id,
                 std::string(request.header("X-Slack-Retry-Num")));
    return http::Response::empty(200);
  }
  if (home_opened) {
    // The worker builds the home when it publishes it, so it is as fresh as can be.
    store::OutboxItem item;
    item.workspace = team;
    item.kind = store::OutboxKind::home_view;
    item.target = user;
    item.payload = "{}";
    item.dedupe_key = "slack:event:" + event_id;
    item.created_at = item.next_attempt_at = clock_.now();
    store::Outbox(db_).enqueue(item);
  } else {
    spdlog::info("event type '{}' acknowledged without action", event_type);
  }
  tx.commit();
  if (home_opened) wake_outbox_();
  return http::Response::empty(200);
}

}  // namespace accord::bot::slack
