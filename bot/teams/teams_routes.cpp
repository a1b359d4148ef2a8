#include "bot/teams/teams_routes.hpp"

#include <spdlog/spdlog.h>

#include "bot/teams/cards.hpp"
#include "bot/teams/conversation_references.hpp"
#include "bot/teams/delivery.hpp"
#include "commands/core/command_line.hpp"
#include "commands/core/context.hpp"
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

json reply_payload(const commands::Reply& reply) {
  json payload = commands::to_json(reply.message);
  if (reply.form) payload["form"] = commands::to_json(*reply.form);
  return payload;
}

// What the person is told when a form they submitted has problems: each field and why.
std::string field_problems(const commands::Reply& reply) {
  std::string text = "Nothing was changed:";
  for (const auto& [field, problem] : reply.field_errors) text += " " + field + ": " + problem;
  return text;
}

}  // namespace

TeamsRoutes::TeamsRoutes(ChannelAuthenticator& auth, store::Database& db,
                         commands::Dispatcher& dispatcher, const commands::Clock& clock,
                         std::chrono::seconds dedupe_retention, std::function<void()> wake_outbox,
                         bool playground)
    : auth_(auth),
      db_(db),
      dispatcher_(dispatcher),
      clock_(clock),
      processed_(db, clock, dedupe_retention),
      wake_outbox_(std::move(wake_outbox)),
      playground_(playground) {}

http::Response TeamsRoutes::messages(const http::Request& request) {
  const auto headers = request.header_count("Authorization");
  if (playground_ && headers == 0) return unauthenticated_local(request);
  // The token first: nothing of an unauthenticated body is read (reference/teams.md §2.2).
  if (headers != 1) {
    spdlog::warn("refused: {} Authorization headers on /api/messages", headers);
    return rejection_response({AuthOutcome::unauthorized, "Authorization header count"});
  }
  const auto verified = auth_.verify_token(request.header("Authorization"));
  if (!verified.result.ok()) {
    spdlog::warn("refused: {}", verified.result.reason);
    return rejection_response(verified.result);
  }
  if (request.header("Content-Type").substr(0, 16) != "application/json") {
    return http::Response::text(415, "expected application/json\n");
  }
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("type") ||
      !body["type"].is_string()) {
    return http::Response::text(400, "body is not an Activity (a JSON object with a type)\n");
  }
  if (const auto bound = auth_.check_activity(verified.token, body); !bound.ok()) {
    spdlog::warn("refused: {}", bound.reason);
    return rejection_response(bound);
  }

  return run_activity(request, body);
}

// Agents Playground mode: the Playground sends no token (its documentation: the agent accepts
// unauthenticated requests locally). Only an activity whose answers go back to this machine is
// taken; the listen address is loopback too (config::validate), so no one else can send one.
http::Response TeamsRoutes::unauthenticated_local(const http::Request& request) {
  if (request.header("Content-Type").substr(0, 16) != "application/json") {
    return http::Response::text(415, "expected application/json\n");
  }
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("type") ||
      !body["type"].is_string()) {
    return http::Response::text(400, "body is not an Activity (a JSON object with a type)\n");
  }
  const auto service_url = body.value("serviceUrl", json()).is_string()
                               ? body["serviceUrl"].get<std::string>()
                               : std::string();
  if (!request.peer_loopback || !config::is_loopback_url(service_url)) {
    spdlog::warn("refused: an activity without a token whose serviceUrl is not on this machine");
    return rejection_response({AuthOutcome::unauthorized, "playground: not local"});
  }
  return run_activity(request, body);
}

