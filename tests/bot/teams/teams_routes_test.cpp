// POST /api/messages without a server: tokens signed as the channel signs them, against a store
// of its own. The token is checked before the body; conversation references are kept; a
// repeated activity is acknowledged without effect; replies go to the outbox where Teams wants
// them.
#include <algorithm>
#include <cctype>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/teams/card_actions.hpp"
#include "bot/teams/teams_routes.hpp"
#include "commands/core/dispatcher.hpp"
#include "store/inbound_events.hpp"
#include "store/outbox.hpp"
#include "store/schedule.hpp"
#include "store/teams_conversations.hpp"
#include "tests/bot/teams/fixture.hpp"
#include "tests/store/faults.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord;
using namespace accord::bot::teams::testing;
using nlohmann::json;

namespace {

constexpr const char* kTenant = "tenant-1";
constexpr const char* kChannel = "19:proj@thread.tacv2";
constexpr const char* kPm = "29:1pm-AAAA";
constexpr const char* kCustomer = "29:1cust-BBBB";
const std::string kBot = std::string("28:") + kAppId;

struct Fixture {
  Harness h;
  accord::testing::TempDatabase path;
  store::Database db{path.str()};
  commands::Dispatcher dispatcher{db, h.clock};
  bot::teams::TeamsRoutes routes{h.authenticator,        db,   dispatcher, h.clock,
                                 std::chrono::hours(24), [] {}};
  int next_id = 1;

  json activity(const std::string& user, const std::string& conversation, const std::string& type,
                const std::string& text = {}) {
    json body = {{"type", type},
                 {"id", "act-" + std::to_string(next_id++)},
                 {"channelId", "msteams"},
                 {"serviceUrl", kServiceUrl},
                 {"from", {{"id", user}, {"name", user == kPm ? "Pat" : "Cara"}}},
                 {"recipient", {{"id", kBot}, {"name", "Accord"}}},
                 {"conversation",
                  {{"id", conversation},
                   {"conversationType", conversation.starts_with("a:") ? "personal" : "channel"},
                   {"tenantId", kTenant}}}};
    if (!text.empty()) body["text"] = text;
    return body;
  }

  static bot::http::Request request_for(const json& body, const std::string& token) {
    bot::http::Request request;
    request.method = "POST";
    request.target = "/api/messages";
    request.headers = {{"Authorization", "Bearer " + token},
                       {"Content-Type", "application/json; charset=utf-8"}};
    request.body = body.dump();
    return request;
  }
  bot::http::Response post(const json& body, const std::string& token) {
    return routes.messages(request_for(body, token));
  }
  bot::http::Response post(const json& body) { return post(body, h.token()); }

  // A command typed by `user` in the project channel, with mentions.
  bot::http::Response say(const std::string& user, const std::string& text,
                          const json& mentions = json::array()) {
    json body = activity(user, kChannel, "message", "<at>Accord</at> " + text);
    body["entities"] = json::array({{{"type", "mention"},
                                     {"text", "<at>Accord</at>"},
                                     {"mentioned", {{"id", kBot}, {"name", "Accord"}}}}});
    for (const auto& m : mentions) body["entities"].push_back(m);
    return post(body);
  }

  // Messages queued; a profile look-up (for a new member's name and zone) is not one.
  std::vector<store::OutboxItem> queued() {
    store::Transaction tx(db);
    auto rows = store::Outbox(db).due(h.clock.now() + std::chrono::hours(1), 100);
    std::erase_if(rows,
                  [](const auto& row) { return row.kind == store::OutboxKind::user_profile; });
    return rows;
  }
};

}  // namespace

