#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/statement.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::new_project;
using accord::testing::TempDatabase;

namespace {

constexpr const char* kNameByChannel = "SELECT name FROM projects WHERE channel = ?";

}  // namespace

TEST_CASE("a reused statement starts from its first row with no bindings left over") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  new_project(db, "C1");
  new_project(db, "C2");
  {
    Statement query(db, kNameByChannel);
    query.bind(1, "C1");
    REQUIRE(query.executeStep());  // left mid-way: the lease resets it
  }
  {
    Statement query(db, kNameByChannel);
    query.bind(1, "C2");  // a statement still mid-way would refuse a new binding
    REQUIRE(query.executeStep());
    CHECK(query.getColumn(0).getString() == "Project C2");
  }
  Statement query(db, kNameByChannel);
  CHECK_FALSE(query.executeStep());  // no binding left over: channel = NULL matches nothing
}

TEST_CASE("the same query can run inside itself") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  for (const char* channel : {"C1", "C2", "C3"}) new_project(db, channel);
  constexpr const char* kChannels = "SELECT channel FROM projects ORDER BY id";
  Statement outer(db, kChannels);
  int pairs = 0;
  while (outer.executeStep()) {
    Statement inner(db, kChannels);
    while (inner.executeStep()) ++pairs;
  }
  CHECK(pairs == 9);
}

TEST_CASE("a statement that failed can be used again", "[sqlite]") {
  TempDatabase path;
  Database db(path.str());
  Transaction tx(db);
  const auto project = new_project(db, "C1");
  constexpr const char* kGrant =
      "INSERT INTO roles (project_id, user_id, role, granted_by, granted_at) "
      "VALUES (?, 'U1', 'pm', 'U1', 0)";
  {
    Statement grant(db, kGrant);
    grant.bind(1, project + 1000);  // no such project: the foreign key refuses it
    CHECK_THROWS_AS(grant.exec(), SQLite::Exception);
  }
  Statement grant(db, kGrant);
  grant.bind(1, project);
  CHECK(grant.exec() == 1);
}

TEST_CASE("a kept statement follows a schema change", "[sqlite]") {
  TempDatabase path;
  Database db(path.str());
  db.sqlite().exec("CREATE TABLE notes (a TEXT, b TEXT); INSERT INTO notes VALUES ('a1', 'b1')");
  constexpr const char* kB = "SELECT b FROM notes";
  {
    Statement query(db, kB);
    REQUIRE(query.executeStep());
    CHECK(query.getColumn(0).getString() == "b1");
  }
  db.sqlite().exec(
      "DROP TABLE notes; CREATE TABLE notes (b TEXT, a TEXT); "
      "INSERT INTO notes VALUES ('b2', 'a2')");
  Statement query(db, kB);
  REQUIRE(query.executeStep());
  CHECK(query.getColumn(0).getString() == "b2");
}
