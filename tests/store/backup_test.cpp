// Backup and restore: a backup is a consistent, private, checked copy taken while others write;
// restore refuses what it must not replace or bring in, keeps what it replaces and migrates.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <sys/stat.h>

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include "store/backup.hpp"
#include "store/database.hpp"
#include "store/database_lock.hpp"
#include "store/decision_log.hpp"
#include "store/migrations.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::new_project;
using accord::testing::TempPath;
namespace fs = std::filesystem;

namespace {

void record(Database& db, std::int64_t project, const std::string& object) {
  Transaction tx(db);
  Decision decision;
  decision.project_id = project;
  decision.actor = "U1";
  decision.at = from_millis(1000);
  decision.action = "objective.add";
  decision.object = object;
  decision.after = std::string(200, 'x');  // a few rows per page, so copies take many steps
  DecisionLog(db).record(decision);
  tx.commit();
}

int count_decisions(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT count(*) FROM decision_log").getInt();
}

std::int64_t project_with_decisions(Database& db, int decisions) {
  std::int64_t project = 0;
  {
    Transaction tx(db);
    project = new_project(db, "C1");
    tx.commit();
  }
  for (int i = 0; i < decisions; ++i) record(db, project, "O-" + std::to_string(i + 1));
  return project;
}

}  // namespace

