// One-time codes that link a conversation to a project as a further home: made by the project's
// pm, redeemed once, within a day, by someone in the other organisation, who gets the code's role.
// Only a hash of each code is stored, so the database does not hold a usable code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

struct LinkCode {
  std::int64_t project_id = 0;
  std::string role;  // the role the person who redeems it gets
  std::string created_by;
  Timestamp created_at{};
  Timestamp expires_at{};
  std::string used_by;  // empty while unused
  std::optional<Timestamp> used_at;
};

// 12 random characters of Crockford's base32 (no I, L, O, U) in groups of four, "K7QF-2M9X-C4PA":
// 60 bits from the operating system's CSPRNG. Throws if it fails.
std::string new_link_code();
// The code as typed, compared without case, spaces or dashes (and O, I, L read as 0, 1, 1).
std::string normal_link_code(std::string_view typed);

class LinkCodes {
 public:
  explicit LinkCodes(Database& db) : db_(db) {}

  // Stores the code's hash with what it grants.
  void create(const std::string& code, const LinkCode& link);
  // The code's record, used or not, expired or not; nullopt if no such code was made.
  std::optional<LinkCode> find(const std::string& code);
  // Marks the code used; false if it was used already (by a request at the same time).
  bool use(const std::string& code, const std::string& by, Timestamp at);

 private:
  Database& db_;
};

}  // namespace accord::store
