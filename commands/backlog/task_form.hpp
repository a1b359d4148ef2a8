// The "New task" form (a modal in Slack) that `task add` opens when no title is given, pre-filled
// with any options typed or sent by a template's button.
#pragma once

#include <map>
#include <string>

#include "commands/core/message.hpp"

namespace accord::commands {

// `values` are the options given so far, by field id; criteria may be "a; b" or one per line.
// Only customer-side roles get the priority field.
Form new_task_form(const std::map<std::string, std::string>& values, bool can_prioritise);

// The reply that opens the form, and says how to do the same by command where it can't open.
Reply new_task_form_reply(const std::map<std::string, std::string>& values, bool can_prioritise);

}  // namespace accord::commands
