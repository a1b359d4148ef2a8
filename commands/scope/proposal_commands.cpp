#include "commands/scope/proposal_commands.hpp"

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/roadmap/roadmap_view.hpp"
#include "commands/scope/proposal_card.hpp"
#include "commands/scope/scope_objects.hpp"
#include "store/roadmap.hpp"

namespace accord::commands {
namespace {

using store::Role;

constexpr std::string_view kSubmitUsage = "proposal submit O-n";
constexpr std::string_view kProposalShowUsage = "proposal show O-n";
constexpr std::string_view kDecideUsage = "proposal decide C-n accept|change|out [comment=\"...\"]";
constexpr std::size_t kMaxProposalComment = 2000;

struct Choice {
  const char* word;
  const char* status;
  const char* log_action;
  const char* form_title;
};
constexpr Choice kChoices[] = {
    {"accept", "accepted", "capability.accept", ""},
    {"change", "change", "capability.change", "Ask for a change"},
    {"out", "out_of_scope", "capability.out_of_scope", "Mark out of scope"},
};

Reply submit_proposal(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kSubmitUsage)) return std::move(*refusal);
  const auto held = requester_roles(context);
  if (!holds_any(held, {Role::pm, Role::lead})) {
    return private_reply(
        Text("Only the ")
            .strong("pm")
            .plain(" or a ")
            .strong("lead")
            .plain(" can submit proposals. You are: " + describe_roles(held) + "."));
  }
  auto found = objective_named(context, word_at(args, 1), kSubmitUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& objective = std::get<store::Objective>(found);
  const auto oid = object_id("O", objective.number);
  store::Capabilities capabilities(context.db);
  const auto previous = capabilities.latest_proposal(objective.id);
  if (capabilities.submit(objective.id) == 0) {
    return private_reply(Text("Nothing new to submit for " + oid + ". Draft capabilities with ")
                             .code("/accord capability add " + oid + " \"Title\" covers=S-1")
                             .plain(" first."));
  }
  const int version = capabilities.add_proposal(context.bound_project().id, objective.id,
                                                context.request.user, context.now);
  if (previous) {
    update_card(context, proposal_card_key(context, objective, previous->version),
                proposal_card(context, objective, previous->version, true));
  }
  record_decision(context, "proposal.submit", oid,
                  previous ? "v" + std::to_string(previous->version) : "",
                  "v" + std::to_string(version));
  post_to_approvers(context, proposal_card(context, objective, version),
                    proposal_card_key(context, objective, version));
  Text text =
      Text("Proposal ").strong("v" + std::to_string(version)).plain(" for " + oid + " sent to");
  const auto people = approvers(context);
  for (std::size_t i = 0; i < people.size(); ++i)
    text.plain(i == 0 ? " " : ", ").mention(people[i]);
  return private_reply(text.plain(people.empty() ? " the project channel (nobody holds customer "
                                                   "or delegate yet)."
                                                 : " and the project channel."));
}

Reply show_proposal(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kProposalShowUsage))
    return std::move(*refusal);
  auto found = objective_named(context, word_at(args, 1), kProposalShowUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& objective = std::get<store::Objective>(found);
  const auto latest = store::Capabilities(context.db).latest_proposal(objective.id);
  Message message = proposal_card(context, objective, latest ? latest->version : 0);
  message.buttons.clear();  // decisions are made on the card or with `proposal decide`
  if (!latest)
    message.title = "Proposal for " + object_id("O", objective.number) + " (not submitted)";
  return private_reply(std::move(message));
}

Reply already_decided(Context& context, const store::Capability& capability) {
  const auto id = object_id("C", capability.number);
  if (capability.status == "draft" || capability.status == "change") {
    return private_reply(Text().code(id).plain(capability.status == "draft"
                                                   ? " hasn't been submitted yet."
                                                   : " was sent back for a change and awaits "
                                                     "the next proposal version."));
  }
  Text text = Text()
                  .code(id)
                  .plain(" was already decided: " + capability_outcome(capability.status) + " by ")
                  .mention(capability.decided_by);
  if (capability.decided_at) text.plain(" on " + local_time(context, *capability.decided_at));
  return private_reply(text.plain(". Nothing changed."));
}

Reply decide_capability(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"comment"}, kDecideUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_approver(context, "decide proposals"))
    return std::move(*refusal);
  auto found = capability_named(context, word_at(args, 1), kDecideUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto capability = std::get<store::Capability>(std::move(found));
  const auto* word = word_at(args, 2);
  const Choice* choice = nullptr;
  for (const auto& candidate : kChoices) {
    if (word && lower_ascii(word->text) == candidate.word) choice = &candidate;
  }
  if (!choice) return usage(Text("Say accept, change or out."), kDecideUsage);
  if (capability.status != "proposed") return already_decided(context, capability);

  const auto id = object_id("C", capability.number);
  const auto comment = comment_from(args, 3);
  if (character_count(comment) > kMaxProposalComment) {
    return private_reply(Text("The comment is too long. Keep it to 2000 characters."));
  }
  if (comment.empty() && choice->status != kChoices[0].status) {
    return ask_for_comment(context, choice->form_title,
                           "proposal decide " + id + " " + choice->word,
                           Text("Say why, so the team knows what to do with " + id + "."));
  }
  store::Capabilities capabilities(context.db);
  if (!capabilities.decide(capability.id, choice->status, context.request.user, context.now,
                           comment)) {
    return already_decided(context, *capabilities.find_by_id(capability.id));
  }
  record_decision(context, choice->log_action, id, "proposed",
                  comment.empty() ? choice->status : std::string(choice->status) + ": " + comment);
  Text text = Text("Recorded: ")
                  .code(id)
                  .plain(" " + capability.title + " \xE2\x80\x94 " +
                         capability_outcome(choice->status) + ".");
  if (choice->status == kChoices[0].status) {
    store::RoadmapItem item;
    item.project_id = capability.project_id;
    item.title = capability.title;
    item.epic_id = capability.id;
    item.status = "approved";
    item.created_by = context.request.user;
    item.created_at = context.now;
    const auto stored = store::Roadmap(context.db).add(item);
    const auto rid = object_id("R", stored.number);
    const int version = create_baseline(
        context, std::nullopt, id,
        "Accepted " + id + " " + capability.title + " as " + rid + " (unscheduled)");
    text.plain(" It is now an epic (")
        .code("epic=" + id)
        .plain(") and the unscheduled roadmap item ")
        .code(rid)
        .plain("; baseline v" + std::to_string(version) + ".");
  }
  const auto objective = store::Objectives(context.db).find_by_id(capability.objective_id);
  const auto latest = capabilities.latest_proposal(capability.objective_id);
  if (objective && latest) {
    const auto card = proposal_card(context, *objective, latest->version);
    update_card(context, proposal_card_key(context, *objective, latest->version), card);
    Message news = card;
    news.buttons.clear();
    notify_person(context, latest->submitted_by, news,
                  "capability-decided:" + id + "@" + std::to_string(capability.project_id));
  }
  return private_reply(std::move(text));
}

}  // namespace

Reply proposal_command(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "" : lower_ascii(args.positional[0].text);
  if (sub == "submit") return submit_proposal(context, args);
  if (sub == "show") return show_proposal(context, args);
  if (sub == "decide") return decide_capability(context, args);
  return private_reply(Text("Usage: ")
                           .code("/accord " + std::string(kSubmitUsage))
                           .plain(", ")
                           .code("/accord " + std::string(kProposalShowUsage))
                           .plain(" or ")
                           .code("/accord " + std::string(kDecideUsage))
                           .plain("."));
}

}  // namespace accord::commands
