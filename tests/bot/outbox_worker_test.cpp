// The delivery worker against a scripted Slack: what gets sent for each kind of row, and what
// happens on rate limits, transient failures and refusals. Time is a manual clock; nothing sleeps
// but the one test of the worker's own thread, which waits (boundedly) for it to deliver.
#include <deque>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/outbox_worker.hpp"
#include "bot/slack/delivery.hpp"
#include "commands/core/message.hpp"
#include "store/outbox.hpp"
#include "tests/store/temp_database.hpp"

using accord::bot::OutboxWorker;
using accord::bot::slack::ApiResult;
using accord::store::OutboxItem;
using accord::store::OutboxKind;
using accord::store::OutboxStatus;
using Outcome = ApiResult::Outcome;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

ApiResult answer(Outcome outcome, json body = {}, std::string error = {},
                 std::chrono::seconds retry_after = {}) {
  ApiResult result;
  result.outcome = outcome;
  result.body = std::move(body);
  result.error = std::move(error);
  result.retry_after = retry_after;
  return result;
}

struct Call {
  std::string method;  // or "respond"
  json body;
  std::string token;  // the bot token it was sent with (none for response_url)
};

// Records calls; answers from a script, then with success.
class ScriptedSlack final : public accord::bot::slack::SlackApi {
 public:
  std::vector<Call> calls;
  std::deque<ApiResult> script;

  ApiResult call(const std::string& token, const std::string& method,
                 const json& arguments) override {
    calls.push_back({method, arguments, token});
    if (!script.empty()) {
      auto next = script.front();
      script.pop_front();
      return next;
    }
    if (method == "conversations.open") {
      return answer(Outcome::ok,
                    {{"ok", true}, {"channel", {{"id", "D" + arguments.value("users", "")}}}});
    }
    return answer(
        Outcome::ok,
        {{"ok", true}, {"channel", arguments.value("channel", "")}, {"ts", "1700000000.000100"}});
  }

  ApiResult call_with_body(const std::string& token, const std::string& method,
                           std::string body) override {
    return call(token, method, json::parse(body));
  }

  ApiResult respond(const std::string& url, std::string message) override {
    calls.push_back({"respond:" + url, json::parse(message), {}});
    return answer(Outcome::ok);
  }
};

struct Fixture {
  accord::testing::TempDatabase path;
  accord::store::Database db{path.str()};
  accord::commands::ManualClock clock{accord::store::from_millis(1'800'000'000'000)};
  ScriptedSlack slack;
  accord::bot::slack::SingleToken tokens{"xoxb-test"};
  accord::config::OutboxSettings settings = [] {
    accord::config::OutboxSettings s;
    s.max_attempts = 3;
    s.initial_backoff = 2s;
    s.max_backoff = 60s;
    return s;
  }();

  std::int64_t enqueue(OutboxKind kind, const std::string& target, const std::string& text,
                       const std::string& key, const std::string& workspace = "T1") {
    accord::commands::Message message;
    message.sections.push_back({accord::commands::Text(text), {}});
    OutboxItem item;
    item.workspace = workspace;
    item.kind = kind;
    item.target = target;
    item.payload = accord::commands::message_json(message);
    item.dedupe_key = key;
    item.created_at = item.next_attempt_at = clock.now();
    accord::store::Transaction tx(db);
    const auto id = accord::store::Outbox(db).enqueue(item);
    tx.commit();
    REQUIRE(id);
    return *id;
  }

  // The worker with Slack as its one platform, sending through `slack` with `workspace_tokens`.
  struct SlackOnly {
    accord::bot::slack::SlackDelivery delivery;
    accord::bot::Platforms platforms;
    SlackOnly(Fixture& f, accord::bot::slack::WorkspaceTokens& workspace_tokens)
        : delivery(f.db, f.clock, f.slack, workspace_tokens) {
      platforms.add(accord::store::Platform::slack, delivery);
    }
  };

  OutboxItem row(std::int64_t id) {
    accord::store::Transaction tx(db);
    return accord::store::Outbox(db).find(id).value();
  }
};

}  // namespace

