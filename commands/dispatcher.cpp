#include "commands/dispatcher.hpp"
#include "commands/digest.hpp"

#include <charconv>
#include <string_view>

#include "commands/acceptance_commands.hpp"
#include "commands/capability_commands.hpp"
#include "commands/change_request_commands.hpp"
#include "commands/command_line.hpp"
#include "commands/context.hpp"
#include "commands/demo_commands.hpp"
#include "commands/help.hpp"
#include "commands/log_commands.hpp"
#include "commands/objective_commands.hpp"
#include "commands/pending_approvals.hpp"
#include "commands/pending_commands.hpp"
#include "commands/problem_commands.hpp"
#include "commands/project_setup.hpp"
#include "commands/proposal_commands.hpp"
#include "commands/retro_commands.hpp"
#include "commands/roadmap_commands.hpp"
#include "commands/role_commands.hpp"
#include "commands/scenario_commands.hpp"
#include "commands/settings_commands.hpp"
#include "commands/sprint_commands.hpp"
#include "commands/task_commands.hpp"
#include "store/projects.hpp"
#include "store/roles.hpp"

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
    {"scenario", scenario_command, true},
    {"capability", capability_command, true},
    {"proposal", proposal_command, true},
    {"roadmap", roadmap_command, true},
    {"approve", approve_change_request, true},
    {"changes", request_changes, true},
    {"decline", decline_change_request, true},
    {"withdraw", withdraw_change_request, true},
    {"approvals", list_approvals, true},
    {"settings", settings_command, true},
    // Finds its project itself: reports may be made in a direct message with Accord.
    {"problem", problem_command, false},
    {"accept", accept_task, true},
    {"reject", reject_task, true},
    {"pending", list_pending, true},
    {"sprint", sprint_command, true},
    {"retro", retro_command, true},
    {"demo", demo_command, true},
    {"snooze", snooze_command, true},
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

// A card's button in a direct message names its project (kProjectOption): the conversation has
// none. Honoured only for a member of that project in the same workspace.
std::optional<store::Project> card_project(Context& context, std::string_view id) {
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), number);
  if (ec != std::errc() || end != id.data() + id.size()) return std::nullopt;
  auto project = store::Projects(context.db).find(number);
  if (!project || project->platform != to_string(context.request.platform) ||
      project->workspace != context.request.workspace ||
      store::Roles(context.db).of(project->id, context.request.user).empty()) {
    return std::nullopt;
  }
  return project;
}

Reply run(Context& context, CommandLine line, const std::optional<std::string>& project_ref) {
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
  if (project_ref && (!context.project || std::to_string(context.project->id) != *project_ref)) {
    context.project = card_project(context, *project_ref);
    if (!context.project) {
      return private_reply(Text("That button belongs to a project you're not on."));
    }
  }
  if (route->needs_project && !context.project) return refuse(UserError::no_project);
  line.positional.erase(line.positional.begin());
  return route->run(context, line);
}

}  // namespace

Reply Dispatcher::handle(const Request& request, const BeforeCommit& before_commit) {
  const bool clicked = !request.action_id.empty();
  const bool submitted = request.action_id == kSubmitFormAction;
  if (clicked && !submitted && request.action_id != kRunCommandAction) {
    return refuse(UserError::stale_action);
  }
  auto parsed = parse_command_line(clicked ? request.action_value : request.text);
  if (parsed.error) return private_reply(std::move(*parsed.error));
  std::optional<std::string> project_ref;
  if (const auto ref = parsed.line.options.find(kProjectOption);
      clicked && ref != parsed.line.options.end()) {
    project_ref = ref->second;
    parsed.line.options.erase(ref);
  }
  if (submitted) {
    for (const auto& [field, value] : request.form_values) {
      parsed.line.options[field] = valid_utf8(value);
    }
  }

  store::Transaction transaction(db_);
  Context context{request, db_, clock_.now(), std::nullopt, public_url_};
  Reply reply = run(context, std::move(parsed.line), project_ref);
  // A form opened from such a card submits in the same conversation: it needs the project too.
  if (project_ref && context.project && reply.form) {
    reply.form->command += project_option(*context.project);
  }
  if (before_commit) before_commit(reply);
  transaction.commit();
  return reply;
}

}  // namespace accord::commands
