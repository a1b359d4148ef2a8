// Roles people hold in a project (a person may hold several), and who held which role when.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

enum class Role { customer, delegate, sponsor, pm, lead, dev, qa, leadership };

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);  // exact lower-case names
const std::vector<Role>& all_roles();
bool is_customer_side(Role role);  // customer, delegate, sponsor

struct Membership {
  std::string user;
  Role role = Role::dev;
  std::string granted_by;
  Timestamp granted_at{};
};

class Roles {
 public:
  explicit Roles(Database& db) : db_(db) {}

  // False if the person already held the role. Both write the role's history (held_at).
  bool grant(std::int64_t project_id, const std::string& user, Role role, const std::string& by,
             Timestamp at);
  // False if the person did not hold it.
  bool revoke(std::int64_t project_id, const std::string& user, Role role, Timestamp at);
  std::vector<Role> of(std::int64_t project_id, const std::string& user);
  bool has(std::int64_t project_id, const std::string& user, Role role);
  // Whether the person held the role at that instant, from its grant to its removal, both
  // included (on the safe side for who may not see what).
  bool held_at(std::int64_t project_id, const std::string& user, Role role, Timestamp at);
  // Ordered by role (table order above), then by when granted.
  std::vector<Membership> list(std::int64_t project_id);
  int count(std::int64_t project_id, Role role);

 private:
  Database& db_;
};

}  // namespace accord::store
