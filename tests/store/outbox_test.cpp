#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/delivery_limits.hpp"
#include "store/outbox.hpp"
#include "store/statement.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::TempDatabase;

namespace {

OutboxItem item(const std::string& key, std::int64_t next_attempt_ms) {
  OutboxItem row;
  row.platform = accord::store::Platform::slack;
  row.workspace = "T1";
  row.kind = OutboxKind::direct_message;
  row.target = "U2";
  row.payload = R"({"title":"Hello"})";
  row.dedupe_key = key;
  row.next_attempt_at = from_millis(next_attempt_ms);
  row.created_at = from_millis(1);
  return row;
}

}  // namespace

TEST_CASE("outbox: enqueue stores the row once per dedupe key") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Outbox outbox(db);

  auto id = outbox.enqueue(item("decision:1:notify", 100));
  REQUIRE(id);
  CHECK_FALSE(outbox.enqueue(item("decision:1:notify", 200)));
  CHECK(outbox.count(OutboxStatus::pending) == 1);

  auto stored = outbox.find(*id);
  REQUIRE(stored);
  CHECK(stored->kind == OutboxKind::direct_message);
  CHECK(stored->target == "U2");
  CHECK(stored->workspace == "T1");
  CHECK(stored->payload == R"({"title":"Hello"})");
  CHECK(stored->status == OutboxStatus::pending);
  CHECK(stored->attempts == 0);
  CHECK(stored->next_attempt_at == from_millis(100));
  CHECK_FALSE(stored->delivered_at);
  CHECK_FALSE(outbox.find(*id + 1));
}

TEST_CASE("outbox: due rows come earliest first, future ones wait") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Outbox outbox(db);
  const auto later = *outbox.enqueue(item("a", 300));
  const auto soon = *outbox.enqueue(item("b", 100));
  const auto future = *outbox.enqueue(item("c", 5000));
  const auto also_soon = *outbox.enqueue(item("d", 100));

  auto due = outbox.due(from_millis(1000), 10);
  REQUIRE(due.size() == 3);
  CHECK(due[0].id == soon);
  CHECK(due[1].id == also_soon);
  CHECK(due[2].id == later);
  CHECK(outbox.due(from_millis(1000), 1).size() == 1);
  CHECK(outbox.due(from_millis(99), 10).empty());
  CHECK(outbox.next_due() == from_millis(100));

  REQUIRE(outbox.mark_delivered(soon, "D1", "1700000000.000100", from_millis(1000)));
  REQUIRE(outbox.mark_delivered(also_soon, "D1", "1700000000.000200", from_millis(1000)));
  REQUIRE(outbox.mark_dead(later, "channel_not_found"));
  CHECK(outbox.next_due() == from_millis(5000));
  CHECK(outbox.due(from_millis(10000), 10).front().id == future);
}

TEST_CASE("outbox: state transitions only act on pending rows") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Outbox outbox(db);
  const auto id = *outbox.enqueue(item("k", 100));

  SECTION("a retry counts an attempt and reschedules") {
    CHECK(outbox.mark_retry(id, from_millis(700), "HTTP 503"));
    auto row = outbox.find(id);
    CHECK(row->attempts == 1);
    CHECK(row->next_attempt_at == from_millis(700));
    CHECK(row->last_error == "HTTP 503");
    CHECK(row->status == OutboxStatus::pending);
  }
  SECTION("postponing does not count an attempt") {
    CHECK(outbox.postpone(id, from_millis(900), "rate limited"));
    auto row = outbox.find(id);
    CHECK(row->attempts == 0);
    CHECK(row->next_attempt_at == from_millis(900));
  }
  SECTION("delivered once; a second delivery or a later failure changes nothing") {
    CHECK(outbox.mark_delivered(id, "D1", "123.456", from_millis(150)));
    CHECK_FALSE(outbox.mark_delivered(id, "D2", "999.999", from_millis(160)));
    CHECK_FALSE(outbox.mark_retry(id, from_millis(700), "late error"));
    CHECK_FALSE(outbox.mark_dead(id, "late error"));
    CHECK_FALSE(outbox.postpone(id, from_millis(700), "late"));
    auto row = outbox.find(id);
    CHECK(row->status == OutboxStatus::delivered);
    CHECK(row->delivered_channel == "D1");
    CHECK(row->delivered_ts == "123.456");
    CHECK(row->delivered_at == from_millis(150));
    CHECK(outbox.due(from_millis(10000), 10).empty());
    CHECK_FALSE(outbox.next_due());
  }
  SECTION("a dead row stays dead") {
    CHECK(outbox.mark_dead(id, "invalid_auth"));
    CHECK_FALSE(outbox.mark_delivered(id, "D1", "1.2", from_millis(150)));
    CHECK(outbox.count(OutboxStatus::dead) == 1);
    CHECK(outbox.count(OutboxStatus::pending) == 0);
    CHECK(outbox.find(id)->last_error == "invalid_auth");
  }
  CHECK_FALSE(outbox.mark_delivered(id + 1, "D1", "1.2", from_millis(150)));
}

TEST_CASE("outbox: a message waits for an older pending one to the same conversation") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Outbox outbox(db);
  const auto first = *outbox.enqueue(item("first", 900));
  auto second = outbox.find(*outbox.enqueue(item("second", 100))).value();
  auto elsewhere_row = item("elsewhere", 100);
  elsewhere_row.target = "U3";
  const auto elsewhere = outbox.find(*outbox.enqueue(elsewhere_row)).value();

  CHECK(outbox.earlier_pending(second) == from_millis(900));
  CHECK_FALSE(outbox.earlier_pending(elsewhere));
  CHECK_FALSE(outbox.earlier_pending(outbox.find(first).value()));

  REQUIRE(outbox.mark_delivered(first, "D2", "1.0", from_millis(950)));
  CHECK_FALSE(outbox.earlier_pending(second));
}

