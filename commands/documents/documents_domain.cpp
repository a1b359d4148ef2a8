// Documents: links to the project's documents, each visible only to the roles it is for
// (DESIGN §3.9). What this domain offers: its command with its help lines, and its help topic.
#include "commands/domains.hpp"

#include "commands/core/help.hpp"
#include "commands/documents/document_commands.hpp"

namespace accord::commands {
namespace {

Message documents_topic() {
  Message message;
  message.title = "Documents";
  message.sections = {
      paragraph(Text("All documents are available to project participants depending on their "
                     "roles, and unavailable for anyone else.")),
      command_line("doc add \"Title\" https://... [for=customer,pm,...] [test=yes]",
                   "A link to a document, for everyone on the project unless for= names the "
                   "roles that may see it. test=yes marks it as where to test: every acceptance "
                   "card links it. Customer, delegate, pm, lead, dev or qa."),
      command_line("doc list", "The documents your roles let you see, with their links."),
      command_line("doc remove DOC-1", "Whoever added it, or the pm."),
      paragraph(Text("Links are https:// (http:// only for localhost). Who sees a document "
                     "follows role changes at once; App Home lists yours. In Teams, add a "
                     "document for some roles in your 1:1 chat with Accord: a command typed in "
                     "a channel is read by everyone there.")),
      example("/accord doc add \"Staging\" https://staging.example.com test=yes"),
      example("/accord doc add \"Contract\" https://docs.example.com/contract for=customer,pm"),
  };
  return message;
}

}  // namespace

Domain documents_domain() {
  return {
      "documents",
      {
          {"doc",
           "",
           doc_command,
           Access::member,
           {{"doc add \"Title\" https://... [for=roles]",
             "Share a document with the roles that may see it; doc list shows yours."}}},
      },
      {
          {"documents", "doc", documents_topic},
      },
      {},
  };
}

}  // namespace accord::commands