http::Response TeamsRoutes::run_activity(const http::Request& request, const json& body) {
  const Activity activity = parse_activity(body);
  if (activity.tenant.empty() || activity.conversation_id.empty() || activity.from.id.empty()) {
    return http::Response::text(400, "activity without tenant, conversation or sender\n");
  }
  keep_references(db_, activity, clock_.now());
  // Until its work commits, the activity is not processed: a failure (the server answers 500)
  // or a crash leaves it for Teams' next delivery.
  const auto claim = processed_.claim(activity);
  if (!claim) {
    spdlog::info("activity {} already processed, acknowledged", activity.id.substr(0, 40));
    if (activity.type == "invoke") {
      return invoke_answer(invoke_message_response("Accord already has this."));
    }
    return http::Response::empty(200);
  }
  if (activity.type == "message") return on_message(activity, *claim, request.request_id);
  if (activity.type == "invoke") return on_invoke(activity, *claim, request.request_id);
  if (activity.type == "installationUpdate" || activity.type == "conversationUpdate") {
    on_installation(activity, *claim);
    return http::Response::empty(200);
  }
  spdlog::info("Teams activity '{}' acknowledged without action", activity.type.substr(0, 40));
  return http::Response::empty(200);
}

commands::Request TeamsRoutes::neutral_request(const Activity& activity) const {
  commands::Request neutral;
  neutral.platform = commands::Platform::teams;
  neutral.workspace = activity.tenant;
  neutral.channel = activity.base_conversation();
  neutral.user = activity.from.id;
  return neutral;
}

Dispatched TeamsRoutes::dispatch(const commands::Request& neutral, const std::string& request_id,
                                 const commands::Dispatcher::BeforeCommit& before_commit) {
  return guarded_dispatch(dispatcher_, neutral, request_id, before_commit);
}

void TeamsRoutes::enqueue_reply(const Activity& activity, const commands::Reply& reply,
                                const std::string& dedupe_key) {
  store::OutboxItem item;
  item.platform = "teams";
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
    if (const auto project = store::Projects(db_).find_by_channel("teams", activity.tenant,
                                                                  activity.base_conversation())) {
      delivered.form->command += commands::project_option(*project);
    }
  }
  item.payload = reply_payload(delivered).dump();
  item.dedupe_key = dedupe_key;
  item.created_at = item.next_attempt_at = clock_.now();
  store::Outbox(db_).enqueue(item);
}

void TeamsRoutes::queue_reply(const Activity& activity, const commands::Reply& reply,
                              const std::string& dedupe_key, const Claim* claim) {
  store::Transaction tx(db_);
  if (claim != nullptr) claim->record();
  enqueue_reply(activity, reply, dedupe_key);
  tx.commit();
  wake_outbox_();
}

http::Response TeamsRoutes::on_message(const Activity& activity, const Claim& claim,
                                       const std::string& request_id) {
  commands::Request neutral = neutral_request(activity);
  if (!activity.value.is_null()) {
    // An Action.Submit from a client without Action.Execute: the same action, answered by message.
    const auto action = parse_card_action(activity.value);
    if (!action) return http::Response::empty(200);
    neutral.action_id = action->action_id;
    neutral.action_value = action->action_value;
    neutral.form_values = action->form_values;
  } else {
    neutral.text = activity.command_text();
    if (neutral.text.empty()) neutral.text = "help";
    neutral.typed_in_public = !activity.personal();
  }
  const std::string dedupe_key = "teams:reply:" + activity.unique_id();
  // The answer, and the record that the activity was processed, commit with the workflow.
  const auto [reply, failed] = dispatch(neutral, request_id, [&](const commands::Reply& done) {
    claim.record();
    if (done.field_errors.empty()) return enqueue_reply(activity, done, dedupe_key);
    // From a client without Action.Execute: the problems come as a message; nothing changed.
    commands::Reply problems;
    problems.message.sections.push_back({commands::Text(field_problems(done)), {}});
    enqueue_reply(activity, problems, dedupe_key);
  });
  if (failed) queue_reply(activity, reply, dedupe_key, &claim);  // the apology
  wake_outbox_();
  return http::Response::empty(200);
}

