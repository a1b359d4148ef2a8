// Sprints: planned against capacity, their scope frozen once they run, closed when the customer
// has accepted the work; and retrospectives.
// What this domain offers: its commands with their help lines, and its help topics.
#include "commands/domains.hpp"

#include "commands/core/help.hpp"
#include "commands/sprints/burn_down.hpp"
#include "commands/sprints/retro_commands.hpp"
#include "commands/sprints/sprint_commands.hpp"
#include "commands/sprints/sprint_ending.hpp"

namespace accord::commands {
namespace {

Message sprints_topic() {
  Message message;
  message.title = "Sprints and retrospectives";
  message.sections = {
      paragraph(Text("The pm plans, fills, starts and closes sprints; anyone on the project sees "
                     "them and adds retrospective notes. Every change is in the decision log.")),
      command_line("sprint plan \"<goal>\" start=YYYY-MM-DD [length=1w|2w]",
                   "A sprint starting on a working day; the length defaults to the project's. "
                   "Shows the dates and the capacity per person."),
      command_line("sprint add SP-1 T-1 T-2 [emergency=yes]",
                   "Backlog tasks join and become planned; a split task brings its subtasks, "
                   "which are then its planned hours. While it is planned, the customer and "
                   "delegates get a card of its tasks by priority to confirm. Once the sprint "
                   "runs its scope is frozen: "
                   "only a critical bug joins, or a production emergency recorded after the "
                   "fact with emergency=yes. Both are logged and announced in the channel."),
      command_line("sprint start SP-1 [force=yes]",
                   "Refused while a task has no estimate or is over 2h and not split, or the "
                   "work is over capacity, the team's or a person's; force=yes starts over "
                   "capacity and logs the override. Says whether the customer confirmed the "
                   "priorities (it does not wait for it). Warns when a critical backlog task is "
                   "left out. One sprint runs at a time."),
      command_line("sprint confirm SP-1 | sprint priorities SP-1",
                   "The customer or a delegate confirms the planned sprint's priorities, or sees "
                   "how to change them (the planning card's buttons)."),
      command_line("sprint close SP-1",
                   "Refused while tasks await acceptance. Unfinished and rejected work is "
                   "carried over into the next planned sprint, or a new one; the summary goes "
                   "to the channel."),
      command_line("sprint [SP-1]",
                   "Status, capacity, hours planned, done and remaining, tasks by status with "
                   "their dates (overdue flagged), each person's load against their capacity, "
                   "scope changes. Also: sprint list."),
      command_line("sprint hours @person 4h|default",
                   "Their own hours per day on this project, or the project's again."),
      command_line("sprint timeoff @person YYYY-MM-DD [YYYY-MM-DD]|clear",
                   "A day or a range (inclusive) off; only working days count."),
      paragraph(Text("Capacity: everyone holding lead, dev or qa (once, whatever roles they "
                     "hold) \xC3\x97 their hours per day \xC3\x97 the sprint's working days "
                     "(the project's workdays, Monday to Friday unless settings say otherwise, "
                     "less its holidays), less their days off. It is fixed when the sprint "
                     "starts.")),
      command_line("retro good|problem|action \"<text>\"",
                   "A note on the running sprint, else the one closed last; retro alone shows "
                   "them. Anyone on the project."),
      example("/accord sprint plan \"Self-service signup\" start=2026-11-30 length=2w"),
  };
  return message;
}

}  // namespace

Domain sprints_domain() {
  return {
      "sprints",
      {
          {"sprint",
           "",
           sprint_command,
           Access::member,
           {{"sprint", "The running or next sprint: capacity, hours planned and done."},
            {"sprint plan \"Goal\" start=YYYY-MM-DD",
             "Plan a sprint (pm); then sprint add, sprint start, sprint close."}}},
          {"retro",
           "",
           retro_command,
           Access::member,
           {{"retro good \"What went well\"", "A retrospective note (also: problem, action)."}}},
      },
      {
          {"sprints", "sprint", sprints_topic},
      },
      {
          {kSprintEndingJob, run_sprint_ending},
          {kBurnDownJob, run_burn_down_snapshot},
      },
      schedule_all_burn_downs,
  };
}

}  // namespace accord::commands
