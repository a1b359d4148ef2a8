// The scope team with helpers to read every message Accord ever queued, delivered or not, for the
// problem report tests: confidentiality is about what reaches whom.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "store/statement.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

namespace accord::testing {

struct Sent {
  std::string kind;  // direct_message | channel_message | update_message
  std::string to;    // the person for direct messages and updates of them, else the channel
  commands::Message message;
};

// The id of the report a confirmation ("Recorded PR-7KQ2 ...") names.
inline std::string recorded_id(const std::string& confirmation) {
  std::smatch found;
  REQUIRE(std::regex_search(confirmation, found, std::regex("Recorded (PR-[0-9A-Za-z]+)")));
  return found[1];
}

struct ProblemTeam : ScopeTeam {
  // Files a report as `user` and returns its id.
  std::string report(const std::string& user, const std::string& text,
                     const std::string& channel = "C1") {
    return recorded_id(say(user, text, channel));
  }

  std::vector<Sent> sent() {
    store::Transaction tx(db());
    store::Statement rows(db(), "SELECT kind, target, payload FROM outbox ORDER BY id");
    std::vector<Sent> all;
    while (rows.executeStep()) {
      Sent row;
      row.kind = rows.getColumn(0).getString();
      row.to = rows.getColumn(1).getString();
      // deliver_all puts a person's direct messages in conversation "D<user>".
      if (row.kind == "update_message" && row.to.rfind('D', 0) == 0) row.to = row.to.substr(1);
      row.message =
          commands::message_from_json(nlohmann::json::parse(rows.getColumn(2).getString()));
      all.push_back(std::move(row));
    }
    return all;
  }

  // People who got a direct message (not an update) among the rows after `first`.
  std::vector<std::string> dm_targets(std::size_t first) {
    std::vector<std::string> users;
    const auto all = sent();
    for (auto i = first; i < all.size(); ++i) {
      if (all[i].kind == "direct_message") users.push_back(all[i].to);
    }
    return users;
  }

  // Direct messages to `user`, newest last.
  std::vector<commands::Message> dms_to(const std::string& user) {
    std::vector<commands::Message> found;
    for (auto& row : sent()) {
      if (row.kind == "direct_message" && row.to == user) found.push_back(std::move(row.message));
    }
    return found;
  }
};

}  // namespace accord::testing
