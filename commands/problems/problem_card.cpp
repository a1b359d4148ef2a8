#include "commands/problems/problem_card.hpp"

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/problems/problem_ids.hpp"

namespace accord::commands {

std::string problem_card_key(const store::ProblemReport& report) {
  return object_id("PR", report.number) + "@" + std::to_string(report.project_id);
}

Message problem_card(Context& context, const store::ProblemReport& report) {
  const auto id = pr_id(report);
  Message message;
  message.title = "Problem report " + id + " (" + report.category + ")";
  message.summary = "Problem report " + id;
  std::vector<Field> fields = {
      Field{"Reported by", Text().mention(report.reporter)},
      Field{"Reported", Text(local_time(context, report.reported_at))},
      Field{"Status", Text().strong(report.status)},
  };
  if (!report.about_user.empty())
    fields.push_back(Field{"About", Text().mention(report.about_user)});
  if (!report.owner.empty()) fields.push_back(Field{"Owner", Text().mention(report.owner)});
  message.sections.push_back(paragraph(Text(report.text), std::move(fields)));
  if (report.status == "resolved") {
    message.sections.push_back(paragraph(Text("Resolution: ").plain(report.resolution_note)));
  }
  const auto project = project_option(context.bound_project());
  if (report.status == "open" || report.status == "reopened" || report.status == "stalled") {
    message.buttons.push_back(command_button("Acknowledge", "problem ack " + id + project));
  }
  if (report.status != "resolved") {
    message.buttons.push_back(command_button("Resolve", "problem resolve " + id + project));
  }
  message.note = Text("Private to you: never posted in the project's channel.");
  return message;
}

}  // namespace accord::commands
