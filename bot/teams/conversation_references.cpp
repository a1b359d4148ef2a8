#include "bot/teams/conversation_references.hpp"

#include "commands/core/command_line.hpp"
#include "store/schedule.hpp"
#include "store/teams_conversations.hpp"

namespace accord::bot::teams {

void keep_references(store::Database& db, const Activity& activity, store::Timestamp now) {
  store::Transaction tx(db);
  store::TeamsConversations references(db);
  store::TeamsConversation conversation;
  conversation.conversation_id = activity.base_conversation();
  conversation.tenant = activity.tenant;
  conversation.service_url = activity.service_url;
  conversation.kind = activity.conversation_type.empty() ? "personal" : activity.conversation_type;
  if (activity.personal()) conversation.user_id = activity.from.id;
  conversation.updated_at = now;
  references.save(conversation);

  auto save_person = [&](const Account& account, bool with_name) {
    if (!commands::mention_user_id("<@" + account.id + ">")) return;  // not a person's 29: id
    store::TeamsPerson person;
    person.tenant = activity.tenant;
    person.user_id = account.id;
    if (with_name) person.name = account.name;
    person.aad_object_id = account.aad_object_id;
    person.service_url = activity.service_url;
    person.updated_at = now;
    references.save_person(person);
  };
  save_person(activity.from, true);
  for (const auto& mentioned : activity.mentions) {
    // A mention's text is "<at>Name</at>": the name inside it is how the client shows them.
    Account named = mentioned;
    if (named.name.starts_with("<at>") && named.name.ends_with("</at>")) {
      named.name = named.name.substr(4, named.name.size() - 9);
    }
    // Only a name for someone not known yet: a mention's text is the sender's to choose, so it
    // never overwrites the name a person's own activities gave.
    const auto known = references.find_person(activity.tenant, named.id);
    save_person(named, !known || known->name.empty());
  }
  if (!activity.timezone.empty() && commands::mention_user_id("<@" + activity.from.id + ">")) {
    store::People(db).set_timezone(store::Platform::teams, activity.tenant, activity.from.id,
                                   activity.timezone, now);
  }
  tx.commit();
}

}  // namespace accord::bot::teams
