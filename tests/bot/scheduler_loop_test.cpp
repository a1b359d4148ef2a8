// The scheduler's own thread: a job a request sets runs when it is due, not at the loop's next
// minute. It waits (boundedly) for that thread; time for the jobs is a manual clock.
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "bot/scheduler_loop.hpp"
#include "store/schedule.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord;
using namespace std::chrono_literals;

namespace {

struct Fixture {
  testing::TempDatabase path;
  store::Database db{path.str()};
  commands::ManualClock clock{store::from_millis(1'800'000'000'000)};
  std::int64_t project = [this] {
    store::Transaction tx(db);
    const auto id = testing::new_project(db, "C1");
    tx.commit();
    return id;
  }();

  // A job of a kind this version does not know: running it just removes it.
  void set_job(const std::string& key) {
    store::ScheduledJob job;
    job.key = key;
    job.project_id = project;
    job.kind = "from_a_later_version";
    job.due_at = job.created_at = clock.now();
    store::Transaction tx(db);
    store::Schedule(db).set(job);
    tx.commit();
  }

  bool ran(const std::string& key) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      {
        store::Transaction tx(db);
        if (!store::Schedule(db).find(key)) return true;
      }
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }
};

}  // namespace

TEST_CASE("a job set by a request runs as soon as the request wakes the scheduler") {
  Fixture f;
  f.set_job("first");
  bot::SchedulerLoop loop(f.db, f.clock, "", nullptr);
  loop.start();
  REQUIRE(f.ran("first"));  // the first pass ran; nothing is due, so the loop sleeps a minute

  f.set_job("second");
  loop.wake_if_rescheduled();
  CHECK(f.ran("second"));
  loop.stop();
}
