// The cost of a scheduler tick on a large installation (issue 5): by default 100,000 projects
// and 1,000,000 tasks, of which 1,000 projects have a job due. It reports the time to run the
// due jobs (several times, on fresh due sets), the time of an idle tick, peak memory, and the
// query plans that keep a tick proportional to what is due rather than to what exists.
// A benchmark, not a test: it prints figures and asserts only that the jobs ran.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <CLI/CLI.hpp>

#include "commands/core/clock.hpp"
#include "commands/time/scheduler.hpp"
#include "store/database.hpp"
#include "tests/bench/bench_fill.hpp"

namespace {

using namespace std::chrono;
using accord::store::Timestamp;
using accord::store::to_millis;
using Seconds = duration<double>;

// Wednesday 14:30 UTC: working hours in Berlin, New York and UTC, night in Tokyo.
const Timestamp kNow = sys_days{2026y / November / 25} + 14h + 30min;

// A directory of its own for the database and its WAL, removed at the end.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(const std::filesystem::path& parent)
      : path_(parent / ("accord-bench-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  std::filesystem::path file(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Peak resident memory of this process in MiB (VmHWM), or -1 where /proc has no such line.
double peak_rss_mib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return -1;
}

std::int64_t count(accord::store::Database& db, const std::string& sql, Timestamp at = kNow) {
  accord::store::Transaction tx(db);
  SQLite::Statement query(db.sqlite(), sql);
  if (query.getBindParameterCount() > 0) query.bind(1, to_millis(at));
  query.executeStep();
  return query.getColumn(0).getInt64();
}

void print_plan(accord::store::Database& db, const std::string& title, const std::string& sql) {
  accord::store::Transaction tx(db);
  SQLite::Statement plan(db.sqlite(), "EXPLAIN QUERY PLAN " + sql);
  for (int i = 1; i <= plan.getBindParameterCount(); ++i) plan.bind(i, 1);
  std::printf("  %s\n", title.c_str());
  while (plan.executeStep()) std::printf("    %s\n", plan.getColumn(3).getText());
}

// The store's queries on a tick: what is due (store::Schedule::due), and the look-ups of a digest
// (store::Acceptances::waiting, store::ChangeRequests::pending) and an expiry
// (store::Outbox::card_copies), repeated here only to show their plans.
void print_plans(accord::store::Database& db) {
  std::printf("\nQuery plans\n");
  print_plan(db, "due jobs",
             "SELECT id, job_key, project_id, kind, subject, due_at, created_at FROM "
             "scheduled_jobs WHERE due_at <= ? ORDER BY due_at, id LIMIT ?");
  print_plan(db, "next due", "SELECT MIN(due_at) FROM scheduled_jobs");
  print_plan(db, "acceptances waiting in a project",
             "SELECT a.id FROM acceptance_requests a JOIN tasks t ON t.id = a.task_id "
             "WHERE t.project_id = ? AND a.decision IS NULL ORDER BY a.requested_at, a.id");
  print_plan(db, "pending change requests of a project",
             "SELECT id FROM change_requests WHERE project_id = ? AND status = 'pending' "
             "ORDER BY proposed_at, number");
  print_plan(db, "copies of a card", "SELECT id FROM outbox WHERE card_key = ? AND card_key <> ''");
}

struct TickRun {
  int jobs = 0;
  int ticks = 0;
  int failures = 0;
  std::int64_t messages = 0;
  Seconds wall{};
};

// Runs run_due() until nothing is due at `now`, as the server's loop does when it wakes. A failed
// job is retried a minute later, so it is not due again within this loop.
TickRun run_due_jobs(accord::store::Database& db, const accord::commands::Clock& clock) {
  accord::commands::Scheduler scheduler(db, clock);
  TickRun run;
  const auto on_error = [&run](const accord::store::ScheduledJob& job, const std::exception& error,
                               bool /*gave_up*/) {
    ++run.failures;
    std::fprintf(stderr, "job %s failed: %s\n", job.key.c_str(), error.what());
  };
  const auto outbox_before = count(db, "SELECT COUNT(*) FROM outbox");
  const auto started = steady_clock::now();
  for (int failures = 0;; failures = run.failures) {
    // run_due counts every job it dealt with, failed ones included.
    const int handled = scheduler.run_due(on_error);
    ++run.ticks;
    run.jobs += handled - (run.failures - failures);
    if (handled == 0) break;
  }
  run.wall = steady_clock::now() - started;
  run.messages = count(db, "SELECT COUNT(*) FROM outbox") - outbox_before;
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  accord::bench::Sizes sizes;
  int runs = 3;
  int idle_ticks = 1000;
  std::string parent = std::filesystem::temp_directory_path().string();
  CLI::App app{"Cost of a scheduler tick on a large Accord database"};
  app.add_option("--projects", sizes.projects, "projects")->check(CLI::PositiveNumber);
  app.add_option("--tasks", sizes.tasks, "tasks, spread over the projects")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--due", sizes.due, "projects with a job due at the tick")
      ->check(CLI::PositiveNumber);
  app.add_option("--runs", runs, "due ticks to measure, each on a fresh due set")
      ->check(CLI::Range(1, 20));
  app.add_option("--idle-ticks", idle_ticks, "idle ticks to average")->check(CLI::PositiveNumber);
  app.add_option("--dir", parent, "where to create the database's scratch directory");
  CLI11_PARSE(app, argc, argv);

  ScratchDirectory scratch(parent);
  const auto path = scratch.file("bench.db");
  accord::store::Database db(path.string());
  accord::commands::ManualClock clock(kNow);

  std::printf("Scheduler benchmark: %d projects, %d tasks, %d due; SQLite %s; database %s\n",
              sizes.projects, sizes.tasks, sizes.due, SQLite::getLibVersion(), path.c_str());

  auto started = steady_clock::now();
  const auto filled = accord::bench::fill(db, sizes, kNow);
  const Seconds fill_time = steady_clock::now() - started;
  db.checkpoint();
  const auto& made = filled.counts;
  std::printf(
      "\nFill: %.1f s (one transaction), %.0f MiB on disk\n"
      "  %lld tasks, %lld acceptances waiting, %lld decided, %lld change requests pending,\n"
      "  %lld problem reports open, %lld scheduled jobs\n",
      fill_time.count(), static_cast<double>(std::filesystem::file_size(path)) / (1024.0 * 1024.0),
      made.tasks, made.open_acceptances, made.decided_acceptances, made.pending_change_requests,
      made.problem_reports, made.jobs);

  const auto needed = static_cast<std::size_t>(sizes.due) * static_cast<std::size_t>(runs);
  if (filled.due_candidates.size() < needed) {
    std::fprintf(stderr, "only %zu projects can have a due job; lower --due or --runs\n",
                 filled.due_candidates.size());
    return 2;
  }
  print_plans(db);

  std::printf("\nDue ticks: run_due() until nothing is due at now\n");
  std::printf("  %-4s %8s %6s %8s %10s %12s %10s\n", "run", "due", "ticks", "queued", "wall ms",
              "per job us", "failures");
  for (int run = 0; run < runs; ++run) {
    const auto first = filled.due_candidates.begin() + run * sizes.due;
    accord::bench::make_due(db, {first, first + sizes.due}, kNow);
    const auto due = count(db, "SELECT COUNT(*) FROM scheduled_jobs WHERE due_at <= ?");
    const auto result = run_due_jobs(db, clock);
    const double wall_ms = result.wall.count() * 1000.0;
    std::printf("  %-4d %8lld %6d %8lld %10.1f %12.1f %10d\n", run + 1, static_cast<long long>(due),
                result.ticks, static_cast<long long>(result.messages), wall_ms,
                wall_ms * 1000.0 / std::max(result.jobs, 1), result.failures);
    if (result.jobs != due || result.failures != 0) {
      std::fprintf(stderr, "ran %d of %lld due jobs\n", result.jobs, static_cast<long long>(due));
      return 1;
    }
  }

  std::printf(
      "  (queued: outbox rows the jobs wrote: digests, card updates, App Home refreshes)\n");

  accord::commands::Scheduler scheduler(db, clock);
  int ran = 0;
  started = steady_clock::now();
  for (int i = 0; i < idle_ticks; ++i) {
    if (!scheduler.next_due()) return 1;
    ran += scheduler.run_due();
  }
  const Seconds idle = steady_clock::now() - started;
  std::printf("\nIdle tick (next_due() + run_due() with nothing due), mean of %d: %.1f us%s\n",
              idle_ticks, idle.count() * 1e6 / idle_ticks, ran == 0 ? "" : " (ran jobs!)");
  std::printf("Peak RSS (VmHWM): %.0f MiB\n", peak_rss_mib());
  return ran == 0 ? 0 : 1;
}
