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

// Who may run a command. Everything of a project is for its members: checked here, once, for
// every command, typed or clicked, so no workflow can forget it.
enum class Access {
  anyone,           // what a newcomer needs: help, and setup of a channel with no project
  member,           // a project bound here (or named by a card's button), and a role in it
  member_anywhere,  // as member where a project is bound; elsewhere (a direct message with
                    // Accord) the workflow picks among the person's own projects
};

struct Route {
  std::string_view name;
  Workflow run;
  Access access;
};

// Commands by name. help lists exactly these; a new workflow is a new row and a help line.
constexpr Route kRoutes[] = {
    {"help", show_help, Access::anyone},
    {"setup", setup_project, Access::anyone},
    {"role", change_role, Access::member},
    {"roles", list_roles, Access::member},
    {"objective", objective_command, Access::member},
    {"objectives", list_objectives, Access::member},
    {"task", task_command, Access::member},
    {"log", log_command, Access::member},
    {"scenario", scenario_command, Access::member},
    {"capability", capability_command, Access::member},
    {"proposal", proposal_command, Access::member},
    {"roadmap", roadmap_command, Access::member},
    {"approve", approve_change_request, Access::member},
    {"changes", request_changes, Access::member},
    {"decline", decline_change_request, Access::member},
    {"withdraw", withdraw_change_request, Access::member},
    {"approvals", list_approvals, Access::member},
    {"settings", settings_command, Access::member},
    // Reports may be made in a direct message with Accord.
    {"problem", problem_command, Access::member_anywhere},
    {"accept", accept_task, Access::member},
    {"reject", reject_task, Access::member},
    {"pending", list_pending, Access::member},
    {"sprint", sprint_command, Access::member},
    {"retro", retro_command, Access::member},
    {"demo", demo_command, Access::member},
    {"snooze", snooze_command, Access::member},
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

// Someone with no role in the channel's project: nothing of it, but who can add them.
Reply not_a_member(Context& context) {
  Text text(
      "Only the project's team can use Accord in this channel. You are: not on this project's "
      "team. If you should be, the pm can add you (");
  bool first = true;
  for (const auto& member : store::Roles(context.db).list(context.bound_project().id)) {
    if (member.role != store::Role::pm) continue;
    if (!first) text.plain(", ");
    text.mention(member.user);
    first = false;
  }
  return private_reply(text.plain(") with ")
                           .code("/accord role add @you <role>")
                           .plain(". ")
                           .code("/accord help")
                           .plain(" says what Accord does."));
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
  if (route->access == Access::member && !context.project) return refuse(UserError::no_project);
  if (route->access != Access::anyone && context.project &&
      store::Roles(context.db).of(context.project->id, context.request.user).empty()) {
    return not_a_member(context);
  }
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
