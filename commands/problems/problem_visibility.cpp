#include "commands/problems/problem_visibility.hpp"

#include <algorithm>
#include <array>

namespace accord::commands {
namespace {

using store::Role;

struct Routing {
  std::string_view category;
  std::vector<Role> level1;
  std::vector<Role> level2;
};

const std::array<Routing, 5>& routings() {
  static const std::array<Routing, 5> table = {{
      {"team", {Role::pm}, {Role::leadership}},
      {"pm", {Role::leadership}, {}},
      {"performance", {Role::pm, Role::lead}, {Role::leadership}},
      {"deadline", {Role::pm, Role::lead}, {Role::leadership}},
      {"other", {Role::pm}, {Role::leadership}},
  }};
  return table;
}

const Routing* routing(std::string_view category) {
  for (const auto& row : routings()) {
    if (row.category == category) return &row;
  }
  return nullptr;
}

}  // namespace

bool is_problem_category(std::string_view category) {
  return routing(category) != nullptr;
}

std::vector<Role> problem_level_roles(std::string_view category, int level) {
  const auto* row = routing(category);
  if (row == nullptr) return {};
  if (level == 1) return row->level1;
  if (level == 2) return row->level2;
  return {};
}

bool may_see_report(Context& context, const store::ProblemReport& report, const std::string& user) {
  if (user.empty()) return false;
  if (!report.about_user.empty() && user == report.about_user) return false;
  store::Roles roles(context.db);
  const auto held = roles.of(report.project_id, user);
  // About the pm: never for a pm, nor for whoever was pm when it was filed, whatever they hold now.
  if (report.category == "pm" &&
      (holds_any(held, {Role::pm}) ||
       roles.held_at(report.project_id, user, Role::pm, report.reported_at))) {
    return false;
  }
  if (user == report.reporter) return true;
  return holds_any(held, problem_level_roles(report.category, 1)) ||
         holds_any(held, problem_level_roles(report.category, 2));
}

std::vector<std::string> eligible_recipients(Context& context, const store::ProblemReport& report,
                                             int level) {
  const auto wanted = problem_level_roles(report.category, level);
  std::vector<std::string> users;
  for (const auto& member : store::Roles(context.db).list(report.project_id)) {
    if (std::find(wanted.begin(), wanted.end(), member.role) == wanted.end()) continue;
    if (std::find(users.begin(), users.end(), member.user) != users.end()) continue;
    if (member.user == report.reporter) continue;  // they know already
    if (!may_see_report(context, report, member.user)) continue;
    users.push_back(member.user);
  }
  return users;
}

}  // namespace accord::commands
