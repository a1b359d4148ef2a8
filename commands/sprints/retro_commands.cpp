#include "commands/sprints/retro_commands.hpp"

#include <nlohmann/json.hpp>

#include "commands/backlog/task_rules.hpp"
#include "commands/sprints/sprint_view.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "store/sprints.hpp"

namespace accord::commands {
namespace {

constexpr std::string_view kRetroUsage = "retro good|problem|action \"<text>\"";
constexpr std::size_t kMaxRetroNote = 1000;

// The running sprint, else the one closed last.
std::optional<store::Sprint> retro_sprint(Context& context) {
  store::Sprints sprints(context.db);
  auto sprint = sprints.active(context.bound_project().id);
  if (!sprint) sprint = sprints.latest_closed(context.bound_project().id);
  return sprint;
}

Reply no_sprint() {
  return private_reply(
      Text("No sprint has started yet, so there is no retrospective to note. "
           "Notes go on the running sprint, or else the one closed last."));
}

}  // namespace

Reply retro_command(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kRetroUsage)) return std::move(*refusal);
  const auto sprint = retro_sprint(context);
  if (args.positional.empty()) {
    if (!sprint) return no_sprint();
    Message message;
    message.title = "Retrospective of " + sprint_id(*sprint) + ": " + sprint->goal;
    message.sections = retro_sections(store::Sprints(context.db).notes(sprint->id));
    return private_reply(std::move(message));
  }
  const auto kind = store::parse_retro_kind(lower_ascii(args.positional[0].text));
  if (!kind) {
    return usage(Text("Say which kind of note: ")
                     .code("good")
                     .plain(", ")
                     .code("problem")
                     .plain(" or ")
                     .code("action")
                     .plain("."),
                 kRetroUsage);
  }
  const auto text = join_words(args.positional, 1);
  if (text.empty()) return usage(Text("Write the note."), kRetroUsage);
  if (character_count(text) > kMaxRetroNote) {
    return private_reply(
        Text("Keep a note to " + std::to_string(kMaxRetroNote) + " characters. Nothing saved."));
  }
  if (!sprint) return no_sprint();
  store::Sprints(context.db).add_note(sprint->id, *kind, text, context.request.user, context.now);
  const auto id = sprint_id(*sprint);
  const nlohmann::ordered_json after = {{"kind", store::to_string(*kind)}, {"text", text}};
  record_decision(context, "retro.note", id, "", after.dump());
  return private_reply(Text("Noted under ")
                           .strong(std::string(store::to_string(*kind)))
                           .plain(" for ")
                           .code(id)
                           .plain(". ")
                           .code("/accord retro")
                           .plain(" shows every note."));
}

}  // namespace accord::commands
