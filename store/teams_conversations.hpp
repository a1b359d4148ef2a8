// Microsoft Teams conversation references (reference/teams.md §1.4, §3.4): where a conversation
// lives (the serviceUrl a validated token vouched for) and, for a personal chat, whose it is, so
// Accord can post to it later; and the people seen, for their names in mentions and the
// serviceUrl to reach them at when no personal chat is known yet.
#pragma once

#include <optional>
#include <string>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct TeamsConversation {
  std::string conversation_id;  // without a thread's ";messageid=" suffix
  std::string tenant;
  std::string service_url;
  std::string kind;     // personal, channel or groupChat
  std::string user_id;  // personal chats: the person (their 29: id)
  Timestamp updated_at{};
};

struct TeamsPerson {
  std::string tenant;
  std::string user_id;  // the 29: id, pairwise for this bot
  std::string name;
  std::string aad_object_id;
  std::string service_url;
  Timestamp updated_at{};
};

class TeamsConversations {
 public:
  explicit TeamsConversations(Database& db) : db_(db) {}

  // Inserts or refreshes the reference (a later serviceUrl replaces an older one).
  void save(const TeamsConversation& conversation);
  std::optional<TeamsConversation> find(const std::string& conversation_id);
  // The person's personal chat with the bot, if one is known.
  std::optional<TeamsConversation> personal_chat(const std::string& tenant,
                                                 const std::string& user_id);
  // Forgets a conversation (the app was removed from it, or Teams says it is gone).
  void remove(const std::string& conversation_id);

  // Inserts or refreshes a person; an empty name or object id keeps the one stored.
  void save_person(const TeamsPerson& person);
  std::optional<TeamsPerson> find_person(const std::string& tenant, const std::string& user_id);
  // Any serviceUrl seen for the tenant, newest first: where to create a chat for someone whose
  // own is not known.
  std::optional<std::string> tenant_service_url(const std::string& tenant);

 private:
  Database& db_;
};

}  // namespace accord::store
