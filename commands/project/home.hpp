// The person's home screen (Slack App Home): for each of their projects, their roles, what waits
// on them (oldest first, with its age), the open problem reports they may see, and the running
// sprint's state. Published when they open it and again when something of theirs changes.
#pragma once

#include <string>

#include "commands/core/message.hpp"
#include "commands/core/request.hpp"
#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::commands {

// Inside the caller's transaction.
Message home_message(store::Database& db, Platform platform, const std::string& workspace,
                     const std::string& user, store::Timestamp now);
// In a read-only transaction of its own.
Message build_home(store::Database& db, Platform platform, const std::string& workspace,
                   const std::string& user, store::Timestamp now);

}  // namespace accord::commands