TEST_CASE("a backup is a private, checked, self-contained copy", "[sqlite]") {
  TempPath live;
  TempPath target;
  Database db(live.str());
  project_with_decisions(db, 50);

  const auto report = backup_database(db, target.str());
  CHECK(report.path == target.str());
  CHECK(report.schema_version == latest_schema_version());
  CHECK(report.size_bytes == fs::file_size(target.str()));
  CHECK(count_decisions(target.str()) == 50);

  struct stat info {};
  REQUIRE(::stat(target.str().c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK_FALSE(fs::exists(target.str() + "-wal"));
  SQLite::Database copy(target.str(), SQLite::OPEN_READONLY);
  CHECK(copy.execAndGet("PRAGMA journal_mode").getString() == "delete");
  CHECK(copy.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("a backup does not replace an existing file unless forced", "[sqlite]") {
  TempPath live;
  TempPath target;
  Database db(live.str());
  project_with_decisions(db, 3);
  { std::ofstream(target.str()) << "precious"; }

  CHECK_THROWS_AS(backup_database(db, target.str()), MaintenanceRefused);
  CHECK(fs::file_size(target.str()) == 8);

  backup_database(db, target.str(), {true, {}});
  CHECK(count_decisions(target.str()) == 3);
}

TEST_CASE("a backup never writes over the live database", "[sqlite]") {
  TempPath live;
  Database db(live.str());
  project_with_decisions(db, 3);
  CHECK_THROWS_AS(backup_database(db, live.str(), {true, {}}), MaintenanceRefused);
  CHECK(count_decisions(live.str()) == 3);
}

TEST_CASE("a backup is one snapshot, however much is committed while it is taken", "[sqlite]") {
  TempPath live;
  TempPath target;
  Database db(live.str());
  const auto project = project_with_decisions(db, 400);

  // A second connection (as the server would be) commits after every page copied. Without a
  // pinned snapshot each of those commits would restart the copy, and it would never finish.
  Database server(live.str());
  int steps = 0;
  BackupOptions options;
  options.pacing.pages_per_step = 1;
  options.pacing.on_step = [&](int, int) {
    if (++steps > 5000) throw std::runtime_error("the backup keeps restarting");
    record(server, project, "W");
  };
  const auto report = backup_database(db, target.str(), options);

  CHECK(steps > 10);
  CHECK(count_decisions(target.str()) == 400);
  CHECK(count_decisions(live.str()) == 400 + steps);
  CHECK(report.schema_version == latest_schema_version());
}

TEST_CASE("a backup runs beside a writing thread and holds what was committed before it",
          "[sqlite]") {
  TempPath live;
  TempPath target;
  Database db(live.str());
  const auto project = project_with_decisions(db, 100);

  Database server(live.str());
  std::atomic<bool> copying{true};
  std::atomic<int> written{0};
  std::thread writer([&] {
    while (copying) {
      record(server, project, "W");
      ++written;
    }
  });
  BackupOptions options;
  options.pacing.pages_per_step = 1;
  const auto report = backup_database(db, target.str(), options);
  copying = false;
  writer.join();

  const int copied = count_decisions(target.str());
  CHECK(copied >= 100);
  CHECK(copied <= 100 + written);
  SQLite::Database copy(target.str(), SQLite::OPEN_READONLY);
  CHECK(copy.execAndGet("PRAGMA integrity_check").getString() == "ok");
}

TEST_CASE("restore replaces the database, keeps the replaced one and migrates", "[sqlite]") {
  TempPath old_backup;
  {
    // A backup made by an older build: schema version 3.
    SQLite::Database old(old_backup.str(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(old, 3);
    old.exec(
        "INSERT INTO projects (platform, workspace, channel, name, timezone, sprint_weeks, "
        "hours_per_day, created_by, created_at) VALUES ('slack', 'T1', 'C9', 'Old', 'UTC', 2, 6, "
        "'U1', 0)");
  }
  TempPath live;
  {
    Database db(live.str());
    project_with_decisions(db, 7);
  }

  const auto report = restore_database(old_backup.str(), live.str(), from_millis(1795795200000));
  CHECK(report.restored_schema_version == 3);
  CHECK(report.schema_version == latest_schema_version());
  CHECK(report.replaced_copy == live.str() + ".before-restore-20261127T160000Z");
  CHECK(count_decisions(report.replaced_copy) == 7);
  {
    Database db(live.str());
    CHECK(db.sqlite().execAndGet("SELECT name FROM projects").getString() == "Old");
    CHECK(count_decisions(live.str()) == 0);
  }
  remove_database_files(report.replaced_copy);
}

TEST_CASE("restore into an empty data directory needs no previous database", "[sqlite]") {
  TempPath live;
  TempPath backup;
  {
    TempPath source;
    Database db(source.str());
    project_with_decisions(db, 4);
    backup_database(db, backup.str());
  }
  const auto report = restore_database(backup.str(), live.str(), from_millis(0));
  CHECK(report.replaced_copy.empty());
  CHECK(count_decisions(live.str()) == 4);
}

TEST_CASE("restore is refused while the database is open, and opening waits for no restore",
          "[sqlite]") {
  TempPath live;
  TempPath backup;
  Database db(live.str());
  project_with_decisions(db, 2);
  backup_database(db, backup.str());

  CHECK_THROWS_AS(restore_database(backup.str(), live.str(), from_millis(0)), MaintenanceRefused);
  CHECK(count_decisions(live.str()) == 2);

  TempPath other;
  auto exclusive = DatabaseLock::try_exclusive(other.str());
  REQUIRE(exclusive);
  CHECK_THROWS_WITH(Database(other.str()), Catch::Contains("being restored"));
  fs::remove(lock_path(other.str()));
}

TEST_CASE("restore refuses files that are not an intact Accord database of a known version",
          "[sqlite]") {
  TempPath live;
  TempPath candidate;

  SECTION("a text file") {
    std::ofstream(candidate.str()) << "not a database at all, just some text";
    CHECK_THROWS_AS(restore_database(candidate.str(), live.str(), from_millis(0)),
                    MaintenanceRefused);
  }
  SECTION("another application's database") {
    SQLite::Database other(candidate.str(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE notes (text TEXT); PRAGMA user_version = 3");
    CHECK_THROWS_WITH(restore_database(candidate.str(), live.str(), from_millis(0)),
                      Catch::Contains("not an Accord database"));
  }
  SECTION("a database from a newer build") {
    {
      Database db(candidate.str());
      db.sqlite().exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1));
    }
    CHECK_THROWS_WITH(restore_database(candidate.str(), live.str(), from_millis(0)),
                      Catch::Contains("newer"));
  }
  CHECK_FALSE(fs::exists(live.str()));
}