TEST_CASE("outbox kinds and statuses have stable names") {
  CHECK(to_string(OutboxKind::direct_message) == "direct_message");
  CHECK(to_string(OutboxKind::update_message) == "update_message");
  CHECK(to_string(OutboxStatus::dead) == "dead");
}

TEST_CASE("outbox: a row for a platform this build does not know waits and holds up nothing") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Outbox outbox(db);
  const auto newer = outbox.enqueue(item("from-a-newer-build", 100));
  REQUIRE(newer);
  // As a newer Accord would have written it, for a chat system added after this build.
  Statement rename(db, "UPDATE outbox SET platform = 'discord' WHERE id = ?");
  rename.bind(1, *newer);
  rename.exec();
  REQUIRE(outbox.enqueue(item("ours", 200)));

  const auto due = outbox.due(from_millis(1000), 10);
  REQUIRE(due.size() == 1);
  CHECK(due[0].dedupe_key == "ours");
  CHECK(outbox.next_due() == from_millis(200));
  CHECK(outbox.count(OutboxStatus::pending) == 2);  // kept, not lost
}

TEST_CASE("outbox: a claimed row is nobody else's until an outcome or the lease ends it") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  Outbox outbox(db);
  const auto first = *outbox.enqueue(item("a", 100));
  const auto second = *outbox.enqueue(item("b", 200));
  const auto third = *outbox.enqueue(item("c", 300));

  const auto mine = outbox.claim_due(from_millis(1000), 2, "host:1#aa", from_millis(61'000));
  REQUIRE(mine.size() == 2);
  CHECK(mine[0].id == first);  // oldest first
  CHECK(mine[1].id == second);
  CHECK(mine[0].claimed_by == "host:1#aa");
  CHECK(mine[0].claimed_until == from_millis(61'000));
  // Another replica gets only the row left; then there is nothing more for anyone.
  const auto theirs = outbox.claim_due(from_millis(1000), 10, "host:2#bb", from_millis(61'000));
  REQUIRE(theirs.size() == 1);
  CHECK(theirs[0].id == third);
  CHECK(outbox.claim_due(from_millis(1000), 10, "host:3#cc", from_millis(61'000)).empty());
  // A replica with nothing to claim sleeps until the first claim may end.
  CHECK(outbox.next_due() == from_millis(61'000));

  // Every outcome ends the claim: a retry is due again at its time, for any replica.
  REQUIRE(outbox.mark_retry(first, from_millis(2000), "timeout"));
  CHECK(outbox.next_due() == from_millis(2000));
  const auto retried = outbox.claim_due(from_millis(2000), 10, "host:3#cc", from_millis(62'000));
  REQUIRE(retried.size() == 1);
  CHECK(retried[0].id == first);
  REQUIRE(outbox.postpone(first, from_millis(3000), "paced"));  // due again at 3 s, for anyone

  // Only the holder gives a row back.
  CHECK_FALSE(outbox.release(second, "host:2#bb"));
  CHECK(outbox.release(second, "host:1#aa"));
  CHECK(outbox.claim_due(from_millis(1000), 10, "host:2#bb", from_millis(61'000)).size() == 1);

  // A restarted replica (same name, new run) takes back what its earlier run left claimed, and
  // nothing of another replica's.
  CHECK(outbox.release_earlier_runs("host:2", "host:2#dd") == 2);
  CHECK(outbox.release_earlier_runs("host:2", "host:2#dd") == 0);

  // When the lease ends, any replica may claim the row.
  const auto again = outbox.claim_due(from_millis(1000), 10, "host:9#ee", from_millis(5000));
  CHECK(again.size() == 2);  // second and third; first waits for its postponed time
  CHECK(outbox.claim_due(from_millis(4999), 10, "host:1#aa", from_millis(70'000)).size() == 1);
  CHECK(outbox.claim_due(from_millis(5000), 10, "host:1#aa", from_millis(70'000)).size() == 2);
}

TEST_CASE("delivery limits: one slot per interval per channel, and the latest block stands") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  DeliveryLimits limits(db);
  using std::chrono::milliseconds;
  CHECK_FALSE(limits.take_slot("slack/T1/C1", from_millis(1000), milliseconds(1000)));
  CHECK(limits.take_slot("slack/T1/C1", from_millis(1500), milliseconds(1000)) ==
        from_millis(2000));
  CHECK_FALSE(limits.take_slot("slack/T1/C2", from_millis(1500), milliseconds(1000)));
  CHECK_FALSE(limits.take_slot("slack/T1/C1", from_millis(2000), milliseconds(1000)));
  CHECK(limits.take_slot("slack/T1/C1", from_millis(2999), milliseconds(1000)) ==
        from_millis(3000));

  limits.block("slack/T1/chat.postMessage", from_millis(30'000));
  limits.block("slack/T1/chat.postMessage", from_millis(20'000));  // an older 429 changes nothing
  CHECK(limits.blocked_until({"slack/T1/views.publish", "slack/T1/chat.postMessage"},
                             from_millis(5000)) == from_millis(30'000));
  CHECK_FALSE(limits.blocked_until({"slack/T1/chat.postMessage"}, from_millis(30'000)));
  CHECK_FALSE(limits.blocked_until({"slack/T2/chat.postMessage"}, from_millis(5000)));
  CHECK(limits.forget_before(from_millis(10'000)) == 2);  // the channels' slots, not the block
  CHECK(limits.blocked_until({"slack/T1/chat.postMessage"}, from_millis(5000)));
}
