#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/inbound_events.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::TempDatabase;

TEST_CASE("inbound events: a repeat delivery is recognised") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  InboundEvents events(db);

  CHECK_FALSE(events.seen(accord::store::Platform::slack, "Ev01"));
  CHECK(events.remember(accord::store::Platform::slack, "Ev01", from_millis(100)));
  CHECK(events.seen(accord::store::Platform::slack, "Ev01"));
  CHECK_FALSE(events.seen(accord::store::Platform::teams, "Ev01"));
  CHECK_FALSE(events.remember(accord::store::Platform::slack, "Ev01", from_millis(200)));
  CHECK(events.remember(accord::store::Platform::teams, "Ev01", from_millis(200)));
  CHECK(events.remember(accord::store::Platform::slack, "Ev02", from_millis(300)));

  CHECK(events.forget_before(from_millis(250)) == 2);
  CHECK(events.forget_before(from_millis(250)) == 0);
  CHECK_FALSE(events.seen(accord::store::Platform::slack, "Ev01"));
  // Forgotten ids count as new again; remembered ones still do not.
  CHECK(events.remember(accord::store::Platform::slack, "Ev01", from_millis(400)));
  CHECK_FALSE(events.remember(accord::store::Platform::slack, "Ev02", from_millis(400)));
}
