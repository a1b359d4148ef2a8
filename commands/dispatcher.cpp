#include "commands/dispatcher.hpp"

#include <string_view>

#include "commands/command_line.hpp"
#include "commands/context.hpp"
#include "commands/help.hpp"
#include "commands/log_commands.hpp"
#include "commands/objective_commands.hpp"
#include "commands/project_setup.hpp"
#include "commands/role_commands.hpp"
#include "commands/task_commands.hpp"
#include "store/projects.hpp"

namespace accord::commands {
namespace {

struct Route {
  std::string_view name;
  Workflow run;
  bool needs_project;
};

// Commands by name. help lists exactly these; a new workflow is a new row and a help line.
constexpr Route kRoutes[] = {
    {"help", show_help, false},
    {"setup", setup_project, false},
    {"role", change_role, true},
    {"roles", list_roles, true},
    {"objective", objective_command, true},
    {"objectives", list_objectives, true},
    {"task", task_command, true},
    {"log", log_command, true},
};

const Route* find_route(std::string_view name) {
  for (const auto& route : kRoutes) {
    if (route.name == name) return &route;
  }
  return nullptr;
}

Reply unknown_command(const std::string& word) {
  return private_reply(Text("Unknown command ")
                           .code(word)
                           .plain(". Try ")
                           .code("/accord help")
                           .plain(" to see what I can do."));
}

Reply run(Context& context, CommandLine line) {
  if (line.positional.empty()) {
    if (!line.options.empty()) return refuse(UserError::missing_words);
    return show_help(context, line);
  }
  const auto word = line.positional.front().text;
  if (word.empty()) return refuse(UserError::missing_words);
  const auto* route = find_route(lower_ascii(word));
  if (route == nullptr) return unknown_command(word);

  context.project = store::Projects(context.db)
                        .find_by_channel(to_string(context.request.platform),
                                         context.request.workspace, context.request.channel);
  if (route->needs_project && !context.project) return refuse(UserError::no_project);
  line.positional.erase(line.positional.begin());
  return route->run(context, line);
}

}  // namespace

Reply Dispatcher::handle(const Request& request) {
  const bool clicked = !request.action_id.empty();
  const bool submitted = request.action_id == kSubmitFormAction;
  if (clicked && !submitted && request.action_id != kRunCommandAction) {
    return refuse(UserError::stale_action);
  }
  auto parsed = parse_command_line(clicked ? request.action_value : request.text);
  if (parsed.error) return private_reply(std::move(*parsed.error));
  if (submitted) {
    for (const auto& [field, value] : request.form_values) {
      parsed.line.options[field] = valid_utf8(value);
    }
  }

  store::Transaction transaction(db_);
  Context context{request, db_, clock_.now(), std::nullopt, public_url_};
  Reply reply = run(context, std::move(parsed.line));
  transaction.commit();
  return reply;
}

}  // namespace accord::commands
