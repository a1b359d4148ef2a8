// Acceptance: work the team finishes waits for the customer to accept or reject it.
// What this domain offers: its commands with their help lines, and its help topics.
#include "commands/domains.hpp"

#include "commands/acceptance/acceptance_commands.hpp"
#include "commands/core/help.hpp"

namespace accord::commands {

Domain acceptance_domain() {
  return {
      "acceptance",
      {
          {"task",
           "start",
           start_task,
           Access::member,
           {{"task start T-1", "Start work on a task; it is in progress."}}},
          {"task",
           "done",
           finish_task,
           Access::member,
           {{"task done T-1", "Mark a task done; the customer is asked to accept it."}}},
          {"accept", "", accept_task, Access::member, {{"accept T-1", "Accept a finished task."}}},
          {"reject",
           "",
           reject_task,
           Access::member,
           {{"reject T-1 \"reason\"",
             "Reject a finished task, saying why; it goes back to the team."}}},
      },
      {},
      {},
  };
}

}  // namespace accord::commands
