#include "commands/demos/demo_card.hpp"

#include <algorithm>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/time/calendar.hpp"

namespace accord::commands {
namespace {

const char* const kDemoArrow = "\xE2\x86\x92 ";

std::size_t count_kind(const std::vector<store::DemoFeedback>& feedback, bool ideas) {
  return static_cast<std::size_t>(
      std::count_if(feedback.begin(), feedback.end(), [&](const store::DemoFeedback& item) {
        return (item.kind == store::FeedbackKind::idea) == ideas;
      }));
}

}  // namespace

std::string demo_card_key(const store::Demo& demo) {
  return object_id("D", demo.number) + "@" + std::to_string(demo.project_id);
}

std::string demo_time(Context& context, const store::Demo& demo) {
  return local_time(demo.scheduled_at, context.bound_project().timezone);
}

Text demo_heading(Context& context, const store::Demo& demo) {
  Text text = Text().code(object_id("D", demo.number)).plain(" on " + demo_time(context, demo));
  if (demo.sprint_number) text.plain(" for ").code(object_id("SP", *demo.sprint_number));
  return text;
}

Text feedback_line(const store::DemoFeedback& feedback, std::size_t position) {
  Text text =
      Text(std::to_string(position) + ". ").strong(std::string(store::to_string(feedback.kind)));
  if (feedback.task_id) text.plain(" about ").code(object_id("T", feedback.task_number));
  return text.plain(", from ").mention(feedback.author).plain(": " + feedback.text);
}

std::string conversion_plan(store::FeedbackKind kind) {
  switch (kind) {
    case store::FeedbackKind::bug:
      return "a backlog task (bug)";
    case store::FeedbackKind::tweak:
      return "a backlog task (feature)";
    case store::FeedbackKind::idea:
      return "a roadmap change request for the customer to approve";
  }
  return "";
}

Message conversion_card(Context& context, const store::Demo& demo,
                        const std::vector<store::DemoFeedback>& feedback) {
  const auto id = object_id("D", demo.number);
  const bool converted = demo.status == store::DemoStatus::converted;
  Message message;
  message.title = "Feedback from demo " + id;
  message.summary = converted ? id + ": feedback converted" : id + ": confirm the conversion";

  Text heading = demo_heading(context, demo).plain(" was closed by ").mention(demo.closed_by);
  if (demo.closed_at) heading.plain(" on " + local_time(context, *demo.closed_at));
  heading.plain(".");
  message.sections.push_back(
      paragraph(std::move(heading),
                {Field{"Backlog tasks", Text(std::to_string(count_kind(feedback, false)))},
                 Field{"Change requests", Text(std::to_string(count_kind(feedback, true)))}}));

  const auto shown = std::min(feedback.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& item = feedback[i];
    Text line = feedback_line(item, i + 1).plain("\n" + std::string(kDemoArrow));
    if (item.converted_to) {
      line.code(*item.converted_to)
          .plain(item.kind == store::FeedbackKind::idea ? " proposed to the customer"
                                                        : " added to the backlog");
    } else {
      line.plain(conversion_plan(item.kind));
    }
    message.sections.push_back(paragraph(std::move(line)));
  }
  if (shown < feedback.size())
    message.sections.push_back(paragraph(more_rows(feedback.size() - shown)));

  if (converted) {
    Text outcome = Text().strong("Converted").plain(" by ").mention(demo.converted_by);
    if (demo.converted_at) outcome.plain(" on " + local_time(context, *demo.converted_at));
    message.sections.push_back(paragraph(outcome.plain(".")));
    return message;
  }
  const auto command = "demo convert " + id;
  message.sections.push_back(paragraph(
      Text("Nothing is created until the pm confirms. Ideas become change requests, so new scope "
           "waits for the customer's approval.")));
  message.note = Text("Or type ").code("/accord " + command).plain(".");
  auto confirm = command_button("Confirm", command + project_option(context.bound_project()));
  confirm.style = ButtonStyle::primary;
  message.buttons = {confirm};
  return message;
}

}  // namespace accord::commands
