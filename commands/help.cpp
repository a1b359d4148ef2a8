#include "commands/help.hpp"

#include <utility>

#include "commands/role_commands.hpp"
#include "commands/time_policy.hpp"

namespace accord::commands {
namespace {

struct Topic {
  std::string_view name;
  std::string_view alias;
  Message (*build)();
};

Section command_line(std::string command, std::string_view description) {
  return paragraph(Text().code("/accord " + command).plain(" — ").plain(std::string(description)));
}

Section example(std::string command) {
  return paragraph(Text("Example: ").code(std::move(command)));
}

Message overview() {
  Message message;
  message.title = "Accord";
  message.summary = "Accord commands";
  message.sections = {
      paragraph(Text("Accord keeps the customer and the team on the same page: who holds which "
                     "role, the business objectives, the backlog, and a log of every decision.")),
      command_line("setup \"Project name\"", "Start a project in this channel; you become its pm."),
      command_line("role add @person <role>", "Give someone a role on the project."),
      command_line("role remove @person <role>", "Take a role away."),
      command_line("roles", "See who holds which role."),
      command_line("objective add \"Title\"", "Record a business objective."),
      command_line("objective list", "See the project's objectives."),
      command_line("objective show O-1", "See one objective in full."),
      command_line("task add \"Title\"",
                   "Add a task to the backlog; without a title, a form opens."),
      command_line("task list", "See the backlog, most urgent first."),
      command_line("task show T-1", "See one task: story, criteria, subtasks."),
      command_line("task done T-1", "Mark a task done; the customer is asked to accept it."),
      command_line("accept T-1", "Accept a finished task (also: reject T-1 \"reason\")."),
      command_line("pending", "What waits on you, oldest first, and for how long."),
      command_line("snooze digest 1h",
                   "Put off your morning digest an hour (or until tomorrow); its buttons do this."),
      command_line("log", "See the latest decisions; log export gives the whole log as files."),
      command_line("scenario add O-1 \"Title\"", "Add a key scenario to an objective, ranked."),
      command_line("capability add O-1 \"Title\" covers=S-1", "Draft a capability (team)."),
      command_line("proposal submit O-1", "Send the capabilities to the customer to decide."),
      command_line("proposal show O-1", "Decisions and which top-five scenarios are covered."),
      command_line("roadmap", "The approved roadmap and what is only proposed."),
      command_line("roadmap move R-1 due=YYYY-MM-DD reason=\"...\"",
                   "Propose a roadmap change (add, move, drop) for the customer to approve."),
      command_line("approve CR-1", "Approve a change request (also: changes, decline)."),
      command_line("approvals", "What waits on a customer decision."),
      command_line("sprint", "The running or next sprint: capacity, hours planned and done."),
      command_line("sprint plan \"Goal\" start=YYYY-MM-DD",
                   "Plan a sprint (pm); then sprint add, sprint start, sprint close."),
      command_line("retro good \"What went well\"",
                   "A retrospective note (also: problem, action)."),
      command_line("demo schedule \"YYYY-MM-DD HH:MM\"",
                   "Schedule a demo (pm); anyone then gives feedback on it."),
      command_line("settings", "The project's settings, e.g. the approval rule."),
      command_line("problem report team \"What is wrong\"",
                   "Report a problem privately to the people who can fix it."),
      command_line("help <topic>",
                   "Details and examples: setup, roles, objectives, scope, roadmap, settings, "
                   "tasks, sprints, demos, log, problems."),
  };
  message.buttons = {
      command_button("Setting up", "help setup"),
      command_button("Roles", "help roles"),
      command_button("Objectives", "help objectives"),
  };
  return message;
}

Message setup_topic() {
  Message message;
  message.title = "Setting up a project";
  message.sections = {
      paragraph(
          Text().code("/accord setup \"Project name\" [tz=<zone>] [sprint=1w|2w] [hours=<h>]")),
      paragraph(Text("Binds this channel to a new project and makes you its ")
                    .strong("pm")
                    .plain(". One project per channel.")),
      paragraph(
          Text("Options"),
          {Field{"tz", Text("The project's IANA time zone, e.g. Europe/Berlin. Default UTC.")},
           Field{"sprint", Text("Sprint length: 1w or 2w. Default 2w.")},
           Field{"hours", Text("Working hours per person per day, for sprint capacity. "
                               "Default 6.")}}),
      example("/accord setup \"Apollo Redesign\" tz=Europe/Berlin sprint=2w hours=6"),
  };
  return message;
}

Message roles_topic() {
  Message message;
  message.title = "Roles";
  message.sections = {
      paragraph(Text()
                    .code("/accord role add @person <role>")
                    .plain("  ")
                    .code("/accord role remove @person <role>")
                    .plain("  ")
                    .code("/accord roles")),
      paragraph(Text("The project's ")
                    .strong("pm")
                    .plain(" adds and removes any role but leadership. A ")
                    .strong("customer")
                    .plain(" can appoint or remove a ")
                    .strong("delegate")
                    .plain(". A person may hold several roles. Only people with a role on the "
                           "project can use Accord in its channel; the pm adds them.")),
      paragraph(Text()
                    .strong("leadership")
                    .plain(" hears the problem reports about the pm, so only leadership adds or "
                           "removes leadership, or makes someone in leadership pm. A project "
                           "with no leadership gets its first from whoever runs the Accord "
                           "server (")
                    .code("accord role grant-leadership")
                    .plain("). Someone who was pm never sees the pm reports filed while they "
                           "were, even after joining leadership.")),
  };
  Section duties = paragraph(Text("What each role does"));
  for (auto role : store::all_roles()) {
    duties.fields.push_back(
        Field{std::string(store::to_string(role)), Text(std::string(role_duties(role)))});
  }
  // Block Kit shows at most 10 fields per section; there are 8 roles.
  message.sections.push_back(std::move(duties));
  message.sections.push_back(example("/accord role add @maria customer"));
  return message;
}

Message objectives_topic() {
  Message message;
  message.title = "Objectives";
  message.sections = {
      paragraph(Text().code("/accord objective add \"Title\" [metric=\"...\"] [target=YYYY-MM-DD] "
                            "[context=\"...\"]")),
      paragraph(
          Text().code("/accord objective list").plain("  ").code("/accord objective show O-1")),
      paragraph(Text("Projects start from business objectives, not feature lists. The customer, a "
                     "delegate or the pm records each one with how success is measured and by "
                     "when. Objectives are numbered O-1, O-2, …")),
      example("/accord objective add \"Faster onboarding\" metric=\"days to first invoice\" "
              "target=2027-03-31"),
  };
  return message;
}

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
                   "The backlog, most urgent first. Anyone on the project."),
      command_line("task show T-1", "Everything about a task. Anyone on the project."),
      command_line("task story T-1 \"As a … I want … so that …\"",
                   "Customer, delegate, pm, lead, dev or qa."),
      command_line("task criteria T-1 \"<criterion>\"",
                   "Adds an acceptance criterion; `clear` removes them all. Customer, delegate, "
                   "pm, lead, dev or qa."),
      command_line("task priority T-1 high", "Only the customer or a delegate sets priority."),
      command_line("task estimate T-1 3h", "pm, lead, dev or qa."),
      command_line("task split T-1 \"Subtask\" estimate=2h",
                   "A subtask of at most 2 hours. pm, lead, dev or qa."),
      command_line("task template feature|bug", "A pre-filled story and criteria for the form."),
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

Message scope_topic() {
  Message message;
  message.title = "Scenarios and proposals";
  message.sections = {
      paragraph(Text()
                    .code("/accord scenario add O-1 \"Title\" [rank=N]")
                    .plain("  ")
                    .code("/accord scenario rank S-1 <rank>")
                    .plain("  ")
                    .code("/accord scenario list O-1")),
      paragraph(Text("The customer, a delegate or the pm ranks each objective's key scenarios by "
                     "impact. Ranks 1\xE2\x80\x93"
                     "5 are the top five that shape the proposal; "
                     "the rest wait below the line.")),
      paragraph(Text()
                    .code("/accord capability add O-1 \"Title\" covers=S-1,S-2 [size=40h]")
                    .plain("  ")
                    .code("/accord proposal submit O-1")
                    .plain("  ")
                    .code("/accord proposal show O-1")),
      paragraph(Text("The team drafts capabilities; the pm or a lead submits them. The customer "
                     "or a delegate decides each: Accept, Change or Out of scope (the last two "
                     "with a comment), on the card or with ")
                    .code("/accord proposal decide C-1 accept|change|out [comment=\"...\"]")
                    .plain(". Accepted capabilities become epics and unscheduled roadmap items.")),
      example("/accord capability add O-1 \"Guided signup\" covers=S-1,S-2 size=40h"),
  };
  return message;
}

Message log_topic() {
  Message message;
  message.title = "Decision log";
  message.sections = {
      paragraph(Text().code("/accord log [n]").plain("  ").code("/accord log export")),
      paragraph(Text("Every change is recorded: who, when, what, before and after. ")
                    .code("/accord log")
                    .plain(" shows the latest 20 (up to 100). ")
                    .code("/accord log export")
                    .plain(" gives the whole log as CSV and as Markdown for a statement of work, "
                           "through private links that expire in 24 hours. Anyone with a role "
                           "on the project can read the log.")),
      example("/accord log 50"),
  };
  return message;
}

Message roadmap_topic() {
  Message message;
  message.title = "Roadmap and change requests";
  message.sections = {
      paragraph(Text().code("/accord roadmap").plain("  ").code("/accord roadmap history")),
      paragraph(Text()
                    .code("/accord roadmap add \"Title\" due=YYYY-MM-DD [epic=C-n] "
                          "reason=\"...\"")
                    .plain("  ")
                    .code("/accord roadmap move R-1 due=YYYY-MM-DD reason=\"...\"")
                    .plain("  ")
                    .code("/accord roadmap drop R-1 reason=\"...\"")),
      paragraph(Text("Every change to the roadmap is a change request (CR-1, CR-2, \xE2\x80\xA6) "
                     "proposed by the pm or a lead with a reason. The customer and delegates "
                     "get a card to decide; each approval makes a new baseline version.")),
      paragraph(Text()
                    .code("/accord approve CR-1 [comment]")
                    .plain("  ")
                    .code("/accord changes CR-1 \"comment\"")
                    .plain("  ")
                    .code("/accord decline CR-1 \"comment\"")
                    .plain("  ")
                    .code("/accord withdraw CR-1")
                    .plain("  ")
                    .code("/accord approvals")),
      example("/accord roadmap move R-2 due=2027-02-01 reason=\"Payment provider is late\""),
  };
  return message;
}

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

Message settings_topic() {
  Message message;
  message.title = "Settings";
  std::vector<Field> fields;
  for (const auto& spec : setting_specs()) {
    fields.push_back(Field{std::string(spec.key),
                           Text(std::string(spec.meaning) + ". Default ")
                               .code(std::string(spec.default_value))
                               .plain(", e.g. ")
                               .code(std::string(spec.key) + "=" + std::string(spec.example))});
  }
  message.sections = {
      paragraph(Text()
                    .code("/accord settings")
                    .plain("  ")
                    .code("/accord settings key=value [key=value ...]")),
      paragraph(Text("Everyone on the project can read the settings; the pm changes them. Business "
                     "time counts "
                     "only working hours on working days, minus holidays. Each approver gets a "
                     "digest of what waits on them at the digest time in their own time zone, "
                     "on working days, and only when something waits; it has Snooze buttons."),
                std::move(fields)),
  };
  return message;
}

Message problems_topic() {
  Message message;
  message.title = "Problem reports";
  message.sections = {
      paragraph(Text().code(
          "/accord problem report team|pm|performance|deadline|other \"<text>\" [about=@person]")),
      paragraph(Text("A report is private: you get a confirmation, and only the people its "
                     "category goes to get a direct message. It is never posted in the channel "
                     "and never in the decision log."),
                {Field{"team", Text("to the pm, then leadership; never shown to the person named "
                                    "with about=")},
                 Field{"pm", Text("to leadership only; never shown to a pm of the project, "
                                  "nor to whoever was pm when it was filed")},
                 Field{"performance, deadline", Text("to the pm and lead, then leadership")},
                 Field{"other", Text("to the pm, then leadership")}}),
      paragraph(Text()
                    .code("/accord problem ack PR-7KQ2")
                    .plain("  ")
                    .code("/accord problem resolve PR-7KQ2 \"<note>\"")
                    .plain("  ")
                    .code("/accord problem reopen PR-7KQ2")
                    .plain("  ")
                    .code("/accord problem list")
                    .plain("  ")
                    .code("/accord problem show PR-7KQ2")),
      paragraph(Text("A report's id is a random code, in any case (pr-7kq2 works too): unlike "
                     "other ids it counts nothing, so it says nothing of the reports you may "
                     "not see.")),
      paragraph(Text("In a direct message with Accord, add ")
                    .code("project=<name>")
                    .plain(" if you are on several projects.")),
      example("/accord problem report deadline \"The login page slipped twice\""),
  };
  return message;
}

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
                   "which are then its planned hours. Once the sprint runs its scope is frozen: "
                   "only a critical bug joins, or a production emergency recorded after the "
                   "fact with emergency=yes. Both are logged and announced in the channel."),
      command_line("sprint start SP-1 [force=yes]",
                   "Refused while a task has no estimate or is over 2h and not split, or the "
                   "work is over capacity; force=yes starts over capacity and logs the "
                   "override. Warns when a critical backlog task is left out. One sprint runs "
                   "at a time."),
      command_line("sprint close SP-1",
                   "Refused while tasks await acceptance. Unfinished and rejected work is "
                   "carried over into the next planned sprint, or a new one; the summary goes "
                   "to the channel."),
      command_line("sprint [SP-1]",
                   "Status, capacity, hours planned, done and remaining, "
                   "tasks by status, scope changes. Also: sprint list."),
      command_line("sprint hours @person 4h|default",
                   "Their own hours per day on this project, or the project's again."),
      command_line("sprint timeoff @person YYYY-MM-DD [YYYY-MM-DD]|clear",
                   "A day or a range (inclusive) off; only working days count."),
      paragraph(Text("Capacity: everyone holding lead, dev or qa (once, whatever roles they "
                     "hold) \xC3\x97 their hours per day \xC3\x97 the sprint's working days "
                     "(Monday to Friday), less their days off. It is fixed when the sprint "
                     "starts.")),
      command_line("retro good|problem|action \"<text>\"",
                   "A note on the running sprint, else the one closed last; retro alone shows "
                   "them. Anyone on the project."),
      example("/accord sprint plan \"Self-service signup\" start=2026-11-30 length=2w"),
  };
  return message;
}

constexpr Topic kTopics[] = {
    {"setup", "project", setup_topic},
    {"roles", "role", roles_topic},
    {"objectives", "objective", objectives_topic},
    {"tasks", "task", tasks_topic},
    {"log", "decisions", log_topic},
    {"scope", "proposal", scope_topic},
    {"roadmap", "approvals", roadmap_topic},
    {"settings", "setting", settings_topic},
    {"demos", "demo", demos_topic},
    {"problems", "problem", problems_topic},
    {"sprints", "sprint", sprints_topic},
};

}  // namespace

Reply show_help(Context&, const CommandLine& args) {
  if (args.positional.empty()) return private_reply(overview());
  const auto wanted = lower_ascii(args.positional.front().text);
  for (const auto& topic : kTopics) {
    if (wanted == topic.name || wanted == topic.alias) return private_reply(topic.build());
  }
  Text text = Text("I have no help on ").code(args.positional.front().text).plain(". Topics:");
  for (const auto& topic : kTopics) text.plain(" ").code(std::string(topic.name));
  return private_reply(text.plain(". Or type ").code("/accord help").plain(" for everything."));
}

}  // namespace accord::commands
