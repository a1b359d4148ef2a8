#include "commands/sprints/sprint_priorities.hpp"

#include <algorithm>

#include "commands/backlog/task_rules.hpp"
#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/sprints/sprint_work.hpp"
#include "commands/time/jobs.hpp"
#include "store/sprint_reviews.hpp"

namespace accord::commands {
namespace {

constexpr std::string_view kConfirmUsage = "sprint confirm SP-1";
constexpr std::string_view kPrioritiesUsage = "sprint priorities SP-1";

std::string card_key(const store::Sprint& sprint) {
  return sprint_id(sprint) + "@" + std::to_string(sprint.project_id) + ":priorities";
}

// The planned work by priority, most urgent first; subtasks count through their parent.
std::vector<const WorkItem*> by_priority(const SprintWork& work) {
  std::vector<const WorkItem*> items;
  for (const auto& item : work.items) {
    if (!item.task.parent_id) items.push_back(&item);
  }
  std::stable_sort(items.begin(), items.end(), [](const WorkItem* a, const WorkItem* b) {
    return a->task.priority < b->task.priority;
  });
  return items;
}

Text priority_lines(const SprintWork& work) {
  Text lines;
  const auto items = by_priority(work);
  const auto shown = std::min(items.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& task = items[i]->task;
    if (i > 0) lines.plain("\n");
    lines.strong(std::string(store::to_string(task.priority)))
        .plain(" ")
        .code(object_id("T", task.number))
        .plain(" " + task.title);
    if (task.estimate_hours) lines.plain(" \xE2\x80\x94 " + format_hours(*task.estimate_hours));
  }
  if (shown < items.size()) lines.plain("\n").append(more_rows(items.size() - shown));
  if (items.empty()) lines.plain("No tasks yet.");
  return lines;
}

Message priorities_card(Context& context, const store::Sprint& sprint,
                        const std::optional<store::SprintReview>& review, bool open) {
  const auto id = sprint_id(sprint);
  const auto work = load_work(context, sprint);
  Message message;
  message.title = "Priorities for " + id;
  message.summary = "Priorities for " + id + ": please confirm or change them";
  message.sections = {
      paragraph(Text().strong("Goal: ").plain(sprint.goal),
                {Field{"Starts", Text(sprint.start_date)},
                 Field{"Work", Text(format_hours(work.hours()))}}),
      paragraph(
          Text().strong("Planned, most urgent first").plain("\n").append(priority_lines(work))),
  };
  if (review && !review->confirmed_by.empty()) {
    message.sections.push_back(
        paragraph(Text("Priorities confirmed by ")
                      .mention(review->confirmed_by)
                      .plain(" on " + local_time(context, *review->confirmed_at) + ".")));
  } else if (open) {
    message.sections.push_back(
        paragraph(Text("You set the priorities: do these reflect what matters most for this "
                       "sprint? The pm sees your answer when starting it.")));
  }
  if (!open) {
    message.sections.push_back(paragraph(Text("The sprint has started.")));
    return message;
  }
  const auto suffix = project_option(context.bound_project());
  if (!review || review->confirmed_by.empty()) {
    auto confirm = command_button("Confirm priorities", "sprint confirm " + id + suffix);
    confirm.style = ButtonStyle::primary;
    message.buttons.push_back(confirm);
  }
  message.buttons.push_back(
      command_button("Change priorities", "sprint priorities " + id + suffix));
  return message;
}

std::variant<store::Sprint, Reply> planned_sprint(Context& context, const CommandLine& args,
                                                  std::string_view usage_line) {
  auto found = find_sprint(context, args, 1, usage_line);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  auto sprint = std::get<store::Sprint>(std::move(found));
  if (sprint.status != store::SprintStatus::planned) {
    return private_reply(
        Text()
            .code(sprint_id(sprint))
            .plain(
                " has " +
                std::string(sprint.status == store::SprintStatus::active ? "started" : "closed") +
                "; its priorities were settled then."));
  }
  return sprint;
}

}  // namespace

void ask_priorities(Context& context, const store::Sprint& sprint) {
  store::SprintReviews reviews(context.db);
  const bool asked = reviews.find(sprint.id).has_value();
  reviews.ask(sprint.id, context.now);
  const auto card = priorities_card(context, sprint, reviews.find(sprint.id), true);
  if (asked) {
    // Every copy shows the new plan; each approver also hears that they are asked again.
    update_card(context, card_key(sprint), card);
    Message again = card;
    again.title = "Priorities for " + sprint_id(sprint) + " changed";
    again.summary = "The plan of " + sprint_id(sprint) + " changed: please confirm its priorities";
    for (const auto& user : approvers(context)) {
      notify_person(context, user, again,
                    card_key(sprint) + ":asked:" + std::to_string(store::to_millis(context.now)) +
                        ":" + user);
    }
  } else {
    post_to_approvers(context, card, card_key(sprint));
  }
}

Reply confirm_priorities(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kConfirmUsage)) return std::move(*refusal);
  if (auto refusal = refuse_unless_approver(context, "confirm a sprint's priorities")) {
    return std::move(*refusal);
  }
  auto found = planned_sprint(context, args, kConfirmUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& sprint = std::get<store::Sprint>(found);
  const auto id = sprint_id(sprint);
  store::SprintReviews reviews(context.db);
  const auto review = reviews.find(sprint.id);
  if (!review) {
    return private_reply(Text().code(id).plain(" has no tasks to confirm yet."));
  }
  if (!reviews.confirm(sprint.id, context.request.user, context.now)) {
    return private_reply(Text("The priorities of ")
                             .code(id)
                             .plain(" were confirmed already by ")
                             .mention(review->confirmed_by)
                             .plain("."));
  }
  record_decision(context, "sprint.priorities", id, "asked", "confirmed");
  update_card(context, card_key(sprint),
              priorities_card(context, sprint, reviews.find(sprint.id), true));
  // The pm decides when to start: they hear of it.
  Message told;
  told.summary = id + " priorities confirmed";
  told.sections = {paragraph(Text()
                                 .mention(context.request.user)
                                 .plain(" confirmed the priorities of ")
                                 .code(id)
                                 .plain(" " + sprint.goal + "."))};
  for (const auto& member : holders(context, {store::Role::pm})) {
    notify_person(context, member, told, card_key(sprint) + ":confirmed:" + member);
  }
  return private_reply(Text("You confirmed the priorities of ")
                           .code(id)
                           .plain(". The pm was told. If they change before the start, you are "
                                  "asked again."));
}