http::Response TeamsRoutes::on_invoke(const Activity& activity, const Claim& claim,
                                      const std::string& request_id) {
  if (activity.name != kCardActionInvoke) {
    spdlog::info("invoke '{}' is not handled", activity.name.substr(0, 60));
    return invoke_answer(
        invoke_error_response(400, "NotSupported", "Accord does not handle this kind of action."));
  }
  const auto action = parse_card_action(activity.value);
  if (!action) {
    return invoke_answer(
        invoke_error_response(400, "BadRequest", "This card action is not one Accord knows."));
  }
  commands::Request neutral = neutral_request(activity);
  neutral.action_id = action->action_id;
  neutral.action_value = action->action_value;
  neutral.form_values = action->form_values;

  std::int64_t before = 0;
  {
    store::Transaction tx(db_);
    before = store::Outbox(db_).last_id();
  }
  const std::string dedupe_key = "teams:invoke:" + activity.unique_id();
  const bool submitted = action->action_id == commands::kSubmitFormAction;
  // The card the click was made on changed (it was decided): the answer is its new form, which
  // Teams shows at once; the queued update brings every other copy along.
  std::optional<json> changed;
  auto [reply, failed] = dispatch(neutral, request_id, [&](const commands::Reply& done) {
    // What is kept of the click commits with its workflow, as on Slack.
    claim.record();
    if ((submitted && done.form) || !done.field_errors.empty()) return;  // answered below
    changed = changed_card(activity, before);
    // A form goes to the person; everyone in the channel sees what Slack would post there; a
    // reply with buttons is kept. Otherwise the answer below is all there is.
    if (done.form ||
        (!changed && !submitted &&
         (!done.message.buttons.empty() || done.visibility == commands::Visibility::channel))) {
      enqueue_reply(activity, done, dedupe_key);
    }
  });
  if (failed) changed.reset();  // rolled back with the workflow
  wake_outbox_();
  if (submitted && reply.form) {
    // The form again, with what was typed and what is wrong: it replaces the one submitted.
    return invoke_answer(
        invoke_card_response(form_card(*reply.form, reply.field_errors, action->form_values)));
  }
  if (!reply.field_errors.empty()) {
    return invoke_answer(invoke_message_response(in_teams_words(field_problems(reply))));
  }
  if (changed) return invoke_answer(invoke_card_response(*changed));
  if (reply.form) {
    return invoke_answer(invoke_message_response("Accord sent you a form: " + reply.form->title));
  }
  if (submitted) {
    // A submitted form card becomes the outcome, so it cannot be sent twice.
    json card;
    {
      store::Transaction tx(db_);
      card = card_for(db_, activity.tenant, commands::to_json(reply.message), reply.message);
    }
    return invoke_answer(invoke_card_response(card));
  }
  return invoke_answer(invoke_message_response(in_teams_words(reply.message.fallback())));
}

std::optional<json> TeamsRoutes::changed_card(const Activity& activity, std::int64_t before) {
  if (activity.reply_to_id.empty()) return std::nullopt;
  const auto update = store::Outbox(db_).update_after(
      "teams", activity.tenant, activity.base_conversation(), activity.reply_to_id, before);
  if (!update) return std::nullopt;
  const json payload = json::parse(update->payload, nullptr, false);
  if (!payload.is_object()) return std::nullopt;
  return card_for(db_, activity.tenant, payload, commands::message_from_json(payload));
}

void TeamsRoutes::on_installation(const Activity& activity, const Claim& claim) {
  const bool added =
      (activity.type == "installationUpdate" && activity.action.starts_with("add")) ||
      includes_bot(activity.members_added, activity);
  // "remove-upgrade" is an upgrade, not a removal.
  const bool removed = (activity.type == "installationUpdate" && activity.action == "remove") ||
                       includes_bot(activity.members_removed, activity);
  if (removed) {
    store::Transaction tx(db_);
    claim.record();
    store::TeamsConversations(db_).remove(activity.base_conversation());
    tx.commit();
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
       {}});
  queue_reply(activity, welcome, "teams:welcome:" + activity.base_conversation(), &claim);
}

}  // namespace accord::bot::teams
