// The roadmap and its change requests: the team proposes, the customer approves.
// What this domain offers: its commands with their help lines, and its help topics.
#include "commands/domains.hpp"

#include "commands/core/help.hpp"
#include "commands/roadmap/change_request_commands.hpp"
#include "commands/roadmap/change_request_expiry.hpp"
#include "commands/roadmap/roadmap_commands.hpp"

namespace accord::commands {
namespace {

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

}  // namespace

Domain roadmap_domain() {
  return {
      "roadmap",
      {
          {"roadmap",
           "",
           roadmap_command,
           Access::member,
           {{"roadmap", "The approved roadmap and what is only proposed."},
            {"roadmap move R-1 due=YYYY-MM-DD reason=\"...\"",
             "Propose a roadmap change (add, move, drop) for the customer to approve."}}},
          {"approve",
           "",
           approve_change_request,
           Access::member,
           {{"approve CR-1", "Approve a change request."}}},
          {"changes",
           "",
           request_changes,
           Access::member,
           {{"changes CR-1 \"comment\"", "Ask for changes to a change request, saying which."}}},
          {"decline",
           "",
           decline_change_request,
           Access::member,
           {{"decline CR-1 \"comment\"", "Decline a change request, saying why."}}},
          {"withdraw",
           "",
           withdraw_change_request,
           Access::member,
           {{"withdraw CR-1", "Withdraw a change request you proposed."}}},
      },
      {
          {"roadmap", "approvals", roadmap_topic},
      },
      {
          {kChangeRequestExpiryJob, run_change_request_expiry},
      },
  };
}

}  // namespace accord::commands
