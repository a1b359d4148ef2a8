#include "bot/slack/slack_routes.hpp"

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "bot/guarded_dispatch.hpp"
#include "bot/http/form.hpp"
#include "bot/json_fields.hpp"
#include "bot/slack/blocks.hpp"
#include "bot/slack/signature.hpp"
#include "commands/core/command_line.hpp"
#include "commands/core/context.hpp"
#include "commands/core/json_text.hpp"
#include "commands/core/names.hpp"
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

// The installation an event was delivered for: its first (and only) authorization's workspace.
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

std::string render_reply(const commands::Reply& reply) {
  return render_message(
      reply.message,
      {.response_type =
           reply.visibility == commands::Visibility::channel ? "in_channel" : "ephemeral"});
}

}  // namespace

// POST /slack/commands: a slash command, answered in the HTTP response (or by the modal it opens).
class SlackRoutes::CommandAdapter final : public SlackRoutes::SlackAdapter {
 public:
  using SlackAdapter::SlackAdapter;

  std::optional<http::Response> verify(const http::Request& request) override {
    // Slack's SSL check pings are unsigned; answer them and do nothing else.
    if (request.body.rfind("ssl_check=1", 0) == 0 ||
        request.body.find("&ssl_check=1") != std::string::npos) {
      const auto form = http::decode_form(request.body);
      if (form && form->value("ssl_check") == "1") return http::Response::empty(200);
    }
    return SlackAdapter::verify(request);
  }

  std::variant<Inbound, http::Response> read(const http::Request& request) override {
    if (!has_content_type(request, "application/x-www-form-urlencoded")) {
      return http::Response::text(415, "expected application/x-www-form-urlencoded\n");
    }
    const auto form = http::decode_form(request.body);
    if (!form) return http::Response::text(400, "malformed form body\n");

    // Ids and URLs end up in JSON (the outbox, a form's metadata), which must be valid UTF-8.
    // Slack's are ASCII, so only a forged body is changed; the text is the parser's to clean.
    const auto field = [&](const char* name) { return commands::valid_utf8(form->value(name)); };
    Inbound inbound;
    auto& neutral = inbound.request;
    neutral.platform = store::Platform::slack;
    neutral.workspace = field("team_id");
    neutral.channel = field("channel_id");
    neutral.user = field("user_id");
    neutral.text = form->value("text");
    if (neutral.workspace.empty() || neutral.channel.empty() || neutral.user.empty() ||
        !form->get("command")) {
      return http::Response::text(400, "missing team_id, channel_id, user_id or command\n");
    }
    trigger_id_ = field("trigger_id");
    response_url_ = field("response_url");
    // Who the text mentions. Their names come from their profiles (users.info): the label Slack
    // puts in a mention is a username, not what people are called.
    for (auto at = neutral.text.find("<@"); at != std::string::npos;
         at = neutral.text.find("<@", at + 2)) {
      const auto end = neutral.text.find('>', at);
      if (end == std::string::npos) break;
      if (auto user = commands::mention_user_id(neutral.text.substr(at, end - at + 1))) {
        neutral.mentions.push_back({store::Platform::slack, std::move(*user), {}});
      }
    }
    return inbound;
  }

  std::optional<http::Response> authorise(const Inbound& inbound) override {
    if (routes_.workspaces_.serves(inbound.request.workspace)) return std::nullopt;
    spdlog::info("command from workspace {}, where Accord is not installed",
                 inbound.request.workspace);
    return http::Response::json(200, render_reply(routes_.not_installed_reply()));
  }

  void queue_reply(const Inbound& inbound, const commands::Reply& reply) override {
    opened_form_ = routes_.enqueue_form(inbound.request, reply, trigger_id_, response_url_);
  }
  // The HTTP answer carries it.
  bool queues_apology(const Inbound& /*inbound*/) const override { return false; }

  http::Response answer(const Inbound& /*inbound*/, const Dispatched& dispatched) override {
    // A form queued by a workflow that then failed was rolled back with it: the apology answers.
    if (opened_form_ && !dispatched.failed) return http::Response::empty(200);  // the modal
    commands::Reply reply = dispatched.reply;
    // A Teams person cannot be mentioned in Slack: they are named instead.
    reply.message =
        commands::shown_on(routes_.db_, std::move(reply.message), store::Platform::slack);
    return http::Response::json(200, render_reply(reply));
  }

 private:
  std::string trigger_id_;
  std::string response_url_;
  bool opened_form_ = false;
};

// POST /slack/events: the Events API. Events are platform events, not requests of a person.
class SlackRoutes::EventAdapter final : public SlackRoutes::SlackAdapter {
 public:
  using SlackAdapter::SlackAdapter;

