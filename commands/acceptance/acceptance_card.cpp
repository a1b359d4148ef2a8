#include "commands/acceptance/acceptance_card.hpp"

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/documents/document_commands.hpp"

namespace accord::commands {

std::string acceptance_card_key(const store::Task& task, const store::Acceptance& acceptance) {
  return object_id("T", task.number) + "@" + std::to_string(task.project_id) + "#" +
         std::to_string(acceptance.id);
}

Message acceptance_card(Context& context, const store::Task& task,
                        const store::Acceptance& acceptance) {
  const auto id = object_id("T", task.number);
  Message message;
  message.title = "Acceptance of " + id;
  message.summary = id + " " + task.title + ": " +
                    (acceptance.decision ? std::string(store::to_string(*acceptance.decision))
                                         : std::string("please accept or reject"));
  message.sections.push_back(
      paragraph(Text().strong(task.title),
                {Field{"Kind", Text(std::string(store::to_string(task.kind)))},
                 Field{"Marked done by",
                       Text()
                           .mention(acceptance.requested_by)
                           .plain(" on " + local_time(context, acceptance.requested_at))}}));
  message.sections.push_back(
      paragraph(Text().strong("Story: ").plain(task.story.empty() ? "none given" : task.story)));
  const auto criteria = store::Tasks(context.db).criteria(task.id);
  Text criteria_text = Text().strong("Acceptance criteria:");
  if (criteria.empty()) criteria_text.plain(" none given");
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    criteria_text.plain("\n" + std::to_string(i + 1) + ". " + criteria[i]);
  }
  message.sections.push_back(paragraph(std::move(criteria_text)));

  if (acceptance.decision) {
    std::vector<Field> fields;
    if (!acceptance.note.empty()) fields.push_back(Field{"Note", Text(acceptance.note)});
    Text outcome = acceptance_outcome(context, acceptance);
    if (*acceptance.decision == store::AcceptanceDecision::rejected) {
      outcome.plain(". It is back in the backlog.");
    } else {
      outcome.plain(".");
    }
    message.sections.push_back(paragraph(std::move(outcome), std::move(fields)));
    return message;
  }
  if (auto where = where_to_test_line(context)) message.sections.push_back(paragraph(*where));
  message.sections.push_back(
      paragraph(Text("Awaiting a decision: the customer or a delegate accepts or rejects.")));
  const auto command =
      id + " request=" + std::to_string(acceptance.id) + project_option(context.bound_project());
  auto accept = command_button("Accept", "accept " + command);
  accept.style = ButtonStyle::primary;
  auto reject = command_button("Reject", "reject " + command);
  reject.style = ButtonStyle::danger;
  message.buttons = {accept, reject};
  return message;
}

}  // namespace accord::commands
