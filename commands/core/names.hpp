// Names across platforms. A mention works only on the platform of the person mentioned: Slack
// cannot show a Teams id, Teams cannot show a Slack one. So each platform's names are kept as they
// arrive, and a message shown on the other platform names the person in text instead.
#pragma once

#include "commands/core/message.hpp"
#include "commands/core/request.hpp"
#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::commands {

// Keeps the names the request carries (its sender's, its mentions'), in the caller's transaction.
void remember_names(store::Database& db, const Request& request, store::Timestamp now);

// Whether the message mentions someone of another platform than `shown_on` (no database needed).
bool mentions_other_platform(const Message& message, Platform shown_on);

// The message as shown on `shown_on`: each mention of someone of another platform becomes their
// name with that platform ("Dana Reyes (Teams)"), or "a Teams member" when no name is known.
// Call in a transaction.
Message name_other_platforms(store::Database& db, Message message, Platform shown_on);
// The same for a message rendered outside any transaction (a reply that is the HTTP answer, a row
// being delivered): reads the names in a transaction of its own, only when someone needs naming.
Message shown_on(store::Database& db, Message message, Platform platform);

}  // namespace accord::commands
