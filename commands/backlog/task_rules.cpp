#include "commands/backlog/task_rules.hpp"

#include "commands/core/object_ids.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace accord::commands {

using store::Role;

const std::vector<Role>& priority_setters() {
  static const std::vector<Role> roles = {Role::customer, Role::delegate};
  return roles;
}

const std::vector<Role>& estimators() {
  static const std::vector<Role> roles = {Role::pm, Role::lead, Role::dev, Role::qa};
  return roles;
}

const std::vector<Role>& task_writers() {
  static const std::vector<Role> roles = {Role::customer, Role::delegate, Role::pm,
                                          Role::lead,     Role::dev,      Role::qa};
  return roles;
}

std::string trimmed(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::variant<double, std::string> parse_estimate(std::string_view text) {
  const std::string original(text);
  const auto lowered = lower_ascii(text);
  std::string_view number = lowered;
  double per_unit = 1.0;  // hours per unit written
  if (!number.empty() && number.back() == 'h') {
    number.remove_suffix(1);
  } else if (!number.empty() && number.back() == 'm') {
    number.remove_suffix(1);
    per_unit = 1.0 / 60.0;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc() || end != number.data() + number.size() ||
      !std::isfinite(value)) {
    return "\"" + original +
           "\" isn't an estimate. Write hours like 3h or 1.5h, or minutes "
           "like 90m.";
  }
  const double hours = value * per_unit;
  if (hours <= 0) return "An estimate must be more than zero (\"" + original + "\").";
  if (hours > kMaxEstimateHours) {
    return "An estimate of " + original + " is more than " + format_hours(kMaxEstimateHours) +
           ". Split the work into smaller tasks.";
  }
  // Whole minutes are as precise as an estimate gets.
  return std::round(hours * 60.0) / 60.0;
}

std::string format_hours(double hours) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", hours);
  std::string text(buffer);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text + "h";
}

std::optional<Reply> refuse_unless_role(Context& context, const std::vector<Role>& allowed,
                                        std::string_view action) {
  const auto held = requester_roles(context);
  if (holds_any(held, allowed)) return std::nullopt;
  Text text("Only a ");
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    if (i > 0) text.plain(i + 1 == allowed.size() ? " or " : ", ");
    text.strong(std::string(store::to_string(allowed[i])));
  }
  return private_reply(
      text.plain(" can " + std::string(action) + ". You are: " + describe_roles(held) + "."));
}

std::variant<store::Task, Reply> find_task(Context& context, const CommandLine& args,
                                           std::string_view usage_line, std::size_t position) {
  const auto number = args.positional.size() > position
                          ? parse_object_id("T", args.positional[position].text)
                          : std::nullopt;
  if (!number) return usage(Text("Say which task, by its id."), usage_line);
  auto task = store::Tasks(context.db).find(context.bound_project().id, *number);
  if (!task) {
    return private_reply(Text("No task ")
                             .code(object_id("T", *number))
                             .plain(" in this project. ")
                             .code("/accord task list")
                             .plain(" shows the backlog."));
  }
  return *task;
}

std::string status_words(store::TaskStatus status) {
  auto words = std::string(store::to_string(status));
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

Text choices_text(const std::vector<std::string_view>& names) {
  Text text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text.plain(i + 1 == names.size() ? " or " : ", ");
    text.code(std::string(names[i]));
  }
  return text;
}

template <typename Enum>
std::vector<std::string_view> names_of(const std::vector<Enum>& values) {
  std::vector<std::string_view> names;
  names.reserve(values.size());
  for (auto value : values) names.push_back(store::to_string(value));
  return names;
}

std::vector<std::string_view> kind_names() {
  return names_of(store::all_task_kinds());
}
std::vector<std::string_view> priority_names() {
  return names_of(store::all_priorities());
}
std::vector<std::string_view> status_names() {
  return names_of(store::all_task_statuses());
}

std::string task_summary_json(const store::Task& task, const std::vector<std::string>& criteria) {
  nlohmann::ordered_json json = {{"title", task.title},
                                 {"kind", store::to_string(task.kind)},
                                 {"priority", store::to_string(task.priority)}};
  if (task.estimate_hours) json["estimate"] = format_hours(*task.estimate_hours);
  if (task.epic_id) json["epic"] = object_id("C", task.epic_number);
  if (task.parent_id) json["parent"] = object_id("T", task.parent_number);
  if (!task.story.empty()) json["story"] = task.story;
  if (!criteria.empty()) json["criteria"] = criteria;
  return json.dump();
}

}  // namespace accord::commands
