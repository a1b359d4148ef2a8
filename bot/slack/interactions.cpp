// Slack interactivity: button clicks (block_actions) and submitted modals (view_submission).
// A click is acknowledged at once and answered through the outbox; a submission is answered in
// the HTTP response, since that is where Slack takes inline field errors.
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "bot/slack/blocks.hpp"
#include "bot/slack/form.hpp"
#include "bot/slack/json_fields.hpp"
#include "bot/slack/slack_routes.hpp"

namespace accord::bot::slack {
namespace {

using nlohmann::json;

// The value of one input in view.state.values: typed text or the chosen option.
std::string input_value(const json& leaf) {
  if (!leaf.is_object()) return {};
  if (const auto option = leaf.find("selected_option");
      option != leaf.end() && option->is_object()) {
    return json_string(*option, "value");
  }
  return json_string(leaf, "value");
}

}  // namespace

http::Response SlackRoutes::interactive(const http::Request& request) {
  if (auto refused = reject_unverified(request)) return *refused;
  const auto form = decode_form(request.body);
  if (!form || !form->get("payload")) return http::Response::text(400, "missing payload\n");
  const json payload = json::parse(form->value("payload"), nullptr, false);
  if (payload.is_discarded() || !payload.is_object()) {
    return http::Response::text(400, "payload is not a JSON object\n");
  }
  const std::string type = json_string(payload, "type");
  if (type.empty()) return http::Response::text(400, "payload has no type\n");
  std::string workspace = nested_id(payload, "team");
  if (workspace.empty()) workspace = json_string(payload.value("user", json::object()), "team_id");
  if (!workspaces_.serves(workspace)) {
    spdlog::info("interaction from workspace {}, where Accord is not installed", workspace);
    if (const auto response_url = json_string(payload, "response_url"); !response_url.empty()) {
      commands::Request neutral;
      neutral.platform = commands::Platform::slack;
      neutral.workspace = workspace;
      queue_reply(neutral, not_installed_reply(), response_url,
                  "slack:not-installed:" + request.request_id);
    }
    return http::Response::empty(200);
  }
  if (type == "block_actions") return handle_block_actions(request, payload);
  if (type == "view_submission") return handle_view_submission(request, payload);
  spdlog::info("interaction type '{}' acknowledged without action", type);
  return http::Response::empty(200);
}

http::Response SlackRoutes::handle_block_actions(const http::Request& request,
                                                 const json& payload) {
  const auto actions = payload.find("actions");
  const auto user = payload.find("user");
  if (actions == payload.end() || !actions->is_array() || user == payload.end() ||
      !user->is_object() || json_string(*user, "id").empty()) {
    return http::Response::text(400, "block_actions payload without user or actions\n");
  }

  commands::Request neutral;
  neutral.platform = commands::Platform::slack;
  neutral.user = json_string(*user, "id");
  neutral.workspace = nested_id(payload, "team");
  if (neutral.workspace.empty()) neutral.workspace = json_string(*user, "team_id");
  neutral.channel = nested_id(payload, "channel");
  if (neutral.channel.empty() && payload.contains("container")) {
    neutral.channel = json_string(payload["container"], "channel_id");
  }
  const std::string response_url = json_string(payload, "response_url");
  const std::string trigger_id = json_string(payload, "trigger_id");

  for (const auto& action : *actions) {
    neutral.action_id = neutral_action_id(json_string(action, "action_id"));
    neutral.action_value = json_string(action, "value");
    const std::string dedupe_key = "slack:action:" + neutral.workspace + ":" + neutral.user + ":" +
                                   json_string(action, "action_ts") + ":" +
                                   json_string(action, "action_id");
    // The answer commits with the decision: a click is never kept without its reply.
    const auto [reply, failed] =
        dispatch(neutral, request.request_id, [&](const commands::Reply& done) {
          if (!enqueue_form(neutral, done, trigger_id, response_url)) {
            enqueue_reply(neutral, done, response_url, dedupe_key);
          }
        });
    if (failed) queue_reply(neutral, reply, response_url, dedupe_key);  // the apology
  }
  wake_outbox_();
  return http::Response::empty(200);
}

http::Response SlackRoutes::handle_view_submission(const http::Request& request,
                                                   const json& payload) {
  const json view = payload.value("view", json::object());
  if (!view.is_object() || json_string(view, "callback_id") != kFormCallbackId) {
    spdlog::info("submission of a view that is not an Accord form, acknowledged");
    return http::Response::empty(200);
  }
  const json metadata = json::parse(json_string(view, "private_metadata"), nullptr, false);
  const json user = payload.value("user", json::object());
  if (metadata.is_discarded() || !metadata.is_object() || json_string(user, "id").empty()) {
    return http::Response::text(400, "form submission without its metadata or user\n");
  }

  commands::Request neutral;
  neutral.platform = commands::Platform::slack;
  neutral.user = json_string(user, "id");
  neutral.workspace = nested_id(payload, "team");
  if (neutral.workspace.empty()) neutral.workspace = json_string(user, "team_id");
  neutral.channel = json_string(metadata, "channel");
  neutral.action_id = commands::kSubmitFormAction;
  neutral.action_value = json_string(metadata, "command");

  // view.state.values, or none when the view has no such object.
  const json values = [&] {
    const auto state = view.find("state");
    if (state == view.end() || !state->is_object()) return json::object();
    const auto found = state->find("values");
    return found != state->end() && found->is_object() ? *found : json::object();
  }();
  for (const auto& [block_id, inputs] : values.items()) {
    if (inputs.is_object() && inputs.contains(kFormInputActionId)) {
      neutral.form_values[block_id] = input_value(inputs[kFormInputActionId]);
    }
  }

  const std::string response_url = json_string(metadata, "response_url");
  const std::string dedupe_key =
      "slack:view:" + json_string(view, "id") + ":" + json_string(view, "hash");
  // When the modal closes, the outcome is a message where the form was opened from; it commits
  // with the workflow.
  const auto [reply, failed] =
      dispatch(neutral, request.request_id, [&](const commands::Reply& done) {
        if (done.field_errors.empty() && !done.form) {
          enqueue_reply(neutral, done, response_url, dedupe_key);
        }
      });
  wake_outbox_();  // if the workflow queued a message or set a job
  if (!reply.field_errors.empty()) {
    // Slack shows these next to the inputs, keyed by block id; a problem with no input of its
    // own goes on the first input so it is never lost.
    json errors = json::object();
    for (const auto& [field, message] : reply.field_errors) {
      const std::string block =
          values.contains(field) || values.empty() ? field : values.begin().key();
      std::string text = errors.contains(block) ? errors[block].get<std::string>() + " " : "";
      errors[block] = truncate_text(text + message, BlockLimits::input_label);
    }
    return http::Response::json(200,
                                json{{"response_action", "errors"}, {"errors", errors}}.dump());
  }
  if (reply.form) {
    json next_metadata = metadata;
    next_metadata["command"] = reply.form->command;
    return http::Response::json(200, json{{"response_action", "update"},
                                          {"view", render_modal(*reply.form, next_metadata.dump())}}
                                         .dump());
  }
  if (failed) queue_reply(neutral, reply, response_url, dedupe_key);  // the apology
  return http::Response::empty(200);
}

}  // namespace accord::bot::slack