TEST_CASE("a request without a good token is refused before its body is read") {
  Fixture f;
  bot::http::Request request;
  request.method = "POST";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = "this is not JSON";
  CHECK(f.routes.messages(request).status == 401);
  request.headers.emplace_back("Authorization", "Bearer not.a.token");
  CHECK(f.routes.messages(request).status == 401);
  auto claims = f.h.claims();
  claims["aud"] = "another-bot";
  request.headers.back().second = "Bearer " + f.h.token(claims);
  CHECK(f.routes.messages(request).status == 401);
  // With a good token, the same body is malformed.
  request.headers.back().second = "Bearer " + f.h.token();
  CHECK(f.routes.messages(request).status == 400);
  store::Transaction tx(f.db);
  CHECK_FALSE(store::TeamsConversations(f.db).find(kChannel));
}

TEST_CASE("an activity the token does not vouch for is forbidden, and nothing is kept") {
  Fixture f;
  auto body = f.activity(kPm, kChannel, "message", "help");
  body["serviceUrl"] = "https://smba.trafficmanager.net/emea/";
  CHECK(f.post(body).status == 403);
  store::Transaction tx(f.db);
  CHECK_FALSE(store::TeamsConversations(f.db).find(kChannel));
}

TEST_CASE("a command by @mention runs the core and keeps the conversation reference") {
  Fixture f;
  CHECK(f.say(kPm, "setup \"Nova\" tz=Europe/Berlin").status == 200);
  {
    store::Transaction tx(f.db);
    const auto reference = store::TeamsConversations(f.db).find(kChannel);
    REQUIRE(reference);
    CHECK(reference->service_url == kServiceUrl);
    CHECK(reference->tenant == kTenant);
    CHECK(store::TeamsConversations(f.db).find_person(kTenant, kPm)->name == "Pat");
  }
  auto items = f.queued();
  REQUIRE(items.size() == 1);
  CHECK(items[0].platform == accord::store::Platform::teams);
  CHECK(items[0].kind == store::OutboxKind::channel_message);
  CHECK(items[0].target == kChannel);
  CHECK(items[0].payload.find("Nova") != std::string::npos);

  SECTION("a private answer in a channel goes to the person's 1:1 chat") {
    const json cara = {{"type", "mention"},
                       {"text", "<at>Cara</at>"},
                       {"mentioned", {{"id", kCustomer}, {"name", "Cara"}}}};
    CHECK(f.say(kPm, "role add <at>Cara</at> customer", json::array({cara})).status == 200);
    items = f.queued();
    const auto to_pm = std::find_if(items.begin(), items.end(), [](const auto& item) {
      return item.kind == store::OutboxKind::direct_message && item.target == kPm;
    });
    REQUIRE(to_pm != items.end());
    CHECK(to_pm->payload.find("customer") != std::string::npos);
    store::Transaction tx(f.db);
    CHECK(store::TeamsConversations(f.db).find_person(kTenant, kCustomer)->name == "Cara");
  }
}

TEST_CASE("a repeated activity is acknowledged without running twice") {
  Fixture f;
  const auto body = f.activity(kPm, "a:pm-chat", "message", "help");
  CHECK(f.post(body).status == 200);
  CHECK(f.post(body).status == 200);
  CHECK(f.queued().size() == 1);
}

TEST_CASE("a personal install keeps the chat for later messages and says hello") {
  Fixture f;
  auto body = f.activity(kCustomer, "a:cust-chat", "installationUpdate");
  body["action"] = "add";
  body["entities"] = json::array({{{"type", "clientInfo"}, {"timezone", "America/New_York"}}});
  CHECK(f.post(body).status == 200);
  {
    store::Transaction tx(f.db);
    const auto chat = store::TeamsConversations(f.db).personal_chat(kTenant, kCustomer);
    REQUIRE(chat);
    CHECK(chat->conversation_id == "a:cust-chat");
    CHECK(store::People(f.db).timezone(accord::store::Platform::teams, kTenant, kCustomer) ==
          "America/New_York");
  }
  const auto items = f.queued();
  REQUIRE(items.size() == 1);
  CHECK(items[0].target == "a:cust-chat");

  SECTION("removing the app forgets the chat") {
    body["id"] = "remove-1";
    body["action"] = "remove";
    CHECK(f.post(body).status == 200);
    store::Transaction tx(f.db);
    CHECK_FALSE(store::TeamsConversations(f.db).personal_chat(kTenant, kCustomer));
  }
}

