#include "commands/settings_commands.hpp"

#include "commands/approvals.hpp"
#include "store/project_settings.hpp"

namespace accord::commands {
namespace {

constexpr std::string_view kUsage = "settings [approval=any|all]";

std::string explain(ApprovalRule rule) {
  return rule == ApprovalRule::all
             ? "every customer-side approver must approve; one rejection or request for changes "
               "decides"
             : "any one customer-side approver (customer or delegate) decides";
}

Reply show_settings(Context& context) {
  const auto rule = approval_rule(context);
  Message message;
  message.title = "Settings of " + context.bound_project().name;
  message.sections = {paragraph(
      Text(),
      {Field{"approval",
             Text().code(std::string(to_string(rule))).plain(" \xE2\x80\x94 " + explain(rule))}})};
  message.note =
      Text("The pm changes them, e.g. ").code("/accord settings approval=all").plain(".");
  return private_reply(std::move(message));
}

}  // namespace

Reply settings_command(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"approval"}, kUsage)) return std::move(*refusal);
  if (!args.positional.empty()) {
    return usage(Text("Settings are changed as key=value."), kUsage);
  }
  if (args.options.empty()) return show_settings(context);

  const auto held = requester_roles(context);
  if (!holds_any(held, {store::Role::pm})) {
    return private_reply(Text("Only the project's ")
                             .strong("pm")
                             .plain(" can change settings. You are: " + describe_roles(held) + ". ")
                             .code("/accord settings")
                             .plain(" shows them."));
  }
  const auto& value = args.options.at("approval");
  const auto rule = parse_approval_rule(lower_ascii(value));
  if (!rule) {
    return usage(Text()
                     .code("approval=" + value)
                     .plain(" isn't a rule: use ")
                     .code("any")
                     .plain(" or ")
                     .code("all")
                     .plain("."),
                 kUsage);
  }
  const auto before = approval_rule(context);
  if (before == *rule) {
    return private_reply(Text("The approval rule is already ")
                             .code(std::string(to_string(*rule)))
                             .plain(". Nothing changed."));
  }
  store::ProjectSettings(context.db)
      .set(context.bound_project().id, "approval", std::string(to_string(*rule)));
  record_decision(context, "settings.approval", "approval", std::string(to_string(before)),
                  std::string(to_string(*rule)));
  Message message;
  message.summary = "Approval rule is now " + std::string(to_string(*rule));
  message.sections = {paragraph(Text("Approval rule is now ")
                                    .code(std::string(to_string(*rule)))
                                    .plain(": " + explain(*rule) + ". Set by ")
                                    .mention(context.request.user)
                                    .plain("."))};
  return channel_reply(std::move(message));
}

}  // namespace accord::commands
