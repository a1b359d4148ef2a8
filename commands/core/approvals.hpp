// What customer-side decisions share, for change requests and proposals alike: who may decide
// (customer or delegate, DESIGN §2), the project's rule (any one approver or all), the comment
// form for decisions that need a reason, and how times and ages read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/core/context.hpp"

namespace accord::commands {

enum class ApprovalRule { any, all };

std::string_view to_string(ApprovalRule rule);
std::optional<ApprovalRule> parse_approval_rule(std::string_view text);
// The bound project's rule; "any" unless set.
ApprovalRule approval_rule(Context& context);

// Everyone holding customer or delegate in the bound project, each once.
std::vector<std::string> approvers(Context& context);
// A refusal naming the roles, e.g. for "approve change requests"; nullopt for an approver.
std::optional<Reply> refuse_unless_approver(Context& context, std::string_view action);
// Posts `message` as card `card_key` to each approver's DMs and to the project's channel.
void post_to_approvers(Context& context, const Message& message, const std::string& card_key);

// "2026-11-24 09:30" in the project's time zone.
std::string local_time(Context& context, store::Timestamp at);
// "3 days", "1 hour", "less than a minute".
std::string describe_age(store::Timestamp since, store::Timestamp now);

// The comment of a decision: the comment= option (a submitted form) or the words from `first`.
std::string comment_from(const CommandLine& args, std::size_t first);
// The form asking for a required comment, and the way to do it by command where no form opens.
// When the request is that form submitted with the comment left empty, the reply also says `why`
// next to the comment input (Reply::field_errors), as platforms show a form's mistakes.
Reply ask_for_comment(const Context& context, std::string title, const std::string& command,
                      Text why);

}  // namespace accord::commands