TEST_CASE("a card click is answered in the HTTP response") {
  Fixture f;
  SECTION("an unknown invoke gets a clear error body") {
    auto body = f.activity(kPm, "a:pm-chat", "invoke");
    body["name"] = "composeExtension/query";
    const auto response = f.post(body);
    CHECK(response.status == 200);
    CHECK(json::parse(response.body)["statusCode"] == 400);
  }
  SECTION("a malformed action value is a 400 in the body, never a crash") {
    auto body = f.activity(kPm, "a:pm-chat", "invoke");
    body["name"] = "adaptiveCard/action";
    body["value"] = {{"action", "nonsense"}};
    CHECK(json::parse(f.post(body).body)["statusCode"] == 400);
  }
  SECTION("a button that runs a command answers with its outcome") {
    auto body = f.activity(kPm, "a:pm-chat", "invoke");
    body["name"] = "adaptiveCard/action";
    body["value"] = {
        {"action",
         {{"type", "Action.Execute"},
          {"verb", commands::kRunCommandAction},
          {"data", bot::teams::action_data(commands::kRunCommandAction, "help roles")}}}};
    const auto answer = json::parse(f.post(body).body);
    CHECK(answer["statusCode"] == 200);
    CHECK(answer["type"] == "application/vnd.microsoft.activity.message");
    std::string text = answer["value"].get<std::string>();
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    CHECK(text.find("role") != std::string::npos);
  }
}

// As on Slack, a typed command's answer commits with the workflow.
TEST_CASE("a command's change and its answer are kept together or not at all") {
  Fixture f;
  const auto projects = [&] { return accord::testing::count_rows(f.db, "projects"); };

  SECTION("an answer that cannot be queued undoes the change, and Teams may retry") {
    accord::testing::refuse_inserts(f.db, "outbox", "NEW.platform = 'teams'", "outbox unavailable");
    const auto body = f.activity(kPm, "a:pm-chat", "message", "setup \"Nova\"");
    CHECK_THROWS(f.post(body));
    CHECK(projects() == 0);
    accord::testing::allow_inserts(f.db, "outbox");
    CHECK(f.post(body).status == 200);  // the retry runs it: it was not marked as seen
    CHECK(projects() == 1);
    CHECK(f.queued().size() == 1);
  }
  SECTION("a commit that fails is undone and answered with an apology") {
    accord::testing::fail_commit_after_insert(f.db, "projects");
    CHECK(f.post(f.activity(kPm, "a:pm-chat", "message", "setup \"Nova\"")).status == 200);
    CHECK(projects() == 0);
    const auto items = f.queued();
    REQUIRE(items.size() == 1);
    CHECK(items[0].payload.find("internal error") != std::string::npos);
  }
}

// kill -9 in the middle of an activity's work: a process of its own runs the activity and dies
// (as under SIGKILL, nothing unwinds) the moment the workflow writes. Teams saw no answer and
// sends the activity again, which must run: nothing may say it was processed.
TEST_CASE("an activity cut off by a crash runs when Teams sends it again", "[sqlite]") {
  Fixture f;
  const auto body = f.activity(kPm, "a:pm-chat", "message", "setup \"Nova\"");
  const std::string token = f.h.token();
  const pid_t child = fork();
  if (child == 0) {
    store::Database db(f.path.str());
    accord::testing::die_on_insert(db, "projects");
    commands::Dispatcher dispatcher(db, f.h.clock);
    bot::teams::TeamsRoutes routes(f.h.authenticator, db, dispatcher, f.h.clock,
                                   std::chrono::hours(24), [] {});
    routes.messages(Fixture::request_for(body, token));
    _exit(1);  // the workflow never wrote
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));

  CHECK(f.post(body).status == 200);
  CHECK(accord::testing::count_rows(f.db, "projects") == 1);
}
