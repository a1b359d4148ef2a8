// Teams conversation references: saved and refreshed, found by person, forgotten on removal.
#include <catch2/catch.hpp>

#include "store/teams_conversations.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord;

TEST_CASE("conversation references are kept, refreshed and forgotten") {
  testing::TempDatabase path;
  store::Database db(path.str());
  store::TeamsConversations references(db);
  const auto at = store::from_millis(1'800'000'000'000);

  references.save(
      {"a:chat-1", "t1", "https://smba.trafficmanager.net/amer/", "personal", "29:1a", at});
  references.save({"19:c@thread.tacv2", "t1", "https://smba.trafficmanager.net/emea/", "channel",
                   "", at + std::chrono::seconds(5)});
  REQUIRE(references.personal_chat("t1", "29:1a"));
  CHECK(references.personal_chat("t1", "29:1a")->conversation_id == "a:chat-1");
  CHECK_FALSE(references.personal_chat("t2", "29:1a"));
  CHECK(references.tenant_service_url("t1") == "https://smba.trafficmanager.net/emea/");

  SECTION("a later activity moves the conversation to its new serviceUrl, keeping its person") {
    references.save({"a:chat-1", "t1", "https://smba.trafficmanager.net/teams/", "personal", "",
                     at + std::chrono::seconds(9)});
    const auto chat = references.find("a:chat-1");
    REQUIRE(chat);
    CHECK(chat->service_url == "https://smba.trafficmanager.net/teams/");
    CHECK(chat->user_id == "29:1a");
  }
  SECTION("removal forgets it") {
    references.remove("a:chat-1");
    CHECK_FALSE(references.personal_chat("t1", "29:1a"));
  }
  SECTION("people keep their name when an activity comes without one") {
    references.save_person({"t1", "29:1a", "Cara", "aad-1", "https://s/", at});
    references.save_person({"t1", "29:1a", "", "", "https://s2/", at});
    const auto person = references.find_person("t1", "29:1a");
    REQUIRE(person);
    CHECK(person->name == "Cara");
    CHECK(person->aad_object_id == "aad-1");
    CHECK(person->service_url == "https://s2/");
  }
}
