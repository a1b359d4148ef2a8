// `role add|remove @person <role>` and `roles`: who is on the project and in which capacity.
// The pm manages every role; a customer may appoint or remove a delegate (DESIGN §2).
#pragma once

#include <string_view>

#include "commands/core/context.hpp"
#include "store/roles.hpp"

namespace accord::commands {

Reply change_role(Context& context, const CommandLine& args);
Reply list_roles(Context& context, const CommandLine& args);

// One line on what the role does, for help and notifications.
std::string_view role_duties(store::Role role);

}  // namespace accord::commands
