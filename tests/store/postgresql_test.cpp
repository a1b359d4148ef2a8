// What only the PostgreSQL backend has: its schema keeps step with SQLite's migrations, and its
// pooled connections survive the server's restart. Skipped unless the tests run on PostgreSQL
// (ctest label "postgresql").
#include <cstdlib>
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
  // A new SQLite migration needs its PostgreSQL counterpart (postgresql_schema.cpp).
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
