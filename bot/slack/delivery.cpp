#include "bot/slack/delivery.hpp"

#include <spdlog/spdlog.h>

#include "bot/json_fields.hpp"
#include "bot/slack/blocks.hpp"
#include "commands/core/command_line.hpp"
#include "commands/core/names.hpp"
#include "commands/project/home.hpp"
#include "store/person_names.hpp"
#include "store/schedule.hpp"

namespace accord::bot::slack {
namespace {

using Outcome = ApiResult::Outcome;

}  // namespace

Credential SlackDelivery::credential(const store::OutboxItem& item) {
  // A response_url is its own credential.
  if (item.kind == store::OutboxKind::response_url) return {};
  BotToken found = tokens_.token_for(item.workspace);
  switch (found.status) {
    case BotToken::Status::ok:
      return {Credential::Status::ready, std::move(found.token), {}};
    case BotToken::Status::not_configured:
      return {Credential::Status::not_configured, {}, std::move(found.why)};
    case BotToken::Status::not_installed:
      return {Credential::Status::gone, {}, std::move(found.why)};
    case BotToken::Status::unavailable:
      break;
  }
  return {Credential::Status::unavailable, {}, std::move(found.why)};
}

std::vector<std::string> SlackDelivery::methods(const store::OutboxItem& item) const {
  switch (item.kind) {
    case store::OutboxKind::channel_message:
      return {"chat.postMessage"};
    case store::OutboxKind::direct_message:
      if (dm_channels_.contains(item.workspace + "/" + item.target)) return {"chat.postMessage"};
      return {"chat.postMessage", "conversations.open"};
    case store::OutboxKind::update_message:
      return {"chat.update"};
    case store::OutboxKind::home_view:
      return {"views.publish"};
    case store::OutboxKind::user_profile:
      return {"users.info"};
    case store::OutboxKind::open_form:     // a trigger lives 3 seconds: it cannot wait
    case store::OutboxKind::response_url:  // per-URL limits only
      break;
  }
  return {};
}

ApiResult SlackDelivery::call(const std::string& token, const std::string& method,
                              const nlohmann::json& arguments) {
  ApiResult result = api_.call(token, method, arguments);
  result.method = method;
  return result;
}

ApiResult SlackDelivery::post(const std::string& token, const std::string& method,
                              std::string message_json) {
  ApiResult result = api_.call_with_body(token, method, std::move(message_json));
  result.method = method;
  return result;
}

DeliveryResult SlackDelivery::send(const store::OutboxItem& item, const std::string& token,
                                   const nlohmann::json& payload, const commands::Message& message,
                                   std::string& channel, std::string& ts) {
  // A Teams person cannot be mentioned in Slack: they are named instead.
  const commands::Message shown = commands::shown_on(db_, message, store::Platform::slack);

  auto remember = [&](const ApiResult& result) {
    if (result.outcome == Outcome::ok && result.body.is_object()) {
      if (const auto id = json_string(result.body, "channel"); !id.empty()) channel = id;
      if (const auto stamp = json_string(result.body, "ts"); !stamp.empty()) ts = stamp;
    }
    return result;
  };

  switch (item.kind) {
    case store::OutboxKind::channel_message:
      channel = item.target;
      return remember(post(token, "chat.postMessage", render_message(shown, {.channel = channel})));

    case store::OutboxKind::direct_message: {
      const std::string dm_key = item.workspace + "/" + item.target;
      auto known = dm_channels_.find(dm_key);
      if (known == dm_channels_.end()) {
        auto opened = call(token, "conversations.open", {{"users", item.target}});
        if (opened.outcome != Outcome::ok) return opened;
        const std::string id = nested_id(opened.body, "channel");
        if (id.empty()) {
          return {Outcome::transient_error, {}, {}, "conversations.open gave no channel", {}};
        }
        known = dm_channels_.emplace(dm_key, id).first;
      }
      channel = known->second;
      return remember(post(token, "chat.postMessage", render_message(shown, {.channel = channel})));
    }

    case store::OutboxKind::response_url:
      return api_.respond(
          item.target,
          render_message(
              shown, {.response_type = payload.value("visibility", "requester_only") == "channel"
                                           ? "in_channel"
                                           : "ephemeral",
                      .replace_original = false}));

    case store::OutboxKind::update_message:
      channel = item.target;
      ts = item.ref_ts;
      return remember(
          post(token, "chat.update", render_message(shown, {.channel = channel, .ts = ts})));

    case store::OutboxKind::home_view: {
      // Built now rather than when queued: a refresh shows the latest state.
      const auto home = commands::build_home(db_, store::Platform::slack, item.workspace,
                                             item.target, clock_.now());
      return post(token, "views.publish",
                  with_view("user_id", item.target, render_home_view(home)));
    }

    case store::OutboxKind::user_profile: {
      // The API sends read methods' arguments as a form (reference/slack.md §5).
      auto found = call(token, "users.info", {{"user", item.target}});
      if (found.outcome != Outcome::ok) return found;
      std::string zone;
      std::string name;
      if (found.body.is_object() && found.body.contains("user") && found.body["user"].is_object()) {
        const auto& user = found.body["user"];
        zone = json_string(user, "tz");
        // What people see in Slack: the display name, else the full name.
        if (user.contains("profile")) name = json_string(user["profile"], "display_name");
        if (name.empty()) name = json_string(user, "real_name");
        if (name.empty() && user.contains("profile")) {
          name = json_string(user["profile"], "real_name");
        }
      }
      store::Transaction tx(db_);
      store::People(db_).set_timezone(item.platform, item.workspace, item.target, zone,
                                      clock_.now());
      store::PersonNames(db_).save(item.platform, item.target, commands::valid_utf8(name),
                                   clock_.now());
      tx.commit();
      return found;
    }

    case store::OutboxKind::open_form: {
      const auto form = commands::form_from_json(payload.value("form", nlohmann::json::object()));
      auto opened = post(
          token, "views.open",
          with_view("trigger_id", item.target, render_modal(form, payload.value("metadata", ""))));
      const std::string response_url = payload.value("response_url", "");
      if (opened.outcome == Outcome::ok || response_url.empty()) return opened;
      // A trigger lives 3 seconds, so there is no retrying: show the message instead.
      spdlog::warn("could not open the form ({}); showing its message instead", opened.error);
      return api_.respond(
          response_url, render_message(commands::message_from_json(
                                           payload.value("fallback", nlohmann::json::object())),
                                       {.response_type = "ephemeral", .replace_original = false}));
    }
  }
  return {Outcome::permanent_error, {}, {}, "unknown outbox kind", {}};
}

}  // namespace accord::bot::slack
