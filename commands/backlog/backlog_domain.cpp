// The backlog: tasks with their stories, acceptance criteria, priorities, estimates and subtasks.
// What this domain offers: its commands with their help lines, and its help topics.
#include "commands/domains.hpp"

#include "commands/backlog/task_commands.hpp"
#include "commands/backlog/task_dates.hpp"
#include "commands/backlog/task_templates.hpp"
#include "commands/core/help.hpp"

namespace accord::commands {
namespace {

Message tasks_topic() {
  Message message;
  message.title = "Tasks";
  message.sections = {
      paragraph(Text().code("/accord task add \"Title\" [kind=feature|bug|debt|test|docs] "
                            "[priority=critical|high|medium|low] [estimate=3h] [epic=C-1] "
                            "[story=\"...\"] [criteria=\"first; second\"]")),
      paragraph(Text("Everyone on the project adds tasks. Without a title, ")
                    .code("/accord task add")
                    .plain(" opens a form. Estimates are hours or minutes: 3h, 1.5h, 90m.")),
      command_line("task list [status=backlog|planned|in_progress|awaiting_acceptance|accepted]",
                   "The backlog, most urgent first, with each task's owner and dates; overdue "
                   "ones are flagged. Anyone on the project."),
      command_line("task list mine", "Your tasks not accepted yet, most urgent first."),
      command_line("task show T-1", "Everything about a task. Anyone on the project."),
      command_line("task story T-1 \"As a … I want … so that …\"",
                   "Customer, delegate, pm, lead, dev or qa."),
      command_line("task criteria T-1 \"<criterion>\"",
                   "Adds an acceptance criterion; `clear` removes them all. Customer, delegate, "
                   "pm, lead, dev or qa."),
      command_line("task priority T-1 high", "Only the customer or a delegate sets priority."),
      command_line("task estimate T-1 3h", "pm, lead, dev or qa."),
      command_line("task assign T-1 @person|none",
                   "Who does it: one person of the team (lead, dev or qa); a subtask may have its "
                   "own. pm, lead, dev or qa. `task list mine` shows yours."),
      command_line("task due T-1 YYYY-MM-DD|none [reason=\"...\"]",
                   "The delivery date, set by the dev or lead who does the work (not the "
                   "customer, who sets priorities). A later date than announced is told to the "
                   "customer. The owner is reminded a working day before; the pm hears if it "
                   "passes."),
      command_line("task testdue T-1 YYYY-MM-DD|none [reason=\"...\"]",
                   "The testing date, set by qa; not before the delivery date. qa is reminded a "
                   "working day before."),
      command_line("task split T-1 \"Subtask\" estimate=2h",
                   "A subtask of at most 2 hours. pm, lead, dev or qa."),
      command_line("task template feature|bug|<name>",
                   "What a template fills in, with a button that opens the form with it."),
      command_line("template add <name> \"Title skeleton\" [kind=bug] [story=\"...\"] "
                   "[criteria=\"a; b\"]",
                   "A template or recurring case of this project; both sides write them. Named "
                   "feature or bug, it replaces the built-in one here."),
      command_line("template list", "This project's templates and the built-in ones."),
      command_line("template remove <name>", "Customer, delegate, pm, lead, dev or qa."),
      command_line("task add \"Title\" from=<name>",
                   "A task pre-filled from a template; without a title, the form opens with it."),
      command_line("task start T-1", "Backlog or planned to in progress. pm, lead, dev or qa."),
      command_line("task done T-1",
                   "Awaiting acceptance: the customer and delegates get a card with the story, "
                   "the criteria and Accept / Reject. A task with subtasks is done when each of "
                   "them is. pm, lead, dev or qa."),
      command_line("accept T-1 [note]", "Accepts a finished task. Customer or delegate."),
      command_line("reject T-1 \"<reason>\"",
                   "Sends it back to the backlog with the reason; without one, a form asks. "
                   "Customer or delegate."),
      command_line("pending",
                   "What waits on you, oldest first with how long; for the team, what waits on "
                   "the customer."),
      paragraph(Text("The sponsor and leadership can add and read tasks; they don't edit them.")),
      example("/accord task add \"Login fails on Safari\" kind=bug estimate=90m"),
  };
  return message;
}

}  // namespace

Domain backlog_domain() {
  return {
      "backlog",
      {
          {"task",
           "",
           task_command,
           Access::member,
           {{"task add \"Title\"", "Add a task to the backlog; without a title, a form opens."},
            {"task list", "See the backlog, most urgent first."},
            {"task show T-1", "See one task: story, criteria, subtasks."}}},
          {"template",
           "",
           template_command,
           Access::member,
           {{"template add <name> \"Title\" story=\"...\"",
             "A recurring case as a template; task add from=<name> uses it."}}},
      },
      {
          {"tasks", "task", tasks_topic},
      },
      {
          {kTaskDueSoonJob, run_task_due_soon},
          {kTaskDuePassedJob, run_task_due_passed},
          {kTestDueSoonJob, run_test_due_soon},
          {kTestDuePassedJob, run_test_due_passed},
      },
  };
}

}  // namespace accord::commands
