#include "commands/core/dispatcher.hpp"

#include <charconv>
#include <string_view>

#include "commands/core/command_line.hpp"
#include "commands/core/context.hpp"
#include "commands/core/help.hpp"
#include "commands/core/names.hpp"
#include "commands/core/registry.hpp"
#include "store/projects.hpp"
#include "store/roles.hpp"

namespace accord::commands {
namespace {

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
// none. Honoured only for a member of that project, on the platform and in the workspace where
// Accord reaches them (the customer's Teams tenant, the contractor's Slack workspace).
std::optional<store::Project> card_project(Context& context, std::string_view id) {
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), number);
  if (ec != std::errc() || end != id.data() + id.size()) return std::nullopt;
  auto project = store::Projects(context.db).find(number);
  if (!project || store::Roles(context.db).of(project->id, context.request.user).empty()) {
    return std::nullopt;
  }
  const auto reach = reach_of(context.db, *project, context.request.user);
  if (reach.platform != context.request.platform || reach.workspace != context.request.workspace) {
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
  const auto second_word =
      line.positional.size() > 1 ? lower_ascii(line.positional[1].text) : std::string();
  const auto* command = registry().command(lower_ascii(word), second_word);
  if (command == nullptr) return unknown_command(word);

  context.project = store::Projects(context.db)
                        .find_by_channel(context.request.platform, context.request.workspace,
                                         context.request.channel);
  if (project_ref && (!context.project || std::to_string(context.project->id) != *project_ref)) {
    context.project = card_project(context, *project_ref);
    if (!context.project) {
      return private_reply(Text("That button belongs to a project you're not on."));
    }
  }
  // From here the command reads to write: its project's other commands wait (on PostgreSQL;
  // those without a project yet wait for each other).
  store::Transaction::lock_project(context.db, context.project ? context.project->id : 0);
  if (command->access == Access::member && !context.project) {
    return refuse(UserError::no_project);
  }
  if (command->access != Access::anyone && context.project) {
    auto held = store::Roles(context.db).of(context.project->id, context.request.user);
    if (held.empty()) return not_a_member(context);
    context.requester_roles_read = Context::KnownRoles{context.project->id, std::move(held)};
  }
  line.positional.erase(line.positional.begin());
  return command->run(context, line);
}

}  // namespace

Reply Dispatcher::handle(const Request& request, const BeforeCommit& before_commit) {
  // A command keeps to its project: on PostgreSQL it runs beside other projects' commands.
  store::Transaction transaction(db_, store::Scope::one_project);
  remember_names(db_, request, clock_.now());
  Reply reply = answer(request);
  // Every answer, a refusal of bad input included, reaches the adapter's hook: a platform that
  // answers only through it (Teams, a Slack click) would otherwise say nothing at all.
  if (before_commit) before_commit(reply);
  transaction.commit();
  return reply;
}

Reply Dispatcher::answer(const Request& request) {
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

  Context context{request, db_, clock_.now(), std::nullopt, public_url_, public_url_configured_};
  Reply reply = run(context, std::move(parsed.line), project_ref);
  // A form opened from such a card submits in the same conversation: it needs the project too.
  if (project_ref && context.project && reply.form) {
    reply.form->command += project_option(*context.project);
  }
  return reply;
}

}  // namespace accord::commands
