// The person's home screen (Slack App Home): the projects they belong to, with their roles, and
// how to get started. Grows into the full dashboard of what waits on them.
#pragma once

#include <string>

#include "commands/message.hpp"
#include "commands/request.hpp"
#include "store/database.hpp"

namespace accord::commands {

Message build_home(store::Database& db, Platform platform, const std::string& workspace,
                   const std::string& user);

}  // namespace accord::commands
