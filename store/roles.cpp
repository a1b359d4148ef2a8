#include "store/roles.hpp"

#include <algorithm>
#include <stdexcept>

#include "store/statement.hpp"

namespace accord::store {
namespace {

Role stored_role(const std::string& text) {
  if (auto role = parse_role(text)) return *role;
  throw std::runtime_error("unknown role in the database: " + text);
}

// Table order of the enum, so lists read customer side first, then the contractor's team.
void sort_by_role(std::vector<Membership>& members) {
  std::stable_sort(members.begin(), members.end(),
                   [](const Membership& a, const Membership& b) { return a.role < b.role; });
}

}  // namespace

std::string_view to_string(Role role) {
  switch (role) {
    case Role::customer:
      return "customer";
    case Role::delegate:
      return "delegate";
    case Role::sponsor:
      return "sponsor";
    case Role::pm:
      return "pm";
    case Role::lead:
      return "lead";
    case Role::dev:
      return "dev";
    case Role::qa:
      return "qa";
    case Role::leadership:
      return "leadership";
  }
  return "unknown";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role role : all_roles()) {
    if (to_string(role) == text) return role;
  }
  return std::nullopt;
}

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles = {Role::customer, Role::delegate,  Role::sponsor,
                                          Role::pm,       Role::lead,      Role::dev,
                                          Role::qa,       Role::leadership};
  return roles;
}

bool is_customer_side(Role role) {
  return role == Role::customer || role == Role::delegate || role == Role::sponsor;
}

bool Roles::grant(std::int64_t project_id, const std::string& user, Role role,
                  const std::string& by, Timestamp at) {
  Statement insert(db_,
                   "INSERT INTO roles (project_id, user_id, role, granted_by, granted_at) "
                   "VALUES (?, ?, ?, ?, ?) "
                   "ON CONFLICT (project_id, user_id, role) DO NOTHING");
  insert.bind(1, project_id);
  insert.bind(2, user);
  insert.bind(3, std::string(to_string(role)));
  insert.bind(4, by);
  insert.bind(5, to_millis(at));
  if (insert.exec() != 1) return false;
  Statement history(db_,
                    "INSERT INTO role_history (project_id, user_id, role, granted_at) "
                    "VALUES (?, ?, ?, ?)");
  history.bind(1, project_id);
  history.bind(2, user);
  history.bind(3, std::string(to_string(role)));
  history.bind(4, to_millis(at));
  history.exec();
  return true;
}

bool Roles::revoke(std::int64_t project_id, const std::string& user, Role role, Timestamp at) {
  Statement remove(db_, "DELETE FROM roles WHERE project_id = ? AND user_id = ? AND role = ?");
  remove.bind(1, project_id);
  remove.bind(2, user);
  remove.bind(3, std::string(to_string(role)));
  if (remove.exec() != 1) return false;
  Statement history(db_,
                    "UPDATE role_history SET revoked_at = ? WHERE project_id = ? AND user_id = ? "
                    "AND role = ? AND revoked_at IS NULL");
  history.bind(1, to_millis(at));
  history.bind(2, project_id);
  history.bind(3, user);
  history.bind(4, std::string(to_string(role)));
  history.exec();
  return true;
}

bool Roles::held_at(std::int64_t project_id, const std::string& user, Role role, Timestamp at) {
  Statement query(db_,
                  "SELECT 1 FROM role_history WHERE project_id = ? AND user_id = ? AND role = ? "
                  "AND granted_at <= ? AND (revoked_at IS NULL OR revoked_at >= ?)");
  query.bind(1, project_id);
  query.bind(2, user);
  query.bind(3, std::string(to_string(role)));
  query.bind(4, to_millis(at));
  query.bind(5, to_millis(at));
  return query.executeStep();
}

std::vector<Role> Roles::of(std::int64_t project_id, const std::string& user) {
  Statement query(db_, "SELECT role FROM roles WHERE project_id = ? AND user_id = ?");
  query.bind(1, project_id);
  query.bind(2, user);
  std::vector<Role> roles;
  while (query.executeStep()) roles.push_back(stored_role(query.getColumn(0).getString()));
  std::sort(roles.begin(), roles.end());
  return roles;
}

bool Roles::has(std::int64_t project_id, const std::string& user, Role role) {
  Statement query(db_, "SELECT 1 FROM roles WHERE project_id = ? AND user_id = ? AND role = ?");
  query.bind(1, project_id);
  query.bind(2, user);
  query.bind(3, std::string(to_string(role)));
  return query.executeStep();
}

std::vector<Membership> Roles::list(std::int64_t project_id) {
  Statement query(db_,
                  "SELECT user_id, role, granted_by, granted_at FROM roles "
                  "WHERE project_id = ? ORDER BY granted_at, id");
  query.bind(1, project_id);
  std::vector<Membership> members;
  while (query.executeStep()) {
    members.push_back(
        Membership{query.getColumn(0).getString(), stored_role(query.getColumn(1).getString()),
                   query.getColumn(2).getString(), from_millis(query.getColumn(3).getInt64())});
  }
  sort_by_role(members);
  return members;
}

int Roles::count(std::int64_t project_id, Role role) {
  Statement query(db_, "SELECT COUNT(*) FROM roles WHERE project_id = ? AND role = ?");
  query.bind(1, project_id);
  query.bind(2, std::string(to_string(role)));
  query.executeStep();
  return query.getColumn(0).getInt();
}

}  // namespace accord::store