TEST_CASE("a direct message opens the conversation once and records where it landed") {
  Fixture f;
  const auto first = f.enqueue(OutboxKind::direct_message, "U7", "You are now the customer", "k1");
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);
  CHECK(worker.run_due() == 1);

  REQUIRE(f.slack.calls.size() == 2);
  CHECK(f.slack.calls[0].method == "conversations.open");
  CHECK(f.slack.calls[0].body["users"] == "U7");
  CHECK(f.slack.calls[1].method == "chat.postMessage");
  CHECK(f.slack.calls[1].body["channel"] == "DU7");
  CHECK(f.slack.calls[1].body["text"].get<std::string>().find("customer") != std::string::npos);
  const auto delivered = f.row(first);
  CHECK(delivered.status == OutboxStatus::delivered);
  CHECK(delivered.delivered_channel == "DU7");
  CHECK(delivered.delivered_ts == "1700000000.000100");

  f.clock.advance(2s);
  f.enqueue(OutboxKind::direct_message, "U7", "Second", "k2");
  worker.run_due();
  CHECK(f.slack.calls.size() == 3);  // no second conversations.open
  CHECK(f.slack.calls[2].method == "chat.postMessage");
}

TEST_CASE("posts to one channel are paced to one per interval") {
  Fixture f;
  const auto a = f.enqueue(OutboxKind::channel_message, "C1", "one", "a");
  const auto b = f.enqueue(OutboxKind::channel_message, "C1", "two", "b");
  const auto c = f.enqueue(OutboxKind::channel_message, "C2", "other channel", "c");
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);
  worker.run_due();
  CHECK(f.row(a).status == OutboxStatus::delivered);
  CHECK(f.row(b).status == OutboxStatus::pending);
  CHECK(f.row(c).status == OutboxStatus::delivered);
  CHECK(f.row(b).attempts == 0);

  f.clock.advance(1s);
  worker.run_due();
  CHECK(f.row(b).status == OutboxStatus::delivered);
}

TEST_CASE("a 429 waits for Retry-After without counting as a failed attempt") {
  Fixture f;
  f.slack.script.push_back(answer(Outcome::rate_limited, {}, "ratelimited", 30s));
  const auto id = f.enqueue(OutboxKind::channel_message, "C1", "hello", "k");
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);
  worker.run_due();

  auto after = f.row(id);
  CHECK(after.status == OutboxStatus::pending);
  CHECK(after.attempts == 0);
  CHECK(after.next_attempt_at >= f.clock.now() + 30s);

  f.clock.advance(29s);
  CHECK(worker.run_due() == 0);
  f.clock.advance(2s);
  CHECK(worker.run_due() == 1);
  CHECK(f.row(id).status == OutboxStatus::delivered);
  CHECK(f.slack.calls.size() == 2);
}

TEST_CASE("a 429 parks that method for the whole workspace, not for other workspaces") {
  Fixture f;
  f.slack.script.push_back(answer(Outcome::rate_limited, {}, "ratelimited", 30s));
  const auto limited = f.enqueue(OutboxKind::channel_message, "C1", "first", "a");
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);
  worker.run_due();
  REQUIRE(f.slack.calls.size() == 1);

  const auto same_team = f.enqueue(OutboxKind::channel_message, "C2", "other channel", "b");
  const auto other_team = f.enqueue(OutboxKind::channel_message, "C9", "elsewhere", "c", "T2");
  const auto home = f.enqueue(OutboxKind::home_view, "U1", "home", "d");
  f.clock.advance(5s);
  worker.run_due();
  CHECK(f.row(same_team).status == OutboxStatus::pending);
  CHECK(f.row(other_team).status == OutboxStatus::delivered);
  CHECK(f.row(home).status == OutboxStatus::delivered);  // another method is not blocked
  CHECK(f.slack.calls.size() == 3);

  f.clock.advance(26s);
  worker.run_due();
  CHECK(f.row(limited).status == OutboxStatus::delivered);
  CHECK(f.row(same_team).status == OutboxStatus::delivered);
}

