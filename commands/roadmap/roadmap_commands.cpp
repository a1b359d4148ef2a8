#include "commands/roadmap/roadmap_commands.hpp"

#include <variant>

#include <nlohmann/json.hpp>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/roadmap/change_request_card.hpp"
#include "commands/roadmap/change_request_expiry.hpp"
#include "commands/roadmap/roadmap_view.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/scheduler.hpp"
#include "store/capabilities.hpp"
#include "store/change_requests.hpp"
#include "store/roadmap.hpp"

namespace accord::commands {
namespace {

using store::Role;

constexpr std::string_view kRoadmapAddUsage =
    "roadmap add \"Title\" due=YYYY-MM-DD [epic=C-n] reason=\"...\"";
constexpr std::string_view kMoveUsage = "roadmap move R-n due=YYYY-MM-DD reason=\"...\"";
constexpr std::string_view kDropUsage = "roadmap drop R-n reason=\"...\"";
constexpr std::size_t kMaxRoadmapTitle = 200;

std::string roadmap_option(const CommandLine& args, const char* key) {
  const auto it = args.options.find(key);
  return it == args.options.end() ? std::string() : it->second;
}

std::optional<Reply> refuse_unless_proposer(Context& context) {
  const auto held = requester_roles(context);
  if (holds_any(held, {Role::pm, Role::lead})) return std::nullopt;
  return private_reply(
      Text("Only the ")
          .strong("pm")
          .plain(" or a ")
          .strong("lead")
          .plain(" can propose roadmap changes. You are: " + describe_roles(held) + "."));
}

std::optional<Reply> check_due(const std::string& due, std::string_view usage_line) {
  if (due.empty())
    return usage(Text("Give the target date with ").code("due=YYYY-MM-DD").plain("."), usage_line);
  if (is_calendar_date(due)) return std::nullopt;
  return private_reply(Text()
                           .code("due=" + due)
                           .plain(" isn't a calendar date. Write it as YYYY-MM-DD, like ")
                           .code("due=2027-03-31")
                           .plain("."));
}

// The item of "R-n" in position 1 that is on the approved roadmap, or what to tell the person.
std::variant<store::RoadmapItem, Reply> approved_item(Context& context, const CommandLine& args,
                                                      std::string_view usage_line) {
  const auto number =
      args.positional.size() == 2 ? parse_object_id("R", args.positional[1].text) : std::nullopt;
  if (!number) return usage(Text("Say which roadmap item, by its id."), usage_line);
  const auto item = store::Roadmap(context.db).find(context.bound_project().id, *number);
  if (!item || item->status != "approved") {
    return private_reply(Text("No item ")
                             .code(object_id("R", *number))
                             .plain(" on the approved roadmap. ")
                             .code("/accord roadmap")
                             .plain(" shows it."));
  }
  for (const auto& pending : store::ChangeRequests(context.db).pending(item->project_id)) {
    if (pending.item_id != item->id) continue;
    return private_reply(Text()
                             .code(object_id("R", item->number))
                             .plain(" already has a change request waiting: ")
                             .code(object_id("CR", pending.number))
                             .plain(". Wait for its decision or withdraw it first."));
  }
  return *item;
}

// What the proposer is told about the request they just proposed.
Reply proposed(Context& context, const store::ChangeRequest& stored) {
  const auto id = object_id("CR", stored.number);
  Text text = Text().strong(id).plain(" proposed: ").append(describe_change(context, stored));
  const auto people = approvers(context);
  if (people.empty()) {
    text.plain(". Nobody holds customer or delegate yet, so nobody can decide it: ")
        .code("/accord role add @person customer")
        .plain(".");
  } else {
    text.plain(". Sent for a decision to");
    for (std::size_t i = 0; i < people.size(); ++i)
      text.plain(i == 0 ? " " : ", ").mention(people[i]);
    text.plain(" and to the project channel.");
  }
  return private_reply(std::move(text));
}

Reply propose_add(Context& context, const CommandLine& args) {
  if (auto refusal =
          reject_unknown_options(args, {"due", "epic", "reason", "title"}, kRoadmapAddUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_proposer(context)) return std::move(*refusal);
  auto title = roadmap_option(args, "title");
  if (title.empty()) title = join_words(args.positional, 1);
  if (title.empty()) return usage(Text("Give the roadmap item a title."), kRoadmapAddUsage);
  if (character_count(title) > kMaxRoadmapTitle) {
    return private_reply(Text("The title is too long. Keep it to 200 characters."));
  }
  const auto due = roadmap_option(args, "due");
  if (auto refusal = check_due(due, kRoadmapAddUsage)) return std::move(*refusal);
  const auto reason = roadmap_option(args, "reason");
  if (reason.empty()) return usage(Text("Every roadmap change needs a reason."), kRoadmapAddUsage);

  store::RoadmapItem item;
  item.title = title;
  item.due_date = due;
  if (const auto epic = roadmap_option(args, "epic"); !epic.empty()) {
    const auto number = parse_object_id("C", epic);
    const auto capability =
        number ? store::Capabilities(context.db).find(context.bound_project().id, *number)
               : std::nullopt;
    if (!capability || capability->status != "accepted") {
      return private_reply(Text()
                               .code("epic=" + epic)
                               .plain(" isn't an accepted capability. An epic is a capability "
                                      "the customer accepted, like ")
                               .code("epic=C-1")
                               .plain("."));
    }
    item.epic_id = capability->id;
  }
  return proposed(context, propose_roadmap_addition(context, std::move(item), reason));
}

Reply propose_move_or_drop(Context& context, const CommandLine& args, bool moving) {
  const auto usage_line = moving ? kMoveUsage : kDropUsage;
  if (auto refusal = reject_unknown_options(args,
                                            moving ? std::vector<std::string_view>{"due", "reason"}
                                                   : std::vector<std::string_view>{"reason"},
                                            usage_line)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_proposer(context)) return std::move(*refusal);
  auto found = approved_item(context, args, usage_line);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& item = std::get<store::RoadmapItem>(found);
  const auto due = roadmap_option(args, "due");
  if (moving) {
    if (auto refusal = check_due(due, usage_line)) return std::move(*refusal);
    if (item.due_date == due) {
      return private_reply(
          Text().code(object_id("R", item.number)).plain(" is already due " + due + "."));
    }
  }
  const auto reason = roadmap_option(args, "reason");
  if (reason.empty()) return usage(Text("Every roadmap change needs a reason."), usage_line);

  store::ChangeRequest request;
  request.kind = moving ? "move" : "drop";
  request.item_id = item.id;
  request.title_before = item.title;
  request.title_after = moving ? item.title : "";
  request.due_before = item.due_date;
  if (moving) request.due_after = due;
  request.reason = reason;
  return proposed(context, submit_change_request(context, std::move(request)));
}

}  // namespace

store::ChangeRequest submit_change_request(Context& context, store::ChangeRequest request) {
  request.project_id = context.bound_project().id;
  request.proposed_by = context.request.user;
  request.proposed_at = context.now;
  auto stored = store::ChangeRequests(context.db).add(request);
  const nlohmann::json after = {{"kind", stored.kind},
                                {"change", describe_change(context, stored).to_plain()},
                                {"reason", stored.reason}};
  record_decision(context, "change_request.propose", object_id("CR", stored.number), "",
                  after.dump());
  post_to_approvers(context, change_request_card(context, stored), card_key(stored));
  schedule_change_request_expiry(context, stored);
  return stored;
}

store::ChangeRequest propose_roadmap_addition(Context& context, store::RoadmapItem item,
                                              const std::string& reason) {
  item.project_id = context.bound_project().id;
  item.created_by = context.request.user;
  item.created_at = context.now;
  const auto stored = store::Roadmap(context.db).add(item);  // 'proposed' until approved

  store::ChangeRequest request;
  request.kind = "add";
  request.item_id = stored.id;
  request.title_after = stored.title;
  request.due_after = stored.due_date;
  request.reason = reason;
  return submit_change_request(context, std::move(request));
}

Reply roadmap_command(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "" : lower_ascii(args.positional[0].text);
  if (sub.empty() || sub == "show") return show_roadmap(context, args);
  if (sub == "add") return propose_add(context, args);
  if (sub == "move") return propose_move_or_drop(context, args, true);
  if (sub == "drop") return propose_move_or_drop(context, args, false);
  if (sub == "history") return show_roadmap_history(context, args);
  return private_reply(Text("Usage: ")
                           .code("/accord roadmap")
                           .plain(", ")
                           .code("/accord " + std::string(kRoadmapAddUsage))
                           .plain(", ")
                           .code("/accord " + std::string(kMoveUsage))
                           .plain(", ")
                           .code("/accord " + std::string(kDropUsage))
                           .plain(" or ")
                           .code("/accord roadmap history")
                           .plain("."));
}

}  // namespace accord::commands
