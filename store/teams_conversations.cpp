#include "store/teams_conversations.hpp"

#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kConversationColumns =
    "conversation_id, tenant, service_url, kind, user_id, updated_at";

TeamsConversation read_conversation(Statement& row) {
  TeamsConversation found;
  found.conversation_id = row.getColumn(0).getString();
  found.tenant = row.getColumn(1).getString();
  found.service_url = row.getColumn(2).getString();
  found.kind = row.getColumn(3).getString();
  found.user_id = row.getColumn(4).getString();
  found.updated_at = from_millis(row.getColumn(5).getInt64());
  return found;
}

}  // namespace

void TeamsConversations::save(const TeamsConversation& conversation) {
  Statement upsert(db_,
                   std::string("INSERT INTO teams_conversations (") + kConversationColumns +
                       ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET "
                       "tenant = excluded.tenant, service_url = excluded.service_url, kind = "
                       "excluded.kind, user_id = CASE WHEN excluded.user_id = '' THEN "
                       "teams_conversations.user_id ELSE "
                       "excluded.user_id END, updated_at = excluded.updated_at");
  upsert.bind(1, conversation.conversation_id);
  upsert.bind(2, conversation.tenant);
  upsert.bind(3, conversation.service_url);
  upsert.bind(4, conversation.kind);
  upsert.bind(5, conversation.user_id);
  upsert.bind(6, to_millis(conversation.updated_at));
  upsert.exec();
}

std::optional<TeamsConversation> TeamsConversations::find(const std::string& conversation_id) {
  Statement select(db_, std::string("SELECT ") + kConversationColumns +
                            " FROM teams_conversations WHERE conversation_id = ?");
  select.bind(1, conversation_id);
  if (!select.executeStep()) return std::nullopt;
  return read_conversation(select);
}

std::optional<TeamsConversation> TeamsConversations::personal_chat(const std::string& tenant,
                                                                   const std::string& user_id) {
  Statement select(db_, std::string("SELECT ") + kConversationColumns +
                            " FROM teams_conversations WHERE tenant = ? AND "
                            "user_id = ? AND kind = 'personal' ORDER BY "
                            "updated_at DESC LIMIT 1");
  select.bind(1, tenant);
  select.bind(2, user_id);
  if (!select.executeStep()) return std::nullopt;
  return read_conversation(select);
}

void TeamsConversations::remove(const std::string& conversation_id) {
  Statement remove(db_, "DELETE FROM teams_conversations WHERE conversation_id = ?");
  remove.bind(1, conversation_id);
  remove.exec();
}

void TeamsConversations::save_person(const TeamsPerson& person) {
  Statement upsert(
      db_,
      "INSERT INTO teams_people (tenant, user_id, name, aad_object_id, service_url, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, user_id) DO UPDATE SET "
      "name = CASE WHEN excluded.name = '' THEN teams_people.name ELSE excluded.name END, "
      "aad_object_id = CASE WHEN excluded.aad_object_id = '' THEN teams_people.aad_object_id ELSE "
      "excluded.aad_object_id END, service_url = excluded.service_url, "
      "updated_at = excluded.updated_at");
  upsert.bind(1, person.tenant);
  upsert.bind(2, person.user_id);
  upsert.bind(3, person.name);
  upsert.bind(4, person.aad_object_id);
  upsert.bind(5, person.service_url);
  upsert.bind(6, to_millis(person.updated_at));
  upsert.exec();
}

std::optional<TeamsPerson> TeamsConversations::find_person(const std::string& tenant,
                                                           const std::string& user_id) {
  Statement select(db_,
                   "SELECT tenant, user_id, name, aad_object_id, service_url, updated_at "
                   "FROM teams_people WHERE tenant = ? AND user_id = ?");
  select.bind(1, tenant);
  select.bind(2, user_id);
  if (!select.executeStep()) return std::nullopt;
  TeamsPerson found;
  found.tenant = select.getColumn(0).getString();
  found.user_id = select.getColumn(1).getString();
  found.name = select.getColumn(2).getString();
  found.aad_object_id = select.getColumn(3).getString();
  found.service_url = select.getColumn(4).getString();
  found.updated_at = from_millis(select.getColumn(5).getInt64());
  return found;
}

std::optional<std::string> TeamsConversations::tenant_service_url(const std::string& tenant) {
  Statement select(db_,
                   "SELECT service_url FROM teams_conversations WHERE tenant = ? ORDER BY "
                   "updated_at DESC LIMIT 1");
  select.bind(1, tenant);
  if (!select.executeStep()) return std::nullopt;
  return select.getColumn(0).getString();
}

}  // namespace accord::store