Reply change_priorities(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kPrioritiesUsage)) {
    return std::move(*refusal);
  }
  auto found = planned_sprint(context, args, kPrioritiesUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& sprint = std::get<store::Sprint>(found);
  const auto id = sprint_id(sprint);
  const auto work = load_work(context, sprint);
  Message message;
  message.title = "Change the priorities of " + id;
  message.sections = {
      paragraph(priority_lines(work)),
      paragraph(Text("Set a task's priority with ")
                    .code("/accord task priority T-1 critical|high|medium|low")
                    .plain("; to swap a task for one in the backlog, tell the pm (")
                    .code("/accord task list")
                    .plain(" shows the backlog). Then confirm: ")
                    .code("/accord sprint confirm " + id)
                    .plain(".")),
  };
  return private_reply(std::move(message));
}

Text priorities_outcome(Context& context, const store::Sprint& sprint) {
  const auto review = store::SprintReviews(context.db).find(sprint.id);
  if (!review) return Text("the customer was not asked (no tasks were added while planned)");
  if (!review->confirmed_by.empty()) {
    return Text("confirmed by ")
        .mention(review->confirmed_by)
        .plain(" on " + local_time(context, *review->confirmed_at));
  }
  return Text("not confirmed by the customer (asked " + local_time(context, review->asked_at) +
              ")");
}

std::string priorities_state(Context& context, const store::Sprint& sprint) {
  const auto review = store::SprintReviews(context.db).find(sprint.id);
  if (!review) return "not asked";
  if (review->confirmed_by.empty()) return "not confirmed";
  return "confirmed by " + review->confirmed_by;
}

void close_priorities_card(Context& context, const store::Sprint& sprint) {
  const auto review = store::SprintReviews(context.db).find(sprint.id);
  if (!review) return;
  update_card(context, card_key(sprint), priorities_card(context, sprint, review, false));
}

}  // namespace accord::commands
