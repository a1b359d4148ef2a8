// Looking up the objects of scope by the id a person typed (O-n, S-n, C-n) in the bound project,
// with the message to show when the id is malformed or names nothing.
#pragma once

#include <string_view>
#include <variant>

#include "commands/core/context.hpp"
#include "store/capabilities.hpp"
#include "store/objectives.hpp"
#include "store/scenarios.hpp"

namespace accord::commands {

// `token` may be null (the word is missing); usage_line is shown then.
std::variant<store::Objective, Reply> objective_named(Context& context, const Token* token,
                                                      std::string_view usage_line);
std::variant<store::Scenario, Reply> scenario_named(Context& context, const Token* token,
                                                    std::string_view usage_line);
std::variant<store::Capability, Reply> capability_named(Context& context, const Token* token,
                                                        std::string_view usage_line);

// The positional token at `index`, or null.
const Token* word_at(const CommandLine& args, std::size_t index);

}  // namespace accord::commands
