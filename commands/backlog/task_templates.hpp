// Task templates and recurring cases (DESIGN §3.9): the built-in feature and bug templates, and
// the project's own, which both sides write ("You can create a separate document describing
// recurring cases" to make task writing faster). `task add from=<name>` pre-fills from one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "commands/core/context.hpp"
#include "store/tasks.hpp"

namespace accord::commands {

struct TemplateFill {
  std::string name;
  std::string title;  // a skeleton for the title; may be empty
  store::TaskKind kind = store::TaskKind::feature;
  std::string story;
  std::vector<std::string> criteria;
  bool built_in = false;
};

// The project's template of that name, else the built-in one; nullopt when neither exists.
std::optional<TemplateFill> find_template(Context& context, const std::string& name);
// "No template `x`": the reply for a name that is neither, listing those there are.
Reply no_such_template(Context& context, const std::string& name, std::string_view usage_line);

// `task template <name>`: what a template fills in, with a button that opens the form with it.
Reply show_template(Context& context, const CommandLine& args);
// `template add|list|remove|show`.
Reply template_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
