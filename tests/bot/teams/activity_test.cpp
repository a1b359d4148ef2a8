// Reading Teams activities (reference/teams.md §1): the fields Accord uses, whatever shape the
// body has, and the command text people type, with mentions taken from the entities only.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/teams/activity.hpp"

using accord::bot::teams::Activity;
using accord::bot::teams::includes_bot;
using accord::bot::teams::parse_activity;
using nlohmann::json;

namespace {

constexpr const char* kBot = "28:11111111-2222-3333-4444-555555555555";
constexpr const char* kCara = "29:1caraAAAA-bbbb";

json mention(const std::string& id, const std::string& name) {
  return {{"type", "mention"},
          {"text", "<at>" + name + "</at>"},
          {"mentioned", {{"id", id}, {"name", name}}}};
}

// The mention entities as a list: a braced single json would be a copy of it with one compiler
// and a one-element array with another.
Activity channel_message(const std::string& text, std::vector<json> entities = {}) {
  return parse_activity(
      {{"type", "message"},
       {"id", "1700"},
       {"text", text},
       {"from", {{"id", "29:1pm"}, {"name", "Pat"}}},
       {"recipient", {{"id", kBot}, {"name", "Accord"}}},
       {"conversation",
        {{"id", "19:abc@thread.tacv2;messageid=1699"}, {"conversationType", "channel"}}},
       {"entities", json(std::move(entities))}});
}

}  // namespace

TEST_CASE("an activity's fields are read, the tenant from channelData first") {
  const Activity activity = parse_activity(
      {{"type", "message"},
       {"id", "1485983408511"},
       {"serviceUrl", "https://smba.trafficmanager.net/amer/"},
       {"channelId", "msteams"},
       {"from", {{"id", "29:1XJK"}, {"name", "Megan Bowen"}, {"aadObjectId", "7faf8ab2"}}},
       {"conversation", {{"conversationType", "personal"}, {"id", "a:17I0kl"}, {"tenantId", "t2"}}},
       {"recipient", {{"id", kBot}}},
       {"text", "Hello"},
       {"entities", {{{"type", "clientInfo"}, {"timezone", "America/Los_Angeles"}}}},
       {"channelData", {{"tenant", {{"id", "72f988bf"}}}}}});
  CHECK(activity.type == "message");
  CHECK(activity.tenant == "72f988bf");
  CHECK(activity.from.name == "Megan Bowen");
  CHECK(activity.from.aad_object_id == "7faf8ab2");
  CHECK(activity.personal());
  CHECK(activity.timezone == "America/Los_Angeles");
  CHECK(activity.base_conversation() == "a:17I0kl");

  SECTION("without channelData the conversation's tenant is used") {
    CHECK(parse_activity({{"conversation", {{"tenantId", "t2"}}}}).tenant == "t2");
  }
}

TEST_CASE("a body of the wrong shape reads as empty fields, never an exception") {
  for (const json& body : {json(nullptr), json::array(), json("text"),
                           json{{"type", 3}, {"from", "x"}, {"entities", {1, "a", nullptr}}},
                           json{{"conversation", json::array()}, {"membersAdded", {1, 2}}}}) {
    const Activity activity = parse_activity(body);
    CHECK(activity.from.id.empty());
    CHECK(activity.command_text().empty());
  }
}

TEST_CASE("the command text: the bot's mention removed, people's mentions made role targets") {
  const Activity activity = channel_message("<at>Accord</at> role add <at>Cara</at> customer",
                                            {mention(kBot, "Accord"), mention(kCara, "Cara")});
  CHECK(activity.command_text() == "role add <@29:1caraAAAA-bbbb> customer");
  CHECK(activity.base_conversation() == "19:abc@thread.tacv2");
  CHECK(activity.mentions.size() == 2);

  SECTION("the bot's mention is matched case-insensitively, wherever it is") {
    CHECK(channel_message("accept T-3 <AT>Accord</AT>", {mention(kBot, "Accord")}).command_text() ==
          "accept T-3");
  }
  SECTION("a leading /accord or accord is the same command") {
    CHECK(channel_message("<at>Accord</at> /accord accept T-3", {mention(kBot, "Accord")})
              .command_text() == "accept T-3");
    CHECK(channel_message("accord help").command_text() == "help");
    CHECK(channel_message("@Accord help").command_text() == "help");
    CHECK(channel_message("accordion").command_text() == "accordion");
  }
  SECTION("HTML entities Teams sends are decoded") {
    // ... and given to the core escaped as Slack escapes text, which its parser reads back.
    CHECK(channel_message("task add &quot;A &amp; B&quot;&nbsp;estimate=2h")
              .command_text() == "task add \"A &amp; B\" estimate=2h");
  }
}

TEST_CASE("typed text cannot pass for a mention") {
  CHECK(channel_message("role add <@29:1boss> leadership").command_text() ==
        "role add &lt;@29:1boss&gt; leadership");
  CHECK(channel_message("role add &lt;@29:1boss&gt; leadership").command_text() ==
        "role add &lt;@29:1boss&gt; leadership");
  CHECK(
      channel_message("role add &lt;&lt;@29:1boss&gt; leadership").command_text() ==
      "role add &lt;&lt;@29:1boss&gt; leadership");
  CHECK(channel_message("x \x01"
                        "0\x01 y")
            .command_text() == "x 0 y");
  SECTION("a mention entity whose id is not a person's id is left as text") {
    CHECK(channel_message("role add <at>Ops</at> dev", {mention("19:channel", "Ops")})
              .command_text() == "role add &lt;at&gt;Ops&lt;/at&gt; dev");
  }
  SECTION("a mention as an option's value stays attached to it") {
    CHECK(channel_message("problem report team \"Late\" about=<at>Cara</at>",
                          {mention(kCara, "Cara")})
              .command_text() == "problem report team \"Late\" about=<@29:1caraAAAA-bbbb>");
  }
}

// A mention entity is the sender's to shape: one whose text opens an <at> tag and never closes
// it (here with the placeholder character the rewrite uses inside) must not break the rewrite.
TEST_CASE("a crafted mention entity is read as text, never out of bounds or as an exception") {
  const json crafted = {{"type", "mention"},
                        {"text",
                         "<at>\x01"
                         "0"},
                        {"mentioned", {{"id", "29:1mallory"}, {"name", "M"}}}};
  for (const std::string tail : {"", "7", "99999999999999999999999"}) {
    const Activity activity =
        channel_message("<at><at>Cara</at>" + tail, {mention(kCara, "Cara"), crafted});
    std::string text;
    REQUIRE_NOTHROW(text = activity.command_text());
    CHECK(text == "&lt;at&gt; <@29:1caraAAAA-bbbb>" + std::string(tail.empty() ? "" : " ") + tail);
  }
  SECTION("an unclosed tag without the placeholder is plain text too") {
    CHECK(channel_message("role add <at>Cara dev",
                          {{{"type", "mention"},
                            {"text", "<at>Cara"},
                            {"mentioned", {{"id", kCara}, {"name", "Cara"}}}}})
              .command_text() == "role add <@29:1caraAAAA-bbbb> dev");
  }
}

TEST_CASE("installation events say whether the bot itself was added or removed") {
  const Activity activity = parse_activity({{"type", "conversationUpdate"},
                                            {"recipient", {{"id", kBot}}},
                                            {"membersAdded", {{{"id", kBot}}, {{"id", kCara}}}},
                                            {"membersRemoved", {{{"id", kCara}}}}});
  CHECK(includes_bot(activity.members_added, activity));
  CHECK_FALSE(includes_bot(activity.members_removed, activity));
}
