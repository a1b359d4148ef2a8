// What every verified activity teaches about reaching people later (reference/teams.md §3.4): its
// conversation's reference, and the sender's and the mentioned people's ids, names and serviceUrl,
// which is how reminders and escalations find them, even someone who only installed the app.
#pragma once

#include "bot/teams/activity.hpp"
#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::bot::teams {

// Keeps them, with the serviceUrl the token vouched for, in a transaction of its own. Saving the
// same again is harmless, so a repeated activity may do it again.
void keep_references(store::Database& db, const Activity& activity, store::Timestamp now);

}  // namespace accord::bot::teams
