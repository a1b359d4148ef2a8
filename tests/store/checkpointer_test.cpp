#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <SQLiteCpp/Column.h>
#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/statement.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::new_project;
using accord::testing::TempPath;

namespace {

constexpr int kNever = 1 << 30;
// A WAL frame: a 24-byte header and a page.
constexpr std::uintmax_t kFrameBytes = 24 + 4096;

std::uintmax_t file_size(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

void add_project(Database& db, int n) {
  Transaction tx(db);
  new_project(db, "C" + std::to_string(n));
  tx.commit();
}

int count_projects(Database& db) {
  Transaction tx(db);
  Statement count(db, "SELECT count(*) FROM projects");
  count.executeStep();
  return count.getColumn(0).getInt();
}

int count_projects(const std::string& path) {
  Database db(path);
  return count_projects(db);
}

}  // namespace

TEST_CASE("a commit finishes the checkpoint itself when the WAL reaches its limit", "[sqlite]") {
  TempPath path;
  constexpr int kProjects = 400;
  {
    Database db(path.str());
    // The schema's migrations at open may have filled the WAL further than the commits below
    // ever should (the file keeps its largest size), and the first commit adds to that.
    const auto opened = file_size(path.str() + "-wal");
    // The thread never starts one: only the commits' own checkpoints keep the WAL short.
    db.checkpoint_in_background({kNever, 100});
    for (int n = 0; n < kProjects; ++n) add_project(db, n);
    CHECK(db.checkpoint_stats().inline_runs > 0);
    CHECK(db.checkpoint_stats().background == 0);
    // Each commit writes a few frames (a project and its first home, with their indexes); the
    // WAL starts over after the checkpoint at 100. Unchecked it would pass 2,000 frames.
    CHECK(file_size(path.str() + "-wal") < std::max(opened + 8 * kFrameBytes, 160 * kFrameBytes));
  }
  CHECK(count_projects(path.str()) == kProjects);
}

TEST_CASE("the checkpoint thread copies the WAL back while the writer goes on", "[sqlite]") {
  TempPath path;
  Database db(path.str());
  db.checkpoint_in_background({20, kNever});
  add_project(db, 0);
  const auto database_before = file_size(path.str());
  // Commits until the thread has run (it is woken once 20 new frames have collected).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int written = 1;
  while (db.checkpoint_stats().background == 0 && std::chrono::steady_clock::now() < deadline) {
    add_project(db, written++);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(db.checkpoint_stats().background > 0);
  CHECK(db.checkpoint_stats().inline_runs == 0);
  // Only a checkpoint writes pages into the database file itself.
  CHECK(file_size(path.str()) > database_before);
  CHECK(count_projects(db) == written);
}

TEST_CASE("background checkpoints keep the WAL bounded and lose no commit", "[sqlite]") {
  TempPath path;
  constexpr int kProjects = 1500;
  std::uintmax_t largest_wal = 0;
  {
    Database db(path.str());
    db.checkpoint_in_background({50, 300});
    for (int n = 0; n < kProjects; ++n) {
      add_project(db, n);
      largest_wal = std::max(largest_wal, file_size(path.str() + "-wal"));
    }
    const auto stats = db.checkpoint_stats();
    CHECK(stats.background + stats.inline_runs > 0);
  }
  // Without checkpoints the WAL would hold every commit's frames, several per project (about
  // 3,400 here). It can pass 300 by what is committed while the thread is checkpointing (the
  // commit's own checkpoint is then busy and tried again by the next commit); on two busy cores
  // under the sanitizers that reached 1,456 frames once.
  CHECK(largest_wal < 2000 * kFrameBytes);
  CHECK(count_projects(path.str()) == kProjects);
}

TEST_CASE("a database in memory has no WAL to checkpoint", "[sqlite]") {
  Database db(":memory:");
  db.checkpoint_in_background();
  add_project(db, 1);
  CHECK(db.checkpoint_stats().background == 0);
  CHECK(db.checkpoint_stats().inline_runs == 0);
}
