// Problem reports: delivered privately to who can fix them, escalated when nothing happens.
// What this domain offers: its commands with their help lines, and its help topics.
#include "commands/domains.hpp"

#include "commands/core/help.hpp"
#include "commands/problems/problem_commands.hpp"
#include "commands/problems/problem_routing.hpp"

namespace accord::commands {
namespace {

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

}  // namespace

Domain problems_domain() {
  return {
      "problems",
      {
          // Finds its project itself: reports may be made in a direct message with Accord.
          {"problem",
           "",
           problem_command,
           Access::member_anywhere,
           {{"problem report team \"What is wrong\"",
             "Report a problem privately to the people who can fix it."}}},
      },
      {
          {"problems", "problem", problems_topic},
      },
      {
          {kProblemDeadlineJob, run_problem_deadline},
      },
      arm_all_reports_without_deadline,
  };
}

}  // namespace accord::commands
