// Scope: the customer's business objectives and key scenarios, and the capabilities the team
// proposes for them.
// What this domain offers: its commands with their help lines, and its help topics.
#include "commands/domains.hpp"

#include "commands/core/help.hpp"
#include "commands/scope/capability_commands.hpp"
#include "commands/scope/objective_commands.hpp"
#include "commands/scope/proposal_commands.hpp"
#include "commands/scope/scenario_commands.hpp"

namespace accord::commands {
namespace {

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

}  // namespace

Domain scope_domain() {
  return {
      "scope",
      {
          {"objective",
           "",
           objective_command,
           Access::member,
           {{"objective add \"Title\"", "Record a business objective."},
            {"objective list", "See the project's objectives."},
            {"objective show O-1", "See one objective in full."}}},
          {"objectives",
           "",
           list_objectives,
           Access::member,
           {{"objectives", "The same as objective list."}}},
          {"scenario",
           "",
           scenario_command,
           Access::member,
           {{"scenario add O-1 \"Title\"", "Add a key scenario to an objective, ranked."}}},
          {"capability",
           "",
           capability_command,
           Access::member,
           {{"capability add O-1 \"Title\" covers=S-1", "Draft a capability (team)."}}},
          {"proposal",
           "",
           proposal_command,
           Access::member,
           {{"proposal submit O-1", "Send the capabilities to the customer to decide."},
            {"proposal show O-1", "Decisions and which top-five scenarios are covered."}}},
      },
      {
          {"objectives", "objective", objectives_topic},
          {"scope", "proposal", scope_topic},
      },
      {},
  };
}

}  // namespace accord::commands
