#include "bot/teams/teams_routes.hpp"

#include <spdlog/spdlog.h>

#include "bot/teams/card_actions.hpp"
#include "bot/teams/cards.hpp"
#include "bot/teams/conversation_references.hpp"
#include "bot/teams/delivery.hpp"
#include "commands/core/command_line.hpp"
#include "commands/core/context.hpp"
#include "commands/core/names.hpp"
#include "config/settings.hpp"
#include "store/outbox.hpp"
#include "store/projects.hpp"
#include "store/teams_conversations.hpp"

namespace accord::bot::teams {
namespace {

using nlohmann::json;

constexpr const char* kCardActionInvoke = "adaptiveCard/action";

http::Response invoke_answer(const json& body) {
  return http::Response::json(200, body.dump(-1, ' ', false, json::error_handler_t::replace));
}

// What the person is told when a form they submitted has problems: each field and why.
std::string field_problems(const commands::Reply& reply) {
  std::string text = "Nothing was changed:";
  for (const auto& [field, problem] : reply.field_errors) text += " " + field + ": " + problem;
  return text;
}

}  // namespace

// One activity through the pipeline: the token (or, in Playground mode, this machine) proves it,
// the activity's id is what a re-delivery is recognised by.
class TeamsRoutes::ActivityAdapter final : public InboundAdapter {
 public:
  explicit ActivityAdapter(TeamsRoutes& routes) : routes_(routes) {}

  store::Platform platform() const override { return store::Platform::teams; }

  std::optional<http::Response> verify(const http::Request& request) override {
    const auto headers = request.header_count("Authorization");
    if (routes_.playground_ && headers == 0) return verify_local(request);
    // The token first: nothing of an unauthenticated body is read (reference/teams.md §2.2).
    if (headers != 1) {
      spdlog::warn("refused: {} Authorization headers on /api/messages", headers);
      return rejection_response({AuthOutcome::unauthorized, "Authorization header count"});
    }
    const auto verified = routes_.auth_.verify_token(request.header("Authorization"));
    if (!verified.result.ok()) {
      spdlog::warn("refused: {}", verified.result.reason);
      return rejection_response(verified.result);
    }
    if (auto bad = read_body(request)) return bad;
    if (const auto bound = routes_.auth_.check_activity(verified.token, body_); !bound.ok()) {
      spdlog::warn("refused: {}", bound.reason);
      return rejection_response(bound);
    }
    return std::nullopt;
  }

  std::variant<Inbound, http::Response> read(const http::Request& /*request*/) override {
    activity_ = parse_activity(body_);
    if (activity_.tenant.empty() || activity_.conversation_id.empty() ||
        activity_.from.id.empty()) {
      return http::Response::text(400, "activity without tenant, conversation or sender\n");
    }
    keep_references(routes_.db_, activity_, routes_.clock_.now());
    Inbound inbound;
    // Until its work commits, the activity is not processed: a failure (the server answers
    // 500) or a crash leaves it for Teams' next delivery.
    inbound.repeat_key = activity_.id.empty() ? std::string() : activity_.unique_id();
    auto& neutral = inbound.request;
    neutral.platform = store::Platform::teams;
    neutral.workspace = activity_.tenant;
    neutral.channel = activity_.base_conversation();
    neutral.user = activity_.from.id;
    neutral.user_name = activity_.from.name;
    if (activity_.type == "installationUpdate" || activity_.type == "conversationUpdate") {
      inbound.event = true;
      return inbound;
    }
    if (activity_.type == "message") {
      dedupe_key_ = "teams:reply:" + activity_.unique_id();
      if (activity_.value.is_null()) {
        neutral.text = activity_.command_text();
        if (neutral.text.empty()) neutral.text = "help";
        neutral.typed_in_public = !activity_.personal();
        for (const auto& person : activity_.mentioned_people()) {
          neutral.mentions.push_back({store::Platform::teams, person.id, person.name});
        }
        return inbound;
      }
      // An Action.Submit from a client without Action.Execute: the same action, answered by
      // message.
      action_ = parse_card_action(activity_.value);
      if (!action_) return http::Response::empty(200);
    } else if (activity_.type == "invoke") {
      invoke_ = true;
      if (activity_.name != kCardActionInvoke) {
        spdlog::info("invoke '{}' is not handled", activity_.name.substr(0, 60));
        return invoke_answer(invoke_error_response(400, "NotSupported",
                                                   "Accord does not handle this kind of action."));
      }
      action_ = parse_card_action(activity_.value);
      if (!action_) {
        return invoke_answer(
            invoke_error_response(400, "BadRequest", "This card action is not one Accord knows."));
      }
      dedupe_key_ = "teams:invoke:" + activity_.unique_id();
      submitted_ = action_->action_id == commands::kSubmitFormAction;
      store::Transaction tx(routes_.db_);
      before_ = store::Outbox(routes_.db_).last_id();
    } else {
      spdlog::info("Teams activity '{}' acknowledged without action", activity_.type.substr(0, 40));
      return http::Response::empty(200);
    }
    neutral.action_id = action_->action_id;
    neutral.action_value = action_->action_value;
    neutral.form_values = action_->form_values;
    return inbound;
  }