TEST_CASE("messages to one conversation keep their order across a failure") {
  Fixture f;
  f.slack.script.push_back(answer(Outcome::transient_error, {}, "HTTP 502"));
  const auto first = f.enqueue(OutboxKind::channel_message, "C1", "first", "a");
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);
  worker.run_due();
  REQUIRE(f.row(first).status == OutboxStatus::pending);

  const auto second = f.enqueue(OutboxKind::channel_message, "C1", "second", "b");
  worker.run_due();
  CHECK(f.row(second).status == OutboxStatus::pending);
  CHECK(f.slack.calls.size() == 1);

  for (int i = 0; i < 5; ++i) {
    f.clock.advance(2s);
    worker.run_due();
  }
  CHECK(f.row(first).status == OutboxStatus::delivered);
  CHECK(f.row(second).status == OutboxStatus::delivered);
  std::vector<std::string> texts;
  for (const auto& call : f.slack.calls) texts.push_back(call.body.value("text", ""));
  REQUIRE(texts.size() == 3);
  CHECK(texts[1] == "first");
  CHECK(texts[2] == "second");
}

TEST_CASE("transient failures back off and end in the dead-letter state") {
  Fixture f;
  for (int i = 0; i < 3; ++i)
    f.slack.script.push_back(answer(Outcome::transient_error, {}, "HTTP 503"));
  const auto id = f.enqueue(OutboxKind::channel_message, "C1", "hello", "k");
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);

  worker.run_due();
  auto row = f.row(id);
  CHECK(row.status == OutboxStatus::pending);
  CHECK(row.attempts == 1);
  CHECK(row.last_error == "HTTP 503");
  const auto first_delay = row.next_attempt_at - f.clock.now();
  CHECK(first_delay >= 1s);
  CHECK(first_delay <= 2s);

  f.clock.advance(3s);
  worker.run_due();
  row = f.row(id);
  CHECK(row.attempts == 2);
  const auto second_delay = row.next_attempt_at - f.clock.now();
  CHECK(second_delay >= 2s);
  CHECK(second_delay <= 4s);

  f.clock.advance(5s);
  worker.run_due();
  CHECK(f.row(id).status == OutboxStatus::dead);
  f.clock.advance(1h);
  CHECK(worker.run_due() == 0);
  CHECK(f.slack.calls.size() == 3);
}

TEST_CASE("a refusal from Slack is recorded and not retried") {
  Fixture f;
  f.slack.script.push_back(answer(Outcome::permanent_error,
                                  {{"ok", false}, {"error", "channel_not_found"}},
                                  "channel_not_found"));
  const auto id = f.enqueue(OutboxKind::channel_message, "C404", "hello", "k");
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);
  worker.run_due();
  const auto row = f.row(id);
  CHECK(row.status == OutboxStatus::dead);
  CHECK(row.last_error == "channel_not_found");
  f.clock.advance(1h);
  CHECK(worker.run_due() == 0);
}

TEST_CASE("replies to clicks go to the response_url, home screens to views.publish") {
  Fixture f;
  accord::commands::Message message;
  message.sections.push_back({accord::commands::Text("Roles help"), {}});
  OutboxItem item;
  item.kind = OutboxKind::response_url;
  item.target = "https://hooks.example/actions/1";
  accord::commands::Reply reply;
  reply.message = message;
  item.payload = accord::commands::reply_json(reply);
  item.dedupe_key = "click";
  item.created_at = item.next_attempt_at = f.clock.now();
  {
    accord::store::Transaction tx(f.db);
    accord::store::Outbox(f.db).enqueue(item);
    tx.commit();
  }
  f.enqueue(OutboxKind::home_view, "U5", "Your projects", "home");
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);
  worker.run_due();

  REQUIRE(f.slack.calls.size() == 2);
  CHECK(f.slack.calls[0].method == "respond:https://hooks.example/actions/1");
  CHECK(f.slack.calls[0].body["response_type"] == "ephemeral");
  CHECK(f.slack.calls[0].body["replace_original"] == false);
  CHECK(f.slack.calls[1].method == "views.publish");
  CHECK(f.slack.calls[1].body["user_id"] == "U5");
  CHECK(f.slack.calls[1].body["view"]["type"] == "home");
}

