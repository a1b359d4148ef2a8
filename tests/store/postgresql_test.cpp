// What only the PostgreSQL backend has: its schema keeps step with SQLite's migrations, and its
// pooled connections survive the server's restart. Skipped unless the tests run on PostgreSQL
// (ctest label "postgresql").
#include <chrono>
#include <cstdlib>
#include <future>
#include <string>

#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/postgresql_schema.hpp"
#include "store/projects.hpp"
#include "store/statement.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::new_project;
using accord::testing::postgresql_test_server;
using accord::testing::TempDatabase;

TEST_CASE("the PostgreSQL schema is at the version SQLite's migrations reach") {
  // A new SQLite migration needs its PostgreSQL counterpart (postgresql_migrations.cpp).
  CHECK(kPostgresqlSchemaVersion == latest_schema_version());
  if (!postgresql_test_server()) return;
  TempDatabase path;
  Database db(path.str());
  CHECK(db.engine() == Engine::postgresql);
  CHECK(db.schema_version() == latest_schema_version());
  Database again(path.str());  // a second replica finds the schema made
  CHECK(again.schema_version() == latest_schema_version());
}

TEST_CASE(
    "after PostgreSQL restarts, the work in flight fails and the next unit of work succeeds") {
  const char* server = postgresql_test_server();
  if (!server) return;
  const std::string url = server;
  const auto host = url.find("host=");
  REQUIRE(host != std::string::npos);
  const std::string dir = url.substr(host + 5, url.find('&', host) - host - 5);

  TempDatabase path;
  Database db(path.str());
  {
    Transaction tx(db);
    new_project(db, "C1");
    tx.commit();
  }
  {
    Transaction tx(db);
    new_project(db, "C2");
    const std::string restart =
        std::string(ACCORD_SOURCE_DIR) + "/tests/postgresql/cluster.sh restart '" + dir + "'";
    REQUIRE(std::system(restart.c_str()) == 0);
    CHECK_THROWS(tx.commit());  // the connection went with the server: C2 was never written
  }
  Transaction tx(db);  // a fresh connection
  CHECK(Projects(db).find_by_channel(Platform::slack, "T1", "C1"));
  CHECK_FALSE(Projects(db).find_by_channel(Platform::slack, "T1", "C2"));
  new_project(db, "C3");
  tx.commit();
}

// Commands keep to one project: on PostgreSQL, one project's unit of work runs beside another
// project's, waits for its own project's, and a unit for the whole database waits for both.
TEST_CASE("units of work of different projects run side by side; one project's wait in turn",
          "[postgresql]") {
  TempDatabase path;
  Database holder(path.str());
  Database other(path.str());
  REQUIRE(holder.engine() == Engine::postgresql);
  Transaction held(holder, Scope::one_project);
  Transaction::lock_project(holder, 1);

  const auto finishes_within = [&](Scope scope, std::int64_t project,
                                   std::chrono::milliseconds limit) {
    auto done = std::async(std::launch::async, [&other, scope, project] {
      Transaction tx(other, scope);
      if (scope == Scope::one_project) Transaction::lock_project(other, project);
      tx.commit();
    });
    return std::make_pair(done.wait_for(limit) == std::future_status::ready, std::move(done));
  };
  auto [other_project, first] = finishes_within(Scope::one_project, 2, std::chrono::seconds(10));
  REQUIRE(other_project);  // (else it waits for `held`, and so would this test, for ever)
  first.get();
  auto [same_project, second] =
      finishes_within(Scope::one_project, 1, std::chrono::milliseconds(500));
  CHECK_FALSE(same_project);
  held.commit();  // the project's lock goes with the unit of work; the waiting one goes on
  CHECK(second.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  second.get();

  Transaction again(holder, Scope::one_project);
  Transaction::lock_project(holder, 3);
  auto [whole, third] = finishes_within(Scope::whole_database, 0, std::chrono::milliseconds(500));
  CHECK_FALSE(whole);
  again.commit();
  CHECK(third.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  third.get();
}
