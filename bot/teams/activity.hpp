// Reading a Bot Framework Activity (reference/teams.md §1) without trusting its shape: a missing
// or mistyped field reads as empty. Also the command text Teams users type: the bot's own
// @mention is removed and every other mention becomes the core's "<@29:...>" form, taken from
// the mention entities rather than the text (which the client may alter).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace accord::bot::teams {

struct Account {
  std::string id;  // 29:... for people, 28:<app id> for the bot
  std::string name;
  std::string aad_object_id;
};

struct Activity {
  std::string type;  // message, invoke, conversationUpdate, installationUpdate, ...
  std::string id;
  std::string name;  // for an invoke: "adaptiveCard/action"
  std::string service_url;
  std::string channel_id;
  std::string tenant;             // channelData.tenant.id, else conversation.tenantId
  std::string conversation_id;    // as sent (a channel thread ends in ";messageid=...")
  std::string conversation_type;  // personal, channel or groupChat
  std::string reply_to_id;        // on card clicks: the message that carried the card
  std::string action;             // installationUpdate: add, remove, add-upgrade, ...
  std::string timezone;           // the sender's IANA zone, when the client said
  Account from;
  Account recipient;
  std::string text;               // the raw text
  nlohmann::json value;           // invoke payload or Action.Submit data; null if absent
  std::vector<Account> mentions;  // people mentioned (entities), the bot included
  std::vector<Account> members_added;
  std::vector<Account> members_removed;

  // The conversation without a thread's ";messageid=" suffix: the channel a project binds to.
  std::string base_conversation() const;
  // Activity ids are unique within a conversation: this one names the activity among all.
  std::string unique_id() const;
  bool personal() const { return conversation_type == "personal"; }
  // The command the person typed: bot mention removed, other mentions as "<@29:...>", the HTML
  // entities Teams uses decoded, a leading "/accord", "@Accord" (typed, not a mention) or
  // "accord" dropped, trimmed.
  std::string command_text() const;
  // The people the text mentions (not the bot), with the names Teams shows for them.
  std::vector<Account> mentioned_people() const;
};

// Reads the fields Accord uses; throws nothing.
Activity parse_activity(const nlohmann::json& body);

// Whether `accounts` includes the bot (the activity's recipient).
bool includes_bot(const std::vector<Account>& accounts, const Activity& activity);

}  // namespace accord::bot::teams
