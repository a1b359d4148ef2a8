#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/fair_mutex.hpp"
#include "store/objectives.hpp"
#include "store/projects.hpp"
#include "store/statement.hpp"
#include "store/time.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::TempDatabase;
using accord::testing::TempPath;

namespace {

Project apollo(const std::string& channel = "C1") {
  Project project;
  project.platform = accord::store::Platform::slack;
  project.workspace = "T1";
  project.channel = channel;
  project.name = "Apollo";
  project.created_by = "U1";
  return project;
}

// How many projects a read-only unit of work on another thread sees committed.
std::future<int> projects_seen(Database& db) {
  return std::async(std::launch::async, [&db] {
    Transaction tx(db, Scope::read_only);
    Statement count(db, "SELECT COUNT(*) FROM projects");
    count.executeStep();
    return count.getColumn(0).getInt();
  });
}

}  // namespace

TEST_CASE("the database runs in WAL mode with foreign keys enforced", "[sqlite]") {
  TempPath path;
  Database db(path.str());
  CHECK(db.sqlite().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(db.sqlite().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK(db.sqlite().execAndGet("PRAGMA synchronous").getInt() == 1);  // NORMAL
  CHECK_THROWS_AS(db.sqlite().exec("INSERT INTO roles (project_id, user_id, role, granted_by, "
                                   "granted_at) VALUES (42, 'U1', 'pm', 'U1', 0)"),
                  SQLite::Exception);
}

TEST_CASE("a transaction that is not committed leaves nothing behind") {
  TempDatabase path;
  Database db(path.str());
  {
    Transaction tx(db);
    REQUIRE(Projects(db).create(apollo()));
  }
  {
    Transaction tx(db);
    CHECK_FALSE(Projects(db).find_by_channel(accord::store::Platform::slack, "T1", "C1"));
  }
}

TEST_CASE("a committed transaction survives reopening the file") {
  TempDatabase path;
  {
    Database db(path.str());
    Transaction tx(db);
    REQUIRE(Projects(db).create(apollo()));
    tx.commit();
  }
  Database db(path.str());
  Transaction tx(db);
  CHECK(Projects(db).find_by_channel(accord::store::Platform::slack, "T1", "C1"));
}

TEST_CASE("a failing unit of work rolls back everything it wrote") {
  TempDatabase path;
  Database db(path.str());
  try {
    Transaction tx(db);
    REQUIRE(Projects(db).create(apollo("C1")));
    Statement(db, "INSERT INTO no_such_table VALUES (1)").exec();
    tx.commit();
  } catch (const std::exception&) {
  }
  Transaction tx(db);
  CHECK_FALSE(Projects(db).find_by_channel(accord::store::Platform::slack, "T1", "C1"));
}

TEST_CASE("transactions from several threads take turns") {
  TempDatabase path;
  Database db(path.str());
  std::int64_t project_id = 0;
  {
    Transaction tx(db);
    project_id = Projects(db).create(apollo())->id;
    tx.commit();
  }
  auto add_many = [&] {
    for (int i = 0; i < 50; ++i) {
      Transaction tx(db);
      Objective objective;
      objective.project_id = project_id;
      objective.title = "Goal";
      objective.created_by = "U1";
      Objectives(db).add(objective);
      tx.commit();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) threads.emplace_back(add_many);
  for (auto& thread : threads) thread.join();

  Transaction tx(db);
  std::set<int> numbers;
  for (const auto& objective : Objectives(db).list(project_id)) numbers.insert(objective.number);
  CHECK(numbers.size() == 150);
  CHECK(*numbers.rbegin() == 150);
}

TEST_CASE("checkpoint folds the WAL back into the database file", "[sqlite]") {
  TempPath path;
  Database db(path.str());
  {
    Transaction tx(db);
    REQUIRE(Projects(db).create(apollo()));
    tx.commit();
  }
  REQUIRE(std::filesystem::file_size(path.str() + "-wal") > 0);
  db.checkpoint();
  CHECK(std::filesystem::file_size(path.str() + "-wal") == 0);
}

TEST_CASE("timestamps format as ISO-8601 UTC") {
  using namespace std::chrono;
  const Timestamp at = sys_days{2026y / November / 22} + 9h + 30min + 1500ms;
  CHECK(format_utc(at) == "2026-11-22T09:30:01Z");
  CHECK(from_millis(to_millis(at)) == at);
}

// A read-only unit of work (a health check, the outbox worker looking for work) neither waits
// for a writer nor sees what it has not committed: on SQLite it reads on a connection of its own.
TEST_CASE("a read-only unit of work does not wait for a writer, and sees only what is committed") {
  TempDatabase path;
  Database db(path.str());
  Transaction writing(db);
  Projects(db).create(apollo());
  auto during = projects_seen(db);
  const bool answered = during.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
  if (!answered) writing.commit();  // so the reader can finish, and the test fail, not hang
  REQUIRE(answered);
  CHECK(during.get() == 0);
  writing.commit();
  CHECK(projects_seen(db).get() == 1);
}

TEST_CASE(
    "a commit group keeps its units' work until one commit, and a failed unit undoes only "
    "itself",
    "[sqlite]") {
  TempDatabase path;
  Database db(path.str());
  {
    CommitGroup group(db);
    {
      Transaction first(db, Scope::one_project);
      REQUIRE(Projects(db).create(apollo("C1")));
      first.commit();
    }
    try {
      Transaction failing(db);
      REQUIRE(Projects(db).create(apollo("C2")));
      Statement(db, "INSERT INTO no_such_table VALUES (1)").exec();
      failing.commit();
    } catch (const std::exception&) {
    }
    {
      // A later unit, a read-only one too, sees what the group's earlier units kept.
      Transaction reading(db, Scope::read_only);
      CHECK(Projects(db).find_by_channel(Platform::slack, "T1", "C1"));
      CHECK_FALSE(Projects(db).find_by_channel(Platform::slack, "T1", "C2"));
      reading.commit();
    }
    {
      Transaction third(db);
      REQUIRE(Projects(db).create(apollo("C3")));
      third.commit();
    }
    // Committed units, but nothing of them is durable or visible elsewhere before the group's.
    CHECK(projects_seen(db).get() == 0);
    group.commit();
  }
  CHECK(projects_seen(db).get() == 2);
  Transaction tx(db);
  CHECK(Projects(db).find_by_channel(Platform::slack, "T1", "C1"));
  CHECK_FALSE(Projects(db).find_by_channel(Platform::slack, "T1", "C2"));
  CHECK(Projects(db).find_by_channel(Platform::slack, "T1", "C3"));
}

TEST_CASE("a commit group that ends without its commit keeps nothing of its units", "[sqlite]") {
  TempDatabase path;
  Database db(path.str());
  {
    CommitGroup group(db);
    Transaction unit(db);
    REQUIRE(Projects(db).create(apollo("C1")));
    unit.commit();
    // A checkpoint needs the writer the group holds: refused at once, never a wait for itself.
    CHECK_THROWS_AS(db.checkpoint(), std::logic_error);
    // A unit inside another is still refused, in a group too.
    Transaction outer(db);
    CHECK_THROWS_AS(Transaction(db), std::logic_error);
  }
  CHECK(projects_seen(db).get() == 0);
  // The writer is free again for units of their own.
  Transaction tx(db);
  REQUIRE(Projects(db).create(apollo("C1")));
  tx.commit();
  CHECK(projects_seen(db).get() == 1);
}

TEST_CASE("the writer goes to whoever waited for it, not back to the one that just let go") {
  FairMutex writer;
  std::atomic<bool> waiting{false};
  std::vector<std::string> order;  // appended to only while holding `writer`
  writer.lock();
  std::thread other([&] {
    waiting = true;
    writer.lock();
    order.emplace_back("other");
    writer.unlock();
  });
  while (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // `other` is now blocked in lock()
  writer.unlock();
  writer.lock();  // at once, as the handler thread does between two groups
  order.emplace_back("again");
  writer.unlock();
  other.join();
  CHECK(order == std::vector<std::string>{"other", "again"});
}
