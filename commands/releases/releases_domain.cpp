// Releases: deployments the pm plans for a date, with the tasks they ship (DESIGN §3.9).
// What this domain offers: its commands with their help lines, its help topic and its reminders.
#include "commands/domains.hpp"

#include "commands/core/help.hpp"
#include "commands/releases/release_commands.hpp"

namespace accord::commands {
namespace {

Message releases_topic() {
  Message message;
  message.title = "Releases";
  message.sections = {
      paragraph(Text("Dates are set by the people who do the work: a dev or lead sets a task's "
                     "delivery date, qa its testing date, and the pm deployments and demos. The "
                     "customer sets priorities.")),
      command_line("release plan \"v1.2\" date=YYYY-MM-DD [tasks=T-1,T-2]",
                   "The pm plans a deployment; the channel is told."),
      command_line("release move REL-1 date=YYYY-MM-DD [reason=\"...\"]",
                   "The pm moves it; a later date than announced is also told to the customer "
                   "and delegates."),
      command_line("release add REL-1 T-3 T-4", "The pm adds tasks it ships."),
      command_line("release shipped REL-1", "The pm marks it deployed."),
      command_line("release list", "Every release, soonest first; overdue ones flagged."),
      command_line("release show REL-1",
                   "Its date and the tasks it ships with their owners and dates."),
      paragraph(Text("The pm is reminded a working day before a deployment date, and told if it "
                     "passes without the release marked shipped.")),
      example("/accord release plan \"v1.2\" date=2027-01-15 tasks=T-3,T-4"),
  };
  return message;
}

}  // namespace

Domain releases_domain() {
  return {
      "releases",
      {
          {"release",
           "",
           release_command,
           Access::member,
           {{"release plan \"v1.2\" date=YYYY-MM-DD",
             "Plan a deployment (pm); release list shows them."}}},
      },
      {
          {"releases", "release", releases_topic},
      },
      {
          {kReleaseSoonJob, run_release_soon},
          {kReleasePassedJob, run_release_passed},
      },
  };
}

}  // namespace accord::commands
