// Running the core for a platform adapter: a failure of ours (a database error, a bug) becomes an
// apology with a reference to the log line, never an unanswered request. Shared by Slack and Teams.
#pragma once

#include <string>

#include "commands/dispatcher.hpp"

namespace accord::bot {

// `before_commit` runs inside the workflow's transaction; it does not run for the apology.
commands::Reply guarded_dispatch(commands::Dispatcher& dispatcher, const commands::Request& request,
                                 const std::string& request_id,
                                 const commands::Dispatcher::BeforeCommit& before_commit = {});

}  // namespace accord::bot
