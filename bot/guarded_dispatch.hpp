// Running the core for a platform adapter: a failure of ours (a database error, a bug) becomes an
// apology with a reference to the log line, never an unanswered request. Shared by Slack and Teams.
#pragma once

#include <string>

#include "commands/dispatcher.hpp"

namespace accord::bot {

commands::Reply guarded_dispatch(commands::Dispatcher& dispatcher, const commands::Request& request,
                                 const std::string& request_id);

}  // namespace accord::bot
