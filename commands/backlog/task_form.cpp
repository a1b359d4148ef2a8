#include "commands/backlog/task_form.hpp"

#include "commands/backlog/task_rules.hpp"
#include "commands/core/context.hpp"

namespace accord::commands {
namespace {

std::string value_of(const std::map<std::string, std::string>& values, const std::string& key) {
  const auto found = values.find(key);
  return found == values.end() ? std::string() : found->second;
}

std::vector<std::pair<std::string, std::string>> choices(
    const std::vector<std::string_view>& names) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto name : names) {
    std::string label(name);
    label[0] = static_cast<char>(label[0] - 'a' + 'A');
    out.emplace_back(std::string(name), label);
  }
  return out;
}

// Typed criteria are separated by ";", form criteria by lines: the form shows lines.
std::string as_lines(std::string criteria) {
  std::string out;
  bool line_start = true;
  for (char c : criteria) {
    if (c == ';') {
      out += '\n';
      line_start = true;
    } else if (!(line_start && c == ' ')) {
      out += c;
      line_start = false;
    }
  }
  return out;
}

}  // namespace

Form new_task_form(const std::map<std::string, std::string>& values, bool can_prioritise) {
  Form form;
  form.title = "New task";
  form.submit_label = "Add task";
  form.command = "task add";
  form.intro =
      Text("Describe the work. The team estimates and splits it; ")
          .plain(can_prioritise ? "you set its priority." : "the customer sets its priority.");

  FormField title{"title", "Title", FormField::Kind::text, {}, value_of(values, "title"),
                  "",      false};
  const auto kind = value_of(values, "kind");
  FormField kind_field{"kind",
                       "Kind",
                       FormField::Kind::choice,
                       choices(kind_names()),
                       kind.empty() ? "feature" : kind,
                       "",
                       false};
  form.fields = {title, kind_field};
  if (can_prioritise) {
    const auto priority = value_of(values, "priority");
    form.fields.push_back({"priority", "Priority", FormField::Kind::choice,
                           choices(priority_names()), priority.empty() ? "medium" : priority, "",
                           false});
  }
  form.fields.push_back({"story",
                         "User story",
                         FormField::Kind::multiline,
                         {},
                         value_of(values, "story"),
                         "As a … I want … so that …",
                         true});
  form.fields.push_back({"criteria",
                         "Acceptance criteria",
                         FormField::Kind::multiline,
                         {},
                         as_lines(value_of(values, "criteria")),
                         "One per line",
                         true});
  form.fields.push_back({"estimate",
                         "Estimate",
                         FormField::Kind::text,
                         {},
                         value_of(values, "estimate"),
                         "e.g. 3h",
                         true});
  form.fields.push_back({"epic",
                         "Epic",
                         FormField::Kind::text,
                         {},
                         value_of(values, "epic"),
                         "An accepted capability, e.g. C-2",
                         true});
  return form;
}

Reply new_task_form_reply(const std::map<std::string, std::string>& values, bool can_prioritise) {
  Message message;
  message.summary = "New task";
  message.sections = {
      paragraph(Text("Fill in the new task in the form.")),
      paragraph(Text("Where the form can't open, add the task by command: ")
                    .code("/accord task add \"Title\" kind=bug" +
                          std::string(can_prioritise ? " priority=high" : "") +
                          " estimate=3h story=\"As a … I want … so that …\" "
                          "criteria=\"first; second\"")),
  };
  Reply reply = private_reply(std::move(message));
  reply.form = new_task_form(values, can_prioritise);
  return reply;
}

}  // namespace accord::commands
