// The Slack endpoints without a server: requests signed as Slack signs them, against a store of
// their own. Regressions found by tests/fuzz/fuzz_slack_payload live here.
#include <chrono>
#include <string>

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/http/form.hpp"
#include "bot/slack/signature.hpp"
#include "bot/slack/slack_routes.hpp"
#include "bot/slack/workspace_tokens.hpp"
#include "commands/core/dispatcher.hpp"
#include "store/outbox.hpp"
#include "tests/store/faults.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord;
using accord::testing::count_rows;
using accord::testing::fail_commit_after_insert;
using accord::testing::refuse_inserts;

namespace {

constexpr const char* kSecret = "routes-test-secret";

struct Fixture {
  testing::TempDatabase path;
  store::Database db{path.str()};
  commands::ManualClock clock{store::from_millis(1'800'000'000'000)};
  commands::Dispatcher dispatcher{db, clock};
  bot::slack::SingleToken tokens{"xoxb-test"};
  bot::slack::SlackRoutes routes{options(), db, dispatcher, tokens, clock, [] {}};

  static bot::slack::SlackRoutesOptions options() {
    bot::slack::SlackRoutesOptions options;
    options.signing_secret = kSecret;
    return options;
  }

  bot::http::Response slash_command(const std::string& fields) {
    return post("team_id=T1&channel_id=C1&command=%2Faccord&" + fields, false);
  }

  bot::http::Response interaction(const nlohmann::json& payload) {
    return post("payload=" + bot::http::form_encode(payload.dump()), true);
  }

  bot::http::Response post(const std::string& body, bool interactive) {
    // Signed at the fixture clock's time: the freshness window is measured on it.
    const std::string timestamp = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count());
    bot::http::Request request;
    request.method = "POST";
    request.headers = {
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"X-Slack-Request-Timestamp", timestamp},
        {"X-Slack-Signature", bot::slack::compute_signature(kSecret, timestamp, body)}};
    request.body = body;
    return interactive ? routes.interactive(request) : routes.commands(request);
  }
};

// Messages queued until `until`; a profile look-up (for a new member's name and zone) is not one.
std::vector<store::OutboxItem> messages_due(Fixture& f, store::Timestamp until) {
  auto rows = store::Outbox(f.db).due(until, 10);
  std::erase_if(rows, [](const auto& row) { return row.kind == store::OutboxKind::user_profile; });
  return rows;
}

}  // namespace

// A response_url or id that decodes to bytes that are not UTF-8 used to escape as a JSON
// exception when the form was queued, and the server answered 500.
TEST_CASE("a slash command whose ids are not UTF-8 is answered, not a server error") {
  Fixture f;
  REQUIRE(f.slash_command("user_id=U1&text=setup+Apollo").status == 200);

  const auto response =
      f.slash_command("user_id=U1&text=task+add&trigger_id=1.2%FF&response_url=https%3A%2F%2Fh%9B");
  CHECK(response.status == 200);
  {
    store::Transaction tx(f.db);
    const auto queued = messages_due(f, f.clock.now() + std::chrono::hours(1));
    REQUIRE(queued.size() == 1);
    CHECK(queued[0].kind == store::OutboxKind::open_form);
    CHECK(queued[0].target == "1.2\xEF\xBF\xBD");
    CHECK_NOTHROW(nlohmann::json::parse(queued[0].payload));
  }

  const auto stranger = f.slash_command("user_id=U%FE2&text=roles");
  CHECK(stranger.status == 200);
  CHECK_NOTHROW(nlohmann::json::parse(stranger.body));
}

// A submitted Accord form whose view.state or view.state.values is not an object used to throw
// a JSON exception (a 500); it now reads as a form with no values.
TEST_CASE("a form submission with a malformed state is answered, not a server error") {
  Fixture f;
  REQUIRE(f.slash_command("user_id=U1&text=setup+Apollo").status == 200);
  const nlohmann::json metadata = {{"channel", "C1"}, {"command", "task add"}};
  for (const auto& state :
       {nlohmann::json("x"), nlohmann::json{{"values", {1}}}, nlohmann::json{{"values", "x"}}}) {
    INFO(state.dump());
    const nlohmann::json payload = {{"type", "view_submission"},
                                    {"team", {{"id", "T1"}}},
                                    {"user", {{"id", "U1"}}},
                                    {"view",
                                     {{"callback_id", "accord.form"},
                                      {"private_metadata", metadata.dump()},
                                      {"state", state}}}};
    bot::http::Response response;
    REQUIRE_NOTHROW(response = f.interaction(payload));
    CHECK(response.status == 200);
  }
}

namespace {

nlohmann::json click(const std::string& command) {
  return {
      {"type", "block_actions"},
      {"team", {{"id", "T1"}}},
      {"user", {{"id", "U1"}, {"team_id", "T1"}}},
      {"channel", {{"id", "C1"}}},
      {"response_url", "https://hooks.slack.test/actions/1"},
      {"actions", {{{"action_id", "accord.command#1"}, {"value", command}, {"action_ts", "1.5"}}}}};
}

// What a click that failed left for the clicker: exactly one message, the apology, sent to the
// click's response_url.
void check_only_apology_queued(Fixture& f) {
  store::Transaction tx(f.db);
  const auto queued = messages_due(f, f.clock.now());
  REQUIRE(queued.size() == 1);
  CHECK(queued[0].kind == store::OutboxKind::response_url);
  CHECK(queued[0].payload.find("internal error") != std::string::npos);
}

}  // namespace

