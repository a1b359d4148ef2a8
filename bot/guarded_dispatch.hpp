// Running the core for a platform adapter: a failure of ours (a database error, a bug) becomes an
// apology with a reference to the log line, never an unanswered request. Shared by Slack and Teams.
#pragma once

#include <string>

#include "commands/core/dispatcher.hpp"

namespace accord::bot {

// What running the core came to: the reply, and whether it is the apology for a failure of ours
// (then nothing the workflow did was kept, `before_commit`'s work included).
struct Dispatched {
  commands::Reply reply;
  bool failed = false;
};

// `before_commit` runs inside the workflow's transaction, just before it commits.
Dispatched guarded_dispatch(commands::Dispatcher& dispatcher, const commands::Request& request,
                            const std::string& request_id,
                            const commands::Dispatcher::BeforeCommit& before_commit = {});

}  // namespace accord::bot