  std::variant<Inbound, http::Response> read(const http::Request& request) override {
    body_ = json::parse(request.body, nullptr, false);
    if (body_.is_discarded() || !body_.is_object()) {
      return http::Response::text(400, "body is not a JSON object\n");
    }
    const std::string type = json_string(body_, "type");
    if (type == "url_verification") {
      return http::Response::json(200, json{{"challenge", json_string(body_, "challenge")}}.dump());
    }
    if (type != "event_callback") {
      spdlog::info("event envelope '{}' acknowledged without action", type);
      return http::Response::empty(200);
    }
    const std::string event_id = json_string(body_, "event_id");
    const auto event = body_.find("event");
    if (event_id.empty() || event == body_.end() || !event->is_object()) {
      return http::Response::text(400, "event_callback without event_id or event\n");
    }
    retry_ = request.header("X-Slack-Retry-Num");
    event_type_ = json_string(*event, "type");
    Inbound inbound;
    inbound.event = true;
    inbound.repeat_key = event_id;
    inbound.request.platform = store::Platform::slack;
    inbound.request.user = json_string(*event, "user");
    lifecycle_ = event_type_ == "app_uninstalled" || event_type_ == "tokens_revoked";
    // The installation the event was delivered for is its authorization: in a Slack Connect
    // channel the envelope's team_id may name the other organisation (docs/slack_connect.md §3).
    // Losing the installation names the workspace that lost it.
    inbound.request.workspace = lifecycle_ ? json_string(body_, "team_id") : event_team(body_);
    if (inbound.request.workspace.empty()) {
      inbound.request.workspace = lifecycle_ ? event_team(body_) : json_string(body_, "team_id");
    }
    home_opened_ = event_type_ == "app_home_opened" && !inbound.request.user.empty() &&
                   json_string(*event, "tab") != "messages";
    revokes_ = lifecycle_ && revokes_bot_token(*event);
    return inbound;
  }

  std::optional<http::Response> authorise(const Inbound& inbound) override {
    // Losing the installation is news from a workspace Accord may no longer serve.
    if (lifecycle_ || routes_.workspaces_.serves(inbound.request.workspace)) return std::nullopt;
    spdlog::info("event '{}' from workspace {}, where Accord is not installed, ignored",
                 event_type_, inbound.request.workspace);
    return http::Response::empty(200);
  }

  http::Response repeated(const Inbound& inbound) override {
    spdlog::info("event {} already processed (retry {}), acknowledged", inbound.repeat_key, retry_);
    return http::Response::empty(200);
  }

  void handle_event(const Inbound& inbound) override {
    if (!home_opened_) {
      if (!lifecycle_) spdlog::info("event type '{}' acknowledged without action", event_type_);
      return;
    }
    // The worker builds the home when it publishes it, so it is as fresh as can be.
    store::OutboxItem item;
    item.workspace = inbound.request.workspace;
    item.kind = store::OutboxKind::home_view;
    item.target = inbound.request.user;
    item.payload = "{}";
    item.dedupe_key = "slack:event:" + inbound.repeat_key;
    item.created_at = item.next_attempt_at = routes_.clock_.now();
    store::Outbox(routes_.db_).enqueue(item);
  }

  void queue_reply(const Inbound& /*inbound*/, const commands::Reply& /*reply*/) override {}
  bool queues_apology(const Inbound& /*inbound*/) const override { return false; }

  http::Response answer(const Inbound& inbound, const Dispatched& /*dispatched*/) override {
    // Recorded as processed first, so a late retry cannot delete a fresh re-install.
    if (revokes_) routes_.workspaces_.revoke(inbound.request.workspace, event_type_);
    return http::Response::empty(200);
  }

 private:
  json body_;
  std::string retry_;
  std::string event_type_;
  bool home_opened_ = false;
  bool lifecycle_ = false;
  bool revokes_ = false;
};

SlackRoutes::SlackRoutes(SlackRoutesOptions options, store::Database& db,
                         commands::Dispatcher& dispatcher, WorkspaceTokens& workspaces,
                         const commands::Clock& clock, std::function<void()> wake_outbox)
    : options_(std::move(options)),
      db_(db),
      workspaces_(workspaces),
      clock_(clock),
      wake_outbox_(std::move(wake_outbox)),
      pipeline_(db, dispatcher, clock, options_.event_dedupe_retention, wake_outbox_) {}

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
  CommandAdapter adapter(*this);
  return pipeline_.run(adapter, request);
}

http::Response SlackRoutes::events(const http::Request& request) {
  EventAdapter adapter(*this);
  return pipeline_.run(adapter, request);
}

commands::Reply SlackRoutes::not_installed_reply() const {
  commands::Reply reply;
  reply.message.sections.push_back(commands::paragraph(
      commands::Text("Accord is not installed in this workspace. Ask an admin to install it: " +
                     options_.install_url)));
  return reply;
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
  // Written as text: the form and its fallback message are JSON text already.
  commands::json_text::Document payload;
  auto& out = payload.out();
  out.StartObject();
  out.Key("form");
  commands::json_text::put_raw(out, commands::form_json(*reply.form));
  commands::json_text::put(out, "metadata", metadata.dump());
  out.Key("fallback");
  commands::json_text::put_raw(out, commands::message_json(reply.message));
  commands::json_text::put(out, "response_url", response_url);
  out.EndObject();
  item.payload = payload.str();
  item.dedupe_key = "slack:form:" + trigger_id;
  item.created_at = item.next_attempt_at = clock_.now();
  store::Outbox(db_).enqueue(item);
  return true;
}

void SlackRoutes::enqueue_reply(const commands::Request& neutral, const commands::Reply& reply,
                                const std::string& response_url, const std::string& dedupe_key) {
  store::OutboxItem item;
  item.workspace = neutral.workspace;
  item.payload = commands::reply_json(reply);
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

}  // namespace accord::bot::slack
