#include "commands/core/approvals.hpp"

#include <algorithm>
#include <chrono>

#include "commands/core/registry.hpp"
#include "commands/core/wall_clock.hpp"
#include "store/project_settings.hpp"

namespace accord::commands {
namespace {

// The option a decision's comment arrives as: typed, or the comment form's field.
constexpr const char* kCommentField = "comment";

}  // namespace

std::string_view to_string(ApprovalRule rule) {
  return rule == ApprovalRule::all ? "all" : "any";
}

std::optional<ApprovalRule> parse_approval_rule(std::string_view text) {
  if (text == "any") return ApprovalRule::any;
  if (text == "all") return ApprovalRule::all;
  return std::nullopt;
}

ApprovalRule approval_rule(Context& context) {
  const auto stored =
      store::ProjectSettings(context.db).get(context.bound_project().id, "approval");
  return stored ? parse_approval_rule(*stored).value_or(ApprovalRule::any) : ApprovalRule::any;
}

std::vector<std::string> approvers(Context& context) {
  std::vector<std::string> users;
  for (const auto& member : store::Roles(context.db).list(context.bound_project().id)) {
    if (member.role != store::Role::customer && member.role != store::Role::delegate) continue;
    if (std::find(users.begin(), users.end(), member.user) == users.end()) {
      users.push_back(member.user);
    }
  }
  return users;
}

std::optional<Reply> refuse_unless_approver(Context& context, std::string_view action) {
  const auto held = requester_roles(context);
  if (holds_any(held, {store::Role::customer, store::Role::delegate})) return std::nullopt;
  return private_reply(
      Text("Only the ")
          .strong("customer")
          .plain(" or a ")
          .strong("delegate")
          .plain(" can " + std::string(action) + ". You are: " + describe_roles(held) + "."));
}

void post_to_approvers(Context& context, const Message& message, const std::string& card_key) {
  const auto people = approvers(context);
  // The card says when those who decide take requests; each copy waits for its person's window
  // (a domain that knows people's hours registers them).
  Message card = message;
  Text hours;
  for (const auto& user : people) {
    for (const auto& domain : registry().domains()) {
      if (domain.request_hours.note == nullptr) continue;
      const auto note = domain.request_hours.note(context, user);
      if (!note.empty()) hours.plain(hours.empty() ? "" : "; ").mention(user).plain(" " + note);
    }
  }
  if (!hours.empty()) card.sections.push_back(paragraph(hours.plain(".")));
  for (const auto& user : people) {
    std::optional<store::Timestamp> wait;
    for (const auto& domain : registry().domains()) {
      if (domain.request_hours.wait != nullptr && !wait)
        wait = domain.request_hours.wait(context, user);
    }
    post_card(context, store::OutboxKind::direct_message, user, card, card_key,
              direct_copy_key(card_key, user), wait);
  }
  for (const auto& domain : registry().domains()) {
    if (domain.when_approvals_wait != nullptr) domain.when_approvals_wait(context);
  }
  post_channel_card(context, card, card_key, card_key + ":channel");
}

std::string local_time(Context& context, store::Timestamp at) {
  return local_minute(at, context.bound_project().timezone);
}

std::string describe_age(store::Timestamp since, store::Timestamp now) {
  using namespace std::chrono;
  const auto age = now - since;
  const auto count = [](long long n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  if (age >= days(1)) return count(duration_cast<days>(age).count(), "day");
  if (age >= hours(1)) return count(duration_cast<hours>(age).count(), "hour");
  if (age >= minutes(1)) return count(duration_cast<minutes>(age).count(), "minute");
  return "less than a minute";
}

std::string comment_from(const CommandLine& args, std::size_t first) {
  const auto option = args.options.find(kCommentField);
  if (option != args.options.end()) return join_words({Token{option->second, "", true}}, 0);
  return join_words(args.positional, first);
}

Reply ask_for_comment(const Context& context, std::string title, const std::string& command,
                      Text why) {
  const std::string problem = why.to_plain();
  Form form;
  form.title = std::move(title);
  form.submit_label = "Send";
  form.command = command;
  form.intro = why;
  FormField comment;
  comment.id = kCommentField;
  comment.label = "Comment";
  comment.kind = FormField::Kind::multiline;
  form.fields.push_back(std::move(comment));
  Reply reply = private_reply(
      why.plain(" Add a comment: ").code("/accord " + command + " comment=\"...\"").plain("."));
  reply.form = std::move(form);
  if (context.request.action_id == kSubmitFormAction) reply.field_errors[kCommentField] = problem;
  return reply;
}

}  // namespace accord::commands