  // The Bot Framework token is the app's own: every tenant that added the app may use it.
  std::optional<http::Response> authorise(const Inbound& /*inbound*/) override {
    return std::nullopt;
  }

  http::Response repeated(const Inbound& /*inbound*/) override {
    if (invoke_) return invoke_answer(invoke_message_response("Accord already has this."));
    return http::Response::empty(200);
  }

  void handle_event(const Inbound& /*inbound*/) override { routes_.on_installation(activity_); }

  void queue_reply(const Inbound& /*inbound*/, const commands::Reply& done) override {
    if (!invoke_) {
      if (done.field_errors.empty()) return routes_.enqueue_reply(activity_, done, dedupe_key_);
      // From a client without Action.Execute: the problems come as a message; nothing changed.
      commands::Reply problems;
      problems.message.sections.push_back(
          commands::paragraph(commands::Text(field_problems(done))));
      return routes_.enqueue_reply(activity_, problems, dedupe_key_);
    }
    if ((submitted_ && done.form) || !done.field_errors.empty()) return;  // answered below
    // The card the click was made on changed (it was decided): the answer is its new form,
    // which Teams shows at once; the queued update brings every other copy along.
    changed_ = routes_.changed_card(activity_, before_);
    // A form goes to the person; everyone in the channel sees what Slack would post there; a
    // reply with buttons is kept. Otherwise the HTTP answer is all there is.
    if (done.form ||
        (!changed_ && !submitted_ &&
         (!done.message.buttons.empty() || done.visibility == commands::Visibility::channel))) {
      routes_.enqueue_reply(activity_, done, dedupe_key_);
    }
  }

  // A message's apology comes as a message; a click's is its HTTP answer (and the click is not
  // recorded, so Teams' re-delivery runs it again).
  bool queues_apology(const Inbound& /*inbound*/) const override { return !invoke_; }
  void queue_apology(const Inbound& /*inbound*/, const commands::Reply& apology) override {
    routes_.enqueue_reply(activity_, apology, dedupe_key_);
  }

  http::Response answer(const Inbound& inbound, const Dispatched& dispatched) override {
    if (inbound.event || !invoke_) return http::Response::empty(200);
    if (dispatched.failed) changed_.reset();  // rolled back with the workflow
    const auto& reply = dispatched.reply;
    if (submitted_ && reply.form) {
      // The form again, with what was typed and what is wrong: it replaces the one submitted.
      return invoke_answer(
          invoke_card_response(form_card(*reply.form, reply.field_errors, action_->form_values)));
    }
    if (!reply.field_errors.empty()) {
      return invoke_answer(invoke_message_response(in_teams_words(field_problems(reply))));
    }
    if (changed_) return invoke_answer(invoke_card_response(*changed_));
    if (reply.form) {
      return invoke_answer(invoke_message_response("Accord sent you a form: " + reply.form->title));
    }
    if (submitted_) {
      // A submitted form card becomes the outcome, so it cannot be sent twice.
      json card;
      {
        store::Transaction tx(routes_.db_);
        card = card_for(routes_.db_, activity_.tenant, json::object(), reply.message);
      }
      return invoke_answer(invoke_card_response(card));
    }
    // A Slack person cannot be mentioned in Teams: they are named instead.
    const auto shown = commands::shown_on(routes_.db_, reply.message, store::Platform::teams);
    return invoke_answer(invoke_message_response(in_teams_words(shown.fallback())));
  }

 private:
  // The body as JSON, when it is an Activity; else the answer.
  std::optional<http::Response> read_body(const http::Request& request) {
    if (request.header("Content-Type").substr(0, 16) != "application/json") {
      return http::Response::text(415, "expected application/json\n");
    }
    body_ = json::parse(request.body, nullptr, false);
    if (body_.is_discarded() || !body_.is_object() || !body_.contains("type") ||
        !body_["type"].is_string()) {
      return http::Response::text(400, "body is not an Activity (a JSON object with a type)\n");
    }
    return std::nullopt;
  }