TEST_CASE("a row whose payload cannot be read is dead-lettered and does not block the rest") {
  Fixture f;
  OutboxItem poison;
  poison.workspace = "T1";
  poison.kind = OutboxKind::channel_message;
  poison.target = "C1";
  poison.payload = R"({"sections":[{"text":[{"kind":"sparkle","value":"?"}]}]})";
  poison.dedupe_key = "poison";
  poison.created_at = poison.next_attempt_at = f.clock.now();
  std::int64_t poison_id = 0;
  {
    accord::store::Transaction tx(f.db);
    poison_id = *accord::store::Outbox(f.db).enqueue(poison);
    tx.commit();
  }
  const auto good = f.enqueue(OutboxKind::channel_message, "C2", "fine", "good");
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);
  worker.run_due();
  CHECK(f.row(poison_id).status == OutboxStatus::dead);
  CHECK(f.row(good).status == OutboxStatus::delivered);
  CHECK(worker.run_due() == 0);
}

TEST_CASE("without a bot token messages wait in the outbox") {
  Fixture f;
  const auto id = f.enqueue(OutboxKind::channel_message, "C1", "hello", "k");
  accord::bot::slack::SingleToken no_token{""};
  Fixture::SlackOnly slack_only(f, no_token);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);
  worker.run_due();
  const auto row = f.row(id);
  CHECK(row.status == OutboxStatus::pending);
  CHECK(row.attempts == 0);
  CHECK(row.next_attempt_at > f.clock.now());
}

namespace {

// OAuth mode in miniature: two installed workspaces with their own tokens, one not installed.
class TwoWorkspaces final : public accord::bot::slack::WorkspaceTokens {
 public:
  using BotToken = accord::bot::slack::BotToken;
  bool serves(const std::string& workspace) override { return workspace != "T0C"; }
  BotToken token_for(const std::string& workspace) override {
    if (workspace == "T0A") return {BotToken::Status::ok, "xoxb-a", {}};
    if (workspace == "T0B") return {BotToken::Status::ok, "xoxb-b", {}};
    return {
        BotToken::Status::not_installed, {}, "Accord is not installed in workspace " + workspace};
  }
  void revoke(const std::string&, const std::string&) override {}
};

}  // namespace

TEST_CASE("each row goes out with the token of its own workspace") {
  Fixture f;
  TwoWorkspaces workspaces;
  const auto a = f.enqueue(OutboxKind::channel_message, "C1", "to A", "ka", "T0A");
  const auto b = f.enqueue(OutboxKind::direct_message, "U2", "to B", "kb", "T0B");
  const auto gone = f.enqueue(OutboxKind::channel_message, "C3", "to C", "kc", "T0C");
  const auto hook =
      f.enqueue(OutboxKind::response_url, "https://hooks.example/1", "reply", "kh", "T0C");
  Fixture::SlackOnly slack_only(f, workspaces);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);
  worker.run_due();

  CHECK(f.row(a).status == OutboxStatus::delivered);
  CHECK(f.row(b).status == OutboxStatus::delivered);
  // Nothing can reach a workspace without an installation; a response_url needs no token.
  CHECK(f.row(gone).status == OutboxStatus::dead);
  CHECK(f.row(hook).status == OutboxStatus::delivered);
  REQUIRE(f.slack.calls.size() == 4);
  CHECK(f.slack.calls[0].token == "xoxb-a");
  CHECK(f.slack.calls[1].method == "conversations.open");
  CHECK(f.slack.calls[1].token == "xoxb-b");
  CHECK(f.slack.calls[2].token == "xoxb-b");
  CHECK(f.slack.calls[3].method == "respond:https://hooks.example/1");
  CHECK(f.slack.calls[3].token.empty());
}

