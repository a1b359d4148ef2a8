// Slack interactivity: button clicks (block_actions) and submitted modals (view_submission).
// A click is acknowledged at once and answered through the outbox; a submission is answered in
// the HTTP response, since that is where Slack takes inline field errors.
//
// A click's payload is read with simdjson: clicks are the busy path of interactivity, and
// nlohmann's document parser took about 14 µs of a click's CPU for a 1.4 KB payload, simdjson
// under 1 (README, Benchmarks). A submitted modal is read into an nlohmann document, which its
// answer edits and sends back.
#include <simdjson.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "bot/http/form.hpp"
#include "bot/json_fields.hpp"
#include "bot/slack/blocks.hpp"
#include "bot/slack/slack_routes.hpp"

namespace accord::bot::slack {
namespace {

using nlohmann::json;

// A field of a simdjson document (a lookup carries its error along: a missing member, or a
// member of something that is not an object, reads as empty, as json_fields.hpp reads nlohmann's).
using Field = simdjson::simdjson_result<simdjson::dom::element>;

std::string text_of(Field field) {
  std::string_view value;
  if (field.get_string().get(value) != simdjson::SUCCESS) return {};
  return std::string(value);
}

// The workspace of the installation that serves the request (docs/slack_connect.md §2): in a
// Slack Connect channel a modal's payload names the submitter's organisation as its team, and
// the installation only in view.app_installed_team_id; a click's team is the installation that
// posted the message. Else the person's own.
std::string serving_workspace(std::string app_installed_team, std::string team,
                              std::string user_team) {
  if (!app_installed_team.empty()) return app_installed_team;
  if (!team.empty()) return team;
  return user_team;
}

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

// POST /slack/interactive: a click on a button of Accord's, or a submitted modal.
class SlackRoutes::InteractionAdapter final : public SlackRoutes::SlackAdapter {
 public:
  using SlackAdapter::SlackAdapter;

  std::variant<Inbound, http::Response> read(const http::Request& request) override {
    const auto form = http::decode_form(request.body);
    const auto text = form ? form->get("payload") : std::nullopt;
    if (!text) return http::Response::text(400, "missing payload\n");
    request_id_ = request.request_id;
    {
      // Parsed per request: a parser kept per thread would keep the memory of the largest
      // payload. Unlike nlohmann, simdjson refuses integers beyond 64 bits (Slack sends none:
      // its ids and timestamps are strings) and reads the first of duplicate keys.
      simdjson::dom::parser parser;
      const simdjson::padded_string padded(*text);
      simdjson::dom::element payload;
      if (parser.parse(padded).get(payload) != simdjson::SUCCESS || !payload.is_object()) {
        return http::Response::text(400, "payload is not a JSON object\n");
      }
      type_ = text_of(payload["type"]);
      if (type_.empty()) return http::Response::text(400, "payload has no type\n");
      payload_response_url_ = text_of(payload["response_url"]);
      if (type_ == "block_actions") return read_block_actions(payload);
    }
    // simdjson's document is freed before nlohmann builds its own.
    if (type_ == "view_submission") return read_view_submission(json::parse(*text, nullptr, false));
    spdlog::info("interaction type '{}' acknowledged without action", type_);
    return http::Response::empty(200);
  }

  std::optional<http::Response> authorise(const Inbound& inbound) override {
    if (routes_.workspaces_.serves(inbound.request.workspace)) return std::nullopt;
    spdlog::info("interaction from workspace {}, where Accord is not installed",
                 inbound.request.workspace);
    if (!payload_response_url_.empty()) {
      routes_.queue_reply(inbound.request, routes_.not_installed_reply(), payload_response_url_,
                          "slack:not-installed:" + request_id_);
    }
    return http::Response::empty(200);
  }

  void queue_reply(const Inbound& inbound, const commands::Reply& reply) override {
    if (type_ == "block_actions") {
      // The answer commits with the decision: a click is never kept without its reply.
      if (!routes_.enqueue_form(inbound.request, reply, trigger_id_, response_url_)) {
        routes_.enqueue_reply(inbound.request, reply, response_url_, dedupe_key_);
      }
    } else if (reply.field_errors.empty() && !reply.form) {
      // When the modal closes, the outcome is a message where the form was opened from.
      routes_.enqueue_reply(inbound.request, reply, response_url_, dedupe_key_);
    }
  }

  bool queues_apology(const Inbound& /*inbound*/) const override { return true; }
  void queue_apology(const Inbound& inbound, const commands::Reply& apology) override {
    routes_.enqueue_reply(inbound.request, apology, response_url_, dedupe_key_);
  }