// The reply to a click commits in the click's own transaction: a decision is never kept while
// its answer is lost, and a failure of ours still gets an answer.
TEST_CASE("a click's change and its reply are kept together or not at all") {
  Fixture f;
  REQUIRE(f.slash_command("user_id=U1&text=setup+Apollo").status == 200);
  const int tasks = count_rows(f.db, "tasks");

  SECTION("both are kept") {
    REQUIRE(f.interaction(click("task add \"Export invoices\"")).status == 200);
    CHECK(count_rows(f.db, "tasks") == tasks + 1);
    CHECK(count_rows(f.db, "outbox", "kind = 'response_url'") == 1);
  }
  SECTION("a reply that cannot be queued undoes the change") {
    refuse_inserts(f.db, "outbox", "NEW.kind = 'response_url'", "outbox unavailable");
    CHECK_THROWS(f.interaction(click("task add \"Export invoices\"")));
    CHECK(count_rows(f.db, "tasks") == tasks);
  }
  SECTION("a commit that fails is undone and answered with an apology") {
    fail_commit_after_insert(f.db, "tasks");  // after the reply was queued
    REQUIRE(f.interaction(click("task add \"Export invoices\"")).status == 200);
    CHECK(count_rows(f.db, "tasks") == tasks);
    check_only_apology_queued(f);
  }
  SECTION("a workflow that fails is undone and answered with an apology") {
    refuse_inserts(f.db, "tasks", {}, "disk trouble");
    REQUIRE(f.interaction(click("task add \"Export invoices\"")).status == 200);
    CHECK(count_rows(f.db, "tasks") == tasks);
    check_only_apology_queued(f);
  }
}

// A click's payload is read field by field (simdjson): whatever shape it arrives in, the answer
// is a clear 400 or the click runs, in the workspace and channel Slack's fields name.
TEST_CASE("a click's payload of any shape is answered clearly, read from the fields Slack uses") {
  Fixture f;
  REQUIRE(f.slash_command("user_id=U1&text=setup+Apollo").status == 200);
  const int tasks = count_rows(f.db, "tasks");

  SECTION("malformed payloads get 400 and change nothing") {
    for (const auto& body : {std::string("payload=%7Bnot+json"), std::string("payload=%5B1%2C2%5D"),
                             std::string("payload=%22text%22"), std::string("nopayload=1")}) {
      CHECK(f.post(body, true).status == 400);
    }
    auto without_user = click("task add \"A\"");
    without_user.erase("user");
    auto user_not_object = click("task add \"A\"");
    user_not_object["user"] = "U1";
    auto no_actions = click("task add \"A\"");
    no_actions["actions"] = nlohmann::json::array();
    auto actions_not_array = click("task add \"A\"");
    actions_not_array["actions"] = {{"value", "task add \"A\""}};
    auto no_type = click("task add \"A\"");
    no_type["type"] = 7;
    for (const auto& payload :
         {without_user, user_not_object, no_actions, actions_not_array, no_type}) {
      const auto answer = f.interaction(payload);
      CHECK(answer.status == 400);
      CHECK_FALSE(answer.body.empty());
    }
    CHECK(count_rows(f.db, "tasks") == tasks);
  }
  SECTION(
      "an org install's null team falls back to the person's team; the container names "
      "the channel when the payload has none") {
    auto payload = click("task add \"Export invoices\"");
    payload["team"] = nullptr;
    payload["view"] = nullptr;
    payload.erase("channel");
    payload["container"] = {{"type", "message"}, {"channel_id", "C1"}};
    payload["message"] = {{"blocks", nlohmann::json::array({{{"type", "section"}}})}};
    REQUIRE(f.interaction(payload).status == 200);
    CHECK(count_rows(f.db, "tasks") == tasks + 1);
    CHECK(count_rows(f.db, "outbox",
                     "kind = 'response_url' AND target = 'https://hooks.slack.test/actions/1'") ==
          1);
  }
  SECTION("a click in another workspace's channel finds no project there") {
    auto payload = click("task add \"Export invoices\"");
    payload["team"] = {{"id", "T2"}};
    REQUIRE(f.interaction(payload).status == 200);
    CHECK(count_rows(f.db, "tasks") == tasks);
  }
}

// In a Slack Connect channel the installation that serves a click from a modal is the view's
// app_installed_team_id, whatever team the payload names.
TEST_CASE("a click names the serving installation by the view's app_installed_team_id first") {
  Fixture f;
  REQUIRE(f.slash_command("user_id=U1&text=setup+Apollo").status == 200);
  const int tasks = count_rows(f.db, "tasks");
  auto payload = click("task add \"Export invoices\"");
  payload["team"] = {{"id", "T2"}};
  payload["user"]["team_id"] = "T3";
  payload["view"] = {{"id", "V1"}, {"app_installed_team_id", "T1"}};
  REQUIRE(f.interaction(payload).status == 200);
  CHECK(count_rows(f.db, "tasks") == tasks + 1);
}