  // Agents Playground mode: the Playground sends no token (its documentation: the agent accepts
  // unauthenticated requests locally). Only an activity whose answers go back to this machine is
  // taken; the listen address is loopback too (config::validate), so no one else can send one.
  std::optional<http::Response> verify_local(const http::Request& request) {
    if (auto bad = read_body(request)) return bad;
    const auto service_url = body_.value("serviceUrl", json()).is_string()
                                 ? body_["serviceUrl"].get<std::string>()
                                 : std::string();
    if (!request.peer_loopback || !config::is_loopback_url(service_url)) {
      spdlog::warn("refused: an activity without a token whose serviceUrl is not on this machine");
      return rejection_response({AuthOutcome::unauthorized, "playground: not local"});
    }
    return std::nullopt;
  }

  TeamsRoutes& routes_;
  json body_;
  Activity activity_;
  std::optional<CardAction> action_;
  bool invoke_ = false;
  bool submitted_ = false;
  std::int64_t before_ = 0;
  std::string dedupe_key_;
  std::optional<json> changed_;
};

TeamsRoutes::TeamsRoutes(ChannelAuthenticator& auth, store::Database& db,
                         commands::Dispatcher& dispatcher, const commands::Clock& clock,
                         std::chrono::seconds dedupe_retention, std::function<void()> wake_outbox,
                         bool playground)
    : auth_(auth),
      db_(db),
      clock_(clock),
      playground_(playground),
      pipeline_(db, dispatcher, clock, dedupe_retention, std::move(wake_outbox)) {}

http::Response TeamsRoutes::messages(const http::Request& request) {
  ActivityAdapter adapter(*this);
  return pipeline_.run(adapter, request);
}

void TeamsRoutes::enqueue_reply(const Activity& activity, const commands::Reply& reply,
                                const std::string& dedupe_key) {
  store::OutboxItem item;
  item.platform = store::Platform::teams;
  item.workspace = activity.tenant;
  if (reply.visibility == commands::Visibility::channel || activity.personal()) {
    // In the thread the command came from (a channel message's conversation names its thread).
    item.kind = store::OutboxKind::channel_message;
    item.target = activity.conversation_id;
  } else {
    // Teams has no message only one person in a channel sees: it goes to their 1:1 chat.
    item.kind = store::OutboxKind::direct_message;
    item.target = activity.from.id;
  }
  commands::Reply delivered = reply;
  if (delivered.form && item.kind == store::OutboxKind::direct_message &&
      delivered.form->command.find(" project=") == std::string::npos) {
    // Submitted from the 1:1 chat, the form must still name the channel's project.
    if (const auto project = store::Projects(db_).find_by_channel(
            store::Platform::teams, activity.tenant, activity.base_conversation())) {
      delivered.form->command += commands::project_option(*project);
    }
  }
  item.payload = commands::reply_json(delivered);
  item.dedupe_key = dedupe_key;
  item.created_at = item.next_attempt_at = clock_.now();
  store::Outbox(db_).enqueue(item);
}

std::optional<json> TeamsRoutes::changed_card(const Activity& activity, std::int64_t before) {
  if (activity.reply_to_id.empty()) return std::nullopt;
  const auto update =
      store::Outbox(db_).update_after(store::Platform::teams, activity.tenant,
                                      activity.base_conversation(), activity.reply_to_id, before);
  if (!update) return std::nullopt;
  const json payload = json::parse(update->payload, nullptr, false);
  if (!payload.is_object()) return std::nullopt;
  return card_for(db_, activity.tenant, payload, commands::message_from_json(payload));
}

void TeamsRoutes::on_installation(const Activity& activity) {
  const bool added =
      (activity.type == "installationUpdate" && activity.action.starts_with("add")) ||
      includes_bot(activity.members_added, activity);
  // "remove-upgrade" is an upgrade, not a removal.
  const bool removed = (activity.type == "installationUpdate" && activity.action == "remove") ||
                       includes_bot(activity.members_removed, activity);
  if (removed) {
    store::TeamsConversations(db_).remove(activity.base_conversation());
    spdlog::info("Accord was removed from a Teams conversation; its reference is forgotten");
    return;
  }
  if (!added || activity.action.ends_with("upgrade")) return;
  commands::Reply welcome;
  welcome.visibility = commands::Visibility::channel;
  welcome.message.title = "Accord is here";
  welcome.message.sections.push_back(
      {activity.personal()
           ? commands::Text("Type ").strong("help").plain(
                 " to see what you can do. Approvals, reminders and reports reach you here.")
           : commands::Text("Mention me with a command, e.g. ")
                 .strong("@Accord help")
                 .plain(". A pm binds this channel to a project with ")
                 .strong("@Accord setup <project name>")
                 .plain("."),
       {},
       std::nullopt});
  enqueue_reply(activity, welcome, "teams:welcome:" + activity.base_conversation());
}

}  // namespace accord::bot::teams
