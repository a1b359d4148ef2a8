// Problem reports and their resolution notes are confidential (DESIGN §3.7). Typed in a
// conversation others read (Request::typed_in_public: a Teams channel or group chat), the text was
// posted there before Accord saw it, so such a command is refused, privately, saying so and where
// to send it instead. A slash command, a button or a form is seen by the person alone.
#pragma once

#include <optional>

#include "commands/core/context.hpp"

namespace accord::commands {

// For `problem ...` (args from the subcommand on): the refusal when it was typed in public and
// carries report text (a report, a resolution note); nullopt otherwise.
std::optional<Reply> refuse_problem_text_typed_in_public(const Context& context,
                                                         const CommandLine& args);

}  // namespace accord::commands
