// Demos: scheduled by the pm, reminded, and their feedback turned into tasks and change requests.
// What this domain offers: its commands with their help lines, and its help topics.
#include "commands/domains.hpp"

#include "commands/core/help.hpp"
#include "commands/demos/demo_commands.hpp"
#include "commands/demos/demo_reminders.hpp"

namespace accord::commands {
namespace {

Message demos_topic() {
  Message message;
  message.title = "Demos";
  message.sections = {
      command_line("demo schedule \"YYYY-MM-DD HH:MM\" [sprint=SP-n]",
                   "The pm schedules a demo, in the project's time zone; the channel is told."),
      command_line("demo feedback D-1 \"<text>\" [task=T-n] [kind=bug|tweak|idea]",
                   "Anyone on the project records feedback, optionally about a task. Without "
                   "kind=, feedback is a tweak."),
      command_line("demo list", "Every demo with its status; demo D-1 shows its feedback."),
      command_line("demo close D-1",
                   "The pm closes the demo: no more feedback, and a card proposes what each item "
                   "becomes."),
      command_line("demo convert D-1",
                   "The pm confirms (also the card's Confirm button): bugs become backlog tasks "
                   "of kind bug, tweaks tasks of kind feature, and ideas roadmap change requests "
                   "the customer approves like any other. Confirming twice changes nothing."),
      example("/accord demo feedback D-1 \"Export button is hard to find\" task=T-4 kind=tweak"),
  };
  return message;
}

}  // namespace

Domain demos_domain() {
  return {
      "demos",
      {
          {"demo",
           "",
           demo_command,
           Access::member,
           {{"demo schedule \"YYYY-MM-DD HH:MM\"",
             "Schedule a demo (pm); anyone then gives feedback on it."}}},
      },
      {
          {"demos", "demo", demos_topic},
      },
      {
          {kDemoDayJob, run_demo_day_reminder},
          {kDemoHourJob, run_demo_hour_reminder},
      },
  };
}

}  // namespace accord::commands
