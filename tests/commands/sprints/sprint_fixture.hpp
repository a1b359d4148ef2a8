// A project for the sprint tests: Apollo in C1 (UTC, 6h a day, 2-week sprints) with U1 pm,
// U2 customer, U4 dev, U6 lead, U5 sponsor. The clock stands on Monday 2026-11-23, so a sprint
// planned from Monday 2026-11-30 ends on Friday 2026-12-11 with 10 working days, and the team
// of U4 and U6 brings 2 × 6h × 10 = 120h.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/commands/test_bot.hpp"

namespace accord::testing {

struct SprintProject : TestBot {
  SprintProject() {
    run("U1", "setup Apollo tz=UTC hours=6");
    run("U1", "role add <@U2> customer");
    run("U1", "role add <@U4> dev");
    run("U1", "role add <@U6> lead");
    run("U1", "role add <@U5> sponsor");
  }

  // Adds a task as the customer (who may set priority); returns its id.
  std::string task(const std::string& title, const std::string& options = "") {
    const auto text = say("U2", "task add \"" + title + "\" " + options);
    std::smatch match;
    REQUIRE(std::regex_search(text, match, std::regex("Task (T-[0-9]+) added")));
    return match[1];
  }

  void plan(const std::string& more = "") {
    REQUIRE_THAT(say("U1", "sprint plan \"Signup\" start=2026-11-30 " + more),
                 Catch::Contains("planned"));
  }

  void accept(const std::string& id) {
    REQUIRE_THAT(say("U4", "task done " + id), Catch::Contains("awaits acceptance"));
    REQUIRE_THAT(say("U2", "accept " + id), Catch::Contains("You accepted"));
  }

  // Texts of the messages queued for the project channel, in order.
  std::vector<std::string> channel_posts() {
    std::vector<std::string> posts;
    for (const auto& row : outbox()) {
      if (row.kind != store::OutboxKind::channel_message || row.target != "C1") continue;
      posts.push_back(all_text(commands::message_from_json(nlohmann::json::parse(row.payload))));
    }
    return posts;
  }

  // The channel post whose text contains `needle`, or "" when none does.
  std::string channel_post(const std::string& needle) {
    for (const auto& post : channel_posts()) {
      if (post.find(needle) != std::string::npos) return post;
    }
    return "";
  }

  std::vector<store::Decision> logged(const std::string& action) {
    std::vector<store::Decision> found;
    for (const auto& decision : decisions()) {
      if (decision.action == action) found.push_back(decision);
    }
    return found;
  }
};

}  // namespace accord::testing
