#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/commands/test_bot.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::has_mention;
using accord::testing::TestBot;
using Catch::Contains;

namespace {

// A project "Apollo" in C1 with U1 as its pm.
struct Apollo : TestBot {
  Apollo() { run("U1", "setup Apollo"); }
};

}  // namespace

TEST_CASE("the pm adds a role: logged, confirmed and the person is told") {
  Apollo bot;
  auto reply = bot.run("U1", "role add <@U2|maria> customer");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK(all_text(reply.message) == "\nAdded @U2 as customer in Apollo. I've let them know.\n");

  const auto log = bot.decisions();
  REQUIRE(log.size() == 3);
  CHECK(log[0].action == "role.add");
  CHECK(log[0].object == "U2");
  CHECK(log[0].before.empty());
  CHECK(log[0].after == "customer");
  CHECK(log[0].actor == "U1");

  const auto outbox = bot.outbox();
  REQUIRE(outbox.size() == 1);
  const auto& dm = outbox[0];
  CHECK(dm.kind == accord::store::OutboxKind::direct_message);
  CHECK(dm.target == "U2");
  CHECK(dm.platform == accord::store::Platform::slack);
  CHECK(dm.workspace == "T1");
  CHECK(dm.dedupe_key == "decision:" + std::to_string(log[0].id) + ":notify");
  CHECK(dm.next_attempt_at == bot.clock().now());
  const auto message = message_from_json(nlohmann::json::parse(dm.payload));
  CHECK_THAT(all_text(message), Contains("You've been added to Apollo as customer by @U1"));
  CHECK(has_mention(message, "U1"));
  CHECK_THAT(message.fallback(), Contains("customer") && Contains("Apollo"));
}

TEST_CASE("roles lists people by role") {
  Apollo bot;
  CHECK_THAT(bot.say("U1", "roles"), Contains("No customer yet"));
  bot.run("U1", "role add <@U2> customer");
  bot.run("U1", "role add <@U4> dev");
  bot.run("U1", "role add <@U6> dev");
  bot.run("U1", "role add dev <@U2>");  // the role first works too
  const auto shown = bot.say("U4", "roles");
  CHECK_THAT(shown, Contains("Roles in Apollo"));
  CHECK_THAT(shown, Contains("customer: @U2\npm: @U1\ndev: @U4, @U6, @U2"));
  CHECK_THAT(shown, !Contains("No customer yet"));
  CHECK_THAT(bot.say("U4", "role list"), Contains("dev: @U4, @U6, @U2"));
}

TEST_CASE("a long team is listed up to the limit, with a count of the rest") {
  Apollo bot;
  for (int i = 0; i < 45; ++i) bot.run("U1", "role add <@U" + std::to_string(100 + i) + "> dev");
  const auto shown = bot.say("U1", "roles");
  CHECK_THAT(shown, Contains("@U138"));
  CHECK_THAT(shown, !Contains("@U139"));
  CHECK_THAT(shown, Contains("and 6 more"));
}

TEST_CASE("who may change roles") {
  Apollo bot;
  bot.run("U1", "role add <@U2> customer");
  bot.run("U1", "role add <@U4> dev");
  const auto decisions_before = bot.decisions().size();
  const auto outbox_before = bot.outbox().size();

  SECTION("a customer appoints and removes a delegate") {
    CHECK_THAT(bot.say("U2", "role add <@U3> delegate"), Contains("Added @U3 as delegate"));
    CHECK_THAT(bot.say("U2", "role remove <@U3> delegate"), Contains("Removed delegate from @U3"));
    CHECK(bot.decisions().size() == decisions_before + 2);
    const auto outbox = bot.outbox();
    REQUIRE(outbox.size() == outbox_before + 2);
    const auto removal = message_from_json(nlohmann::json::parse(outbox.back().payload));
    CHECK(outbox.back().target == "U3");
    CHECK_THAT(all_text(removal), Contains("Your delegate role in Apollo was removed by @U2"));
  }
  SECTION("a customer cannot hand out other roles") {
    auto reply = bot.run("U2", "role add <@U3> dev");
    CHECK(reply.visibility == Visibility::requester_only);
    CHECK_THAT(all_text(reply.message),
               Contains("Only the project's pm can add roles (a customer can appoint a "
                        "delegate). You are: customer."));
    CHECK_THAT(bot.say("U2", "role remove <@U4> dev"),
               Contains("Only the project's pm can remove roles") && Contains("You are: customer"));
  }
  SECTION("the team cannot change roles") {
    CHECK_THAT(bot.say("U4", "role add <@U3> delegate"),
               Contains("Only the project's pm") && Contains("You are: dev."));
    CHECK_THAT(bot.say("U9", "role add <@U9> pm"), Contains("You are: not on this project's team"));
  }
  SECTION("nothing changes when refused") {
    bot.run("U2", "role add <@U3> dev");
    bot.run("U4", "role remove <@U2> customer");
    CHECK(bot.decisions().size() == decisions_before);
    CHECK(bot.outbox().size() == outbox_before);
    CHECK_THAT(bot.say("U1", "roles"), !Contains("@U3") && Contains("customer: @U2"));
  }
}

TEST_CASE("no-op and mistaken role changes are explained, not logged") {
  Apollo bot;
  bot.run("U1", "role add <@U2> dev");
  const auto decisions_before = bot.decisions().size();
  const auto outbox_before = bot.outbox().size();

  CHECK_THAT(bot.say("U1", "role add <@U2> dev"), Contains("@U2 already holds the dev role"));
  CHECK_THAT(bot.say("U1", "role remove <@U2> qa"), Contains("@U2 doesn't hold the qa role"));
  CHECK_THAT(bot.say("U1", "role add maria dev"),
             Contains("Mention the person with @") && Contains("/accord role add @person <role>"));
  CHECK_THAT(bot.say("U1", "role add <@U2> boss"),
             Contains("boss isn't a role") && Contains("customer") && Contains("leadership"));
  CHECK_THAT(bot.say("U1", "role add <@U2>"), Contains("Tell me who and which role"));
  CHECK_THAT(bot.say("U1", "role promote <@U2> pm"), Contains("role remove @person <role>"));
  CHECK(bot.decisions().size() == decisions_before);
  CHECK(bot.outbox().size() == outbox_before);
}

TEST_CASE("a project keeps at least one pm") {
  Apollo bot;
  CHECK_THAT(bot.say("U1", "role remove <@U1> pm"),
             Contains("only pm") && Contains("a project needs at least one pm"));
  CHECK_THAT(bot.say("U1", "roles"), Contains("pm: @U1"));

  bot.run("U1", "role add <@U5> pm");
  CHECK_THAT(bot.say("U1", "role remove <@U1> pm"), Contains("Removed pm from @U1"));
  CHECK_THAT(bot.say("U1", "role add <@U6> dev"), Contains("not on this project's team"));
  CHECK_THAT(bot.say("U5", "role remove <@U5> pm"), Contains("a project needs at least one pm"));
}

TEST_CASE("changing your own role needs no message to yourself") {
  Apollo bot;
  CHECK_THAT(bot.say("U1", "role add <@U1> dev"), !Contains("let them know"));
  CHECK(bot.outbox().empty());
  CHECK(bot.decisions().front().action == "role.add");
}
