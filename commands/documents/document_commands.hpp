// Documents by role (DESIGN §3.9): links to the project's documents, each for the roles that may
// see it and unavailable to anyone else; one may be marked where to test, and every acceptance
// card links it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/core/context.hpp"
#include "store/documents.hpp"

namespace accord::commands {

Reply doc_command(Context& context, const CommandLine& args);

// Whether `user`, holding `held`, may see it: it is for everyone, for one of their roles, or
// theirs.
bool may_see_document(const store::Document& document, const std::vector<store::Role>& held,
                      const std::string& user);
// The documents of the bound project `user` may see, in the order they were added.
std::vector<store::Document> visible_documents(Context& context, const std::string& user);
// "Where to test: <link>" for acceptance cards, when a document is marked so.
std::optional<Text> where_to_test_line(Context& context);
// A document as a line: its id, its title linking to it, and whom it is for.
Text document_line(const store::Document& document);

}  // namespace accord::commands