  http::Response answer(const Inbound& /*inbound*/, const Dispatched& dispatched) override {
    if (type_ == "block_actions") return http::Response::empty(200);
    const auto& reply = dispatched.reply;
    if (!reply.field_errors.empty()) {
      // Slack shows these next to the inputs, keyed by block id; a problem with no input of its
      // own goes on the first input so it is never lost.
      json errors = json::object();
      for (const auto& [field, message] : reply.field_errors) {
        const std::string block =
            values_.contains(field) || values_.empty() ? field : values_.begin().key();
        std::string text = errors.contains(block) ? errors[block].get<std::string>() + " " : "";
        errors[block] = commands::truncate_text(text + message, BlockLimits::input_label);
      }
      return http::Response::json(200,
                                  json{{"response_action", "errors"}, {"errors", errors}}.dump());
    }
    if (reply.form) {
      json next_metadata = metadata_;
      next_metadata["command"] = reply.form->command;
      return http::Response::json(200, with_view("response_action", "update",
                                                 render_modal(*reply.form, next_metadata.dump())));
    }
    return http::Response::empty(200);
  }

 private:
  std::variant<Inbound, http::Response> read_block_actions(simdjson::dom::element payload) {
    const Field user = payload["user"];
    const Field action = payload["actions"].get_array().at(std::size_t{0});
    Inbound inbound;
    auto& neutral = inbound.request;
    neutral.user = text_of(user["id"]);
    if (action.error() != simdjson::SUCCESS || neutral.user.empty()) {
      return http::Response::text(400, "block_actions payload without user or actions\n");
    }
    neutral.platform = store::Platform::slack;
    // {"team": {"id": ...}}, where the object may be null (Slack org installs).
    neutral.workspace = serving_workspace(text_of(payload["view"]["app_installed_team_id"]),
                                          text_of(payload["team"]["id"]), text_of(user["team_id"]));
    neutral.channel = text_of(payload["channel"]["id"]);
    if (neutral.channel.empty()) neutral.channel = text_of(payload["container"]["channel_id"]);
    response_url_ = payload_response_url_;
    trigger_id_ = text_of(payload["trigger_id"]);
    // A click is one action (Slack sends the element that was used).
    const std::string action_id = text_of(action["action_id"]);
    neutral.action_id = neutral_action_id(action_id);
    neutral.action_value = text_of(action["value"]);
    dedupe_key_ = "slack:action:" + neutral.workspace + ":" + neutral.user + ":" +
                  text_of(action["action_ts"]) + ":" + action_id;
    return inbound;
  }

  std::variant<Inbound, http::Response> read_view_submission(const json& payload) {
    if (!payload.is_object()) return http::Response::text(400, "payload is not a JSON object\n");
    const json view = payload.value("view", json::object());
    if (!view.is_object() || json_string(view, "callback_id") != kFormCallbackId) {
      spdlog::info("submission of a view that is not an Accord form, acknowledged");
      return http::Response::empty(200);
    }
    metadata_ = json::parse(json_string(view, "private_metadata"), nullptr, false);
    const json user = payload.value("user", json::object());
    if (metadata_.is_discarded() || !metadata_.is_object() || json_string(user, "id").empty()) {
      return http::Response::text(400, "form submission without its metadata or user\n");
    }
    Inbound inbound;
    auto& neutral = inbound.request;
    neutral.platform = store::Platform::slack;
    neutral.user = json_string(user, "id");
    neutral.workspace = serving_workspace(json_string(view, "app_installed_team_id"),
                                          nested_id(payload, "team"), json_string(user, "team_id"));
    neutral.channel = json_string(metadata_, "channel");
    neutral.action_id = commands::kSubmitFormAction;
    neutral.action_value = json_string(metadata_, "command");

    // view.state.values, or none when the view has no such object.
    values_ = [&] {
      const auto state = view.find("state");
      if (state == view.end() || !state->is_object()) return json::object();
      const auto found = state->find("values");
      return found != state->end() && found->is_object() ? *found : json::object();
    }();
    for (const auto& [block_id, inputs] : values_.items()) {
      if (inputs.is_object() && inputs.contains(kFormInputActionId)) {
        neutral.form_values[block_id] = input_value(inputs[kFormInputActionId]);
      }
    }
    response_url_ = json_string(metadata_, "response_url");
    dedupe_key_ = "slack:view:" + json_string(view, "id") + ":" + json_string(view, "hash");
    return inbound;
  }

  std::string type_;
  std::string request_id_;
  std::string payload_response_url_;  // the payload's own, where "not installed" is answered
  std::string response_url_;
  std::string trigger_id_;
  std::string dedupe_key_;
  json metadata_;
  json values_;
};

http::Response SlackRoutes::interactive(const http::Request& request) {
  InteractionAdapter adapter(*this);
  return pipeline_.run(adapter, request);
}

}  // namespace accord::bot::slack