// Requests call wake_if_queued after their work; the worker must then deliver what they queued
// without waiting for its poll interval.
TEST_CASE("a row queued by a request goes out as soon as the request wakes the worker") {
  Fixture f;
  f.settings.poll_interval = 1h;  // within this test only a wake can start a pass
  const auto first = f.enqueue(OutboxKind::direct_message, "U1", "First", "k1");
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings);
  worker.start();
  const auto delivered = [&](std::int64_t id) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (f.row(id).status == OutboxStatus::delivered) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  };
  REQUIRE(delivered(first));  // the first pass ran; the worker now sleeps for an hour

  const auto second = f.enqueue(OutboxKind::direct_message, "U2", "Second", "k2");
  worker.wake_if_queued();
  CHECK(delivered(second));
  worker.stop();
}

// Replicas share the outbox: a pass claims its rows, so two workers never send one row twice,
// and rows claimed by a replica that died go out once its lease has ended.
TEST_CASE("workers on one database send each row once, and finish a dead replica's claims") {
  Fixture f;
  const auto a = f.enqueue(OutboxKind::channel_message, "C1", "one", "a");
  const auto b = f.enqueue(OutboxKind::channel_message, "C2", "two", "b");
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker first(f.db, f.clock, slack_only.platforms, f.settings, nullptr, "host:1");
  OutboxWorker second(f.db, f.clock, slack_only.platforms, f.settings, nullptr, "host:2");

  // A third replica claims C3's row, then dies before sending it.
  const auto c = f.enqueue(OutboxKind::channel_message, "C3", "three", "c");
  {
    accord::store::Transaction tx(f.db);
    accord::store::Outbox outbox(f.db);
    CHECK(outbox.claim_due(f.clock.now(), 10, "host:3#gone", f.clock.now() + 60s).size() == 3);
    // It gave the two others back, as a replica does when it stops.
    CHECK(outbox.release(a, "host:3#gone"));
    CHECK(outbox.release(b, "host:3#gone"));
    tx.commit();
  }

  CHECK(first.run_due() == 2);   // a and b; c is claimed
  CHECK(second.run_due() == 0);  // nothing left for the other replica
  CHECK(f.slack.calls.size() == 2);
  CHECK(f.row(a).status == OutboxStatus::delivered);
  CHECK(f.row(b).status == OutboxStatus::delivered);
  CHECK(f.row(c).status == OutboxStatus::pending);

  f.clock.advance(59s);
  CHECK(second.run_due() == 0);  // still within the dead replica's lease
  f.clock.advance(2s);
  CHECK(second.run_due() == 1);
  CHECK(first.run_due() == 0);
  CHECK(f.row(c).status == OutboxStatus::delivered);
  CHECK(f.row(c).claimed_by.empty());
  REQUIRE(f.slack.calls.size() == 3);
  CHECK(f.slack.calls[2].body["channel"] == "C3");
}

// kill -9 leaves a replica's claims behind; started again under the same name, it sends them at
// once instead of waiting out its own lease.
TEST_CASE("a replica restarted after a crash takes back the rows it had claimed") {
  Fixture f;
  const auto a = f.enqueue(OutboxKind::channel_message, "C1", "one", "a");
  {
    accord::store::Transaction tx(f.db);
    CHECK(accord::store::Outbox(f.db)
              .claim_due(f.clock.now(), 10, "host:1#crashed", f.clock.now() + 60s)
              .size() == 1);
    tx.commit();
  }
  Fixture::SlackOnly slack_only(f, f.tokens);
  if (f.db.engine() == accord::store::Engine::postgresql) {
    // Another replica's start leaves host:1's claim alone. (On SQLite there is one server per
    // file, so any server that starts takes every claim back.)
    OutboxWorker other(f.db, f.clock, slack_only.platforms, f.settings, nullptr, "host:2");
    other.start();
    other.stop();
    CHECK(f.row(a).claimed_by == "host:1#crashed");
  }

  OutboxWorker restarted(f.db, f.clock, slack_only.platforms, f.settings, nullptr, "host:1");
  restarted.start();  // takes the claim back, and its first pass sends the row
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (f.row(a).status != OutboxStatus::delivered && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);
  restarted.stop();
  CHECK(f.row(a).status == OutboxStatus::delivered);
  CHECK(f.row(a).claimed_by.empty());
  CHECK(f.slack.calls.size() == 1);
}

