// What the task workflows share: reading T-n/C-n ids and estimates, who may do what to a task
// (DESIGN §2), and how a task reads in messages and in the decision log.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "commands/core/context.hpp"
#include "store/roles.hpp"
#include "store/tasks.hpp"

namespace accord::commands {

// Everyone on the project adds tasks and sees the backlog; these groups do the rest.
const std::vector<store::Role>& priority_setters();  // customer, delegate
const std::vector<store::Role>& estimators();        // pm, lead, dev, qa: estimate and split
const std::vector<store::Role>& task_writers();      // both sides, not sponsor or leadership

// A subtask is at most this long (DESIGN §3.4).
inline constexpr double kMaxSubtaskHours = 2.0;
inline constexpr double kMaxEstimateHours = 999.0;
inline constexpr std::size_t kMaxTaskTitle = 200;
inline constexpr std::size_t kMaxStory = 2000;
inline constexpr std::size_t kMaxCriterion = 500;
inline constexpr std::size_t kMaxCriteria = 20;

// Without leading and trailing white space: free text from options and form fields.
std::string trimmed(std::string_view text);

// "3h", "3", "1.5h", "90m" → hours; otherwise what is wrong with it, in words.
std::variant<double, std::string> parse_estimate(std::string_view text);
// 3 → "3h", 1.5 → "1.5h", 0.25 → "0.25h".
std::string format_hours(double hours);

// A refusal naming the roles that may, when the requester holds none of them.
std::optional<Reply> refuse_unless_role(Context& context, const std::vector<store::Role>& allowed,
                                        std::string_view action);

// The task named by positional[position] ("T-n"; 1 after a subcommand such as `task show`), or
// the reply explaining why there is none.
std::variant<store::Task, Reply> find_task(Context& context, const CommandLine& args,
                                           std::string_view usage_line, std::size_t position = 1);

// "awaiting acceptance": a status as words in a sentence.
std::string status_words(store::TaskStatus status);

// "feature, bug, debt, test, docs" as code spans, for "one of ..." messages.
Text choices_text(const std::vector<std::string_view>& names);
std::vector<std::string_view> kind_names();
std::vector<std::string_view> priority_names();
std::vector<std::string_view> status_names();

// The task as a JSON object, for the decision log's before/after.
std::string task_summary_json(const store::Task& task, const std::vector<std::string>& criteria);

}  // namespace accord::commands
