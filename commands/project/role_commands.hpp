// `role add|remove @person <role>` and `roles`: who is on the project and in which capacity.
// The pm manages every role but leadership; a customer may appoint or remove a delegate
// (DESIGN §2). Leadership hears the reports about the pm, so only leadership adds or removes it,
// or makes someone in leadership pm; a project with none gets it from the server's operator.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "commands/core/context.hpp"
#include "store/roles.hpp"

namespace accord::commands {

Reply change_role(Context& context, const CommandLine& args);
Reply list_roles(Context& context, const CommandLine& args);

// What follows any new role, given by a pm or redeemed with a link code: where the person is
// reached (the request's platform and workspace), their time zone looked up, and for an approver
// a morning digest.
void welcome_member(Context& context, const std::string& user, store::Role role);

// One line on what the role does, for help and notifications.
std::string_view role_duties(store::Role role);
// Who adds the role and how, for someone told that nobody holds it.
Text how_to_add(const store::Project& project, store::Role role);

// `accord role grant-leadership|revoke-leadership`: the server's operator gives or takes
// leadership, e.g. the first of a project; logged and told as Accord's doing.
struct OperatorOutcome {
  bool changed = false;
  std::string message;  // what happened, or why nothing did
};
OperatorOutcome change_leadership_as_operator(store::Database& db, std::int64_t project_id,
                                              const std::string& user, bool grant,
                                              store::Timestamp now);
// `accord role add|remove --role R`: any role, the same way (e.g. yourself as the customer when
// you try Accord alone in the Agents Playground, whose composer can mention only the bot).
OperatorOutcome change_role_as_operator(store::Database& db, std::int64_t project_id,
                                        const std::string& user, store::Role role, bool grant,
                                        store::Timestamp now);

}  // namespace accord::commands