// Three replicas must not post three times Slack's rate to one channel, nor ignore a 429 that
// another replica received: pacing and Retry-After are kept in the database they share.
TEST_CASE("replicas share a channel's pace and a method's Retry-After") {
  Fixture f;
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker first(f.db, f.clock, slack_only.platforms, f.settings, nullptr, "host:1");
  OutboxWorker second(f.db, f.clock, slack_only.platforms, f.settings, nullptr, "host:2");

  const auto a = f.enqueue(OutboxKind::channel_message, "C1", "one", "a");
  CHECK(first.run_due() == 1);
  const auto b = f.enqueue(OutboxKind::channel_message, "C1", "two", "b");
  f.clock.advance(200ms);
  second.run_due();
  CHECK(f.row(a).status == OutboxStatus::delivered);
  CHECK(f.row(b).status == OutboxStatus::pending);  // C1 had a post 200 ms ago, from host:1
  CHECK(f.row(b).last_error == "paced");
  f.clock.advance(800ms);
  CHECK(second.run_due() == 1);
  CHECK(f.row(b).status == OutboxStatus::delivered);

  // host:1 receives a 429 on chat.postMessage; host:2 waits it out too, in another channel.
  f.slack.script.push_back(answer(Outcome::rate_limited, {}, "ratelimited", 30s));
  const auto c = f.enqueue(OutboxKind::channel_message, "C2", "limited", "c");
  first.run_due();
  REQUIRE(f.row(c).status == OutboxStatus::pending);
  const auto calls = f.slack.calls.size();
  const auto d = f.enqueue(OutboxKind::channel_message, "C3", "elsewhere", "d");
  f.clock.advance(5s);
  second.run_due();
  CHECK(f.slack.calls.size() == calls);  // nothing sent to the method under Retry-After
  CHECK(f.row(d).status == OutboxStatus::pending);
  CHECK(f.row(d).next_attempt_at >= f.clock.now() + 25s);
  f.clock.advance(26s);
  second.run_due();
  first.run_due();
  CHECK(f.row(c).status == OutboxStatus::delivered);
  CHECK(f.row(d).status == OutboxStatus::delivered);
}

// Another replica (here: another Database on the same PostgreSQL) queues a row; LISTEN/NOTIFY
// wakes this worker at once, though its poll would not come for an hour.
TEST_CASE("on PostgreSQL a row another replica queues wakes the worker", "[postgresql]") {
  Fixture f;
  REQUIRE(f.db.engine() == accord::store::Engine::postgresql);
  f.settings.poll_interval = 1h;
  Fixture::SlackOnly slack_only(f, f.tokens);
  OutboxWorker worker(f.db, f.clock, slack_only.platforms, f.settings, nullptr, "host:1");
  worker.start();
  std::this_thread::sleep_for(500ms);  // the first pass is over; the worker sleeps

  accord::store::Database other(f.path.str());
  OutboxItem item;
  item.workspace = "T1";
  item.kind = OutboxKind::channel_message;
  item.target = "C1";
  item.payload = accord::commands::message_json(accord::commands::Message{});
  item.dedupe_key = "from-another-replica";
  item.created_at = item.next_attempt_at = f.clock.now();
  std::int64_t id = 0;
  {
    accord::store::Transaction tx(other);
    id = accord::store::Outbox(other).enqueue(item).value();
    tx.commit();
  }
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (f.row(id).status != OutboxStatus::delivered && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);
  worker.stop();
  CHECK(f.row(id).status == OutboxStatus::delivered);
}
