#include "commands/scope/scope_objects.hpp"

#include "commands/core/object_ids.hpp"

namespace accord::commands {
namespace {

Reply not_found(std::string_view what, const std::string& id, std::string_view list_command) {
  return private_reply(Text("No " + std::string(what) + " ")
                           .code(id)
                           .plain(" in this project. ")
                           .code("/accord " + std::string(list_command))
                           .plain(" shows them."));
}

template <typename Found, typename Find>
std::variant<Found, Reply> named(const Token* token, std::string_view prefix, std::string_view what,
                                 std::string_view usage_line, std::string_view list_command,
                                 Find find) {
  const auto number = token ? parse_object_id(prefix, token->text) : std::nullopt;
  if (!number) {
    return usage(Text("Say which " + std::string(what) + ", by its id (like ")
                     .code(std::string(prefix) + "-1")
                     .plain(")."),
                 usage_line);
  }
  auto found = find(*number);
  if (!found) return not_found(what, object_id(prefix, *number), list_command);
  return std::move(*found);
}

}  // namespace

const Token* word_at(const CommandLine& args, std::size_t index) {
  return index < args.positional.size() ? &args.positional[index] : nullptr;
}

std::variant<store::Objective, Reply> objective_named(Context& context, const Token* token,
                                                      std::string_view usage_line) {
  return named<store::Objective>(token, "O", "objective", usage_line, "objective list", [&](int n) {
    return store::Objectives(context.db).find(context.bound_project().id, n);
  });
}

std::variant<store::Scenario, Reply> scenario_named(Context& context, const Token* token,
                                                    std::string_view usage_line) {
  return named<store::Scenario>(
      token, "S", "scenario", usage_line, "scenario list O-1",
      [&](int n) { return store::Scenarios(context.db).find(context.bound_project().id, n); });
}

std::variant<store::Capability, Reply> capability_named(Context& context, const Token* token,
                                                        std::string_view usage_line) {
  return named<store::Capability>(
      token, "C", "capability", usage_line, "proposal show O-1",
      [&](int n) { return store::Capabilities(context.db).find(context.bound_project().id, n); });
}

}  // namespace accord::commands
