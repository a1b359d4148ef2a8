#include "bot/teams/delivery.hpp"

#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "bot/json_fields.hpp"
#include "bot/teams/cards.hpp"
#include "commands/core/names.hpp"
#include "store/teams_conversations.hpp"

namespace accord::bot::teams {
namespace {

using Outcome = DeliveryResult::Outcome;
using nlohmann::json;

DeliveryResult delivery_failure(Outcome outcome, std::string error) {
  DeliveryResult result;
  result.outcome = outcome;
  result.error = std::move(error);
  return result;
}

void collect_mentions(const commands::Text& text, std::set<std::string>& users) {
  for (const auto& span : text.spans()) {
    if (span.kind == commands::Span::Kind::mention) users.insert(span.value);
  }
}

std::string base_conversation(const std::string& conversation) {
  return conversation.substr(0, conversation.find(";messageid="));
}

}  // namespace

std::string in_teams_words(std::string text) {
  for (auto at = text.find("/accord"); at != std::string::npos; at = text.find("/accord", at + 1)) {
    const bool word_start = at == 0 || text[at - 1] == ' ' || text[at - 1] == '(' ||
                            text[at - 1] == '"' || text[at - 1] == '\n';
    const bool word_end = at + 7 == text.size() || text[at + 7] == ' ';
    if (word_start && word_end) text.replace(at, 7, "@Accord");
  }
  return text;
}

namespace {

commands::Text spans_in_teams_words(const commands::Text& text) {
  commands::Text out;
  for (const auto& span : text.spans()) {
    switch (span.kind) {
      case commands::Span::Kind::plain:
        out.plain(in_teams_words(span.value));
        break;
      case commands::Span::Kind::strong:
        out.strong(in_teams_words(span.value));
        break;
      case commands::Span::Kind::code:
        out.code(in_teams_words(span.value));
        break;
      case commands::Span::Kind::mention:
        out.mention(span.value);
        break;
      case commands::Span::Kind::link:
        out.link(in_teams_words(span.value), span.target);
        break;
    }
  }
  return out;
}

}  // namespace

commands::Message in_teams_words(commands::Message message) {
  for (auto& section : message.sections) {
    section.text = spans_in_teams_words(section.text);
    for (auto& field : section.fields) field.value = spans_in_teams_words(field.value);
  }
  message.note = spans_in_teams_words(message.note);
  return message;
}

json card_for(store::Database& db, const std::string& tenant, const json& payload,
              const commands::Message& neutral) {
  // A Slack person cannot be mentioned in Teams: they are named instead.
  const commands::Message message =
      in_teams_words(commands::name_other_platforms(db, neutral, store::Platform::teams));
  if (payload.is_object() && payload.contains("form") && payload["form"].is_object()) {
    return form_card(commands::form_from_json(payload["form"]));
  }
  std::set<std::string> users;
  for (const auto& section : message.sections) {
    collect_mentions(section.text, users);
    for (const auto& field : section.fields) collect_mentions(field.value, users);
  }
  collect_mentions(message.note, users);
  MentionNames names;
  store::TeamsConversations people(db);
  for (const auto& user : users) {
    if (const auto person = people.find_person(tenant, user); person && !person->name.empty()) {
      names[user] = person->name;
    }
  }
  return message_card(message, names);
}

json card_activity(store::Database& db, const std::string& tenant, const json& payload,
                   const commands::Message& message) {
  const json card = card_for(db, tenant, payload, message);
  json activity = {{"type", "message"}, {"attachments", json::array({card_attachment(card)})}};
  // The activity feed's text: the card's own fallback, which names people.
  if (const auto text = card.find("fallbackText"); text != card.end() && text->is_string()) {
    std::string summary = text->get<std::string>();
    std::size_t end = std::min<std::size_t>(summary.size(), 200);
    while (end > 0 && end < summary.size() &&
           (static_cast<unsigned char>(summary[end]) & 0xC0) == 0x80) {
      --end;  // not inside a UTF-8 character
    }
    activity["summary"] = summary.substr(0, end);
  }
  return activity;
}

std::string TeamsDelivery::service_url_of(const std::string& conversation) {
  store::Transaction tx(db_);
  const auto found = store::TeamsConversations(db_).find(base_conversation(conversation));
  return found ? found->service_url : std::string();
}

DeliveryResult TeamsDelivery::personal_chat(const store::OutboxItem& item,
                                            std::string& conversation, std::string& service_url) {
  std::optional<store::TeamsPerson> person;
  std::optional<std::string> tenant_url;
  {
    store::Transaction tx(db_);
    store::TeamsConversations references(db_);
    if (const auto chat = references.personal_chat(item.workspace, item.target)) {
      conversation = chat->conversation_id;
      service_url = chat->service_url;
      return {};
    }
    person = references.find_person(item.workspace, item.target);
    tenant_url = references.tenant_service_url(item.workspace);
  }
  service_url = person ? person->service_url : tenant_url.value_or("");
  if (service_url.empty()) {
    return delivery_failure(
        Outcome::permanent_error,
        "no Teams conversation with this tenant is known: the app must be installed");
  }
  auto created = connector_.create_personal_chat(service_url, item.workspace, item.target);
  if (created.outcome != Outcome::ok) return created;
  conversation = json_string(created.body, "id");
  if (conversation.empty()) {
    return delivery_failure(Outcome::transient_error, "the Connector created a chat without an id");
  }
  store::TeamsConversation chat;
  chat.conversation_id = conversation;
  chat.tenant = item.workspace;
  chat.service_url = service_url;
  chat.kind = "personal";
  chat.user_id = item.target;
  chat.updated_at = clock_.now();
  store::Transaction tx(db_);
  store::TeamsConversations(db_).save(chat);
  tx.commit();
  return {};
}

DeliveryResult TeamsDelivery::send(const store::OutboxItem& item, const std::string& /*token*/,
                                   const json& payload, const commands::Message& message,
                                   std::string& conversation, std::string& activity_id) {
  DeliveryResult result = send_row(item, payload, message, conversation, activity_id);
  result.method = "connector";
  return result;
}

DeliveryResult TeamsDelivery::send_row(const store::OutboxItem& item, const json& payload,
                                       const commands::Message& message, std::string& conversation,
                                       std::string& activity_id) {
  std::string service_url;
  switch (item.kind) {
    case store::OutboxKind::channel_message:
    case store::OutboxKind::update_message:
      conversation = item.target;
      service_url = service_url_of(conversation);
      if (service_url.empty()) {
        return delivery_failure(
            Outcome::permanent_error,
            "no reference for this Teams conversation: the app is not installed there");
      }
      break;
    case store::OutboxKind::direct_message:
      if (auto opened = personal_chat(item, conversation, service_url);
          opened.outcome != Outcome::ok) {
        return opened;
      }
      break;
    case store::OutboxKind::home_view:
    case store::OutboxKind::user_profile:
      // Teams has no home tab to publish, and time zones arrive with each activity.
      return {};
    case store::OutboxKind::response_url:
    case store::OutboxKind::open_form:
      return delivery_failure(Outcome::permanent_error, "not a Teams delivery");
  }

  json activity;
  {
    store::Transaction tx(db_);
    activity = card_activity(db_, item.workspace, payload, message);
  }
  if (item.kind == store::OutboxKind::update_message) {
    activity_id = item.ref_ts;
    return connector_.update(service_url, conversation, item.ref_ts, activity);
  }
  auto sent = connector_.send(service_url, conversation, activity);
  if (sent.outcome == Outcome::ok) activity_id = json_string(sent.body, "id");
  return sent;
}

}  // namespace accord::bot::teams
