#include "tests/bench/bench_fill.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <random>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace accord::bench {
namespace {

using namespace std::chrono;
using store::Timestamp;
using store::to_millis;

// Tokyo is asleep at the benchmark's `now` (Wednesday 14:30 UTC); the others are at work.
constexpr std::array kZones = {"Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"};
constexpr std::size_t kSleepingZone = 2;
constexpr std::array kKinds = {"feature", "feature", "feature", "bug",
                               "bug",     "debt",    "test",    "docs"};
constexpr std::array kPriorities = {"critical", "high",   "high", "medium",
                                    "medium",   "medium", "low"};
constexpr const char* kPolicy = R"({"ack_timeout":"4h","resolve_timeout":"3d"})";
constexpr int kWorkspaces = 100;

// One job per project, as the workflows leave them: mostly digests, some change-request expiries
// and problem-report deadlines.
enum class JobKind { digest, cr_expiry, problem };
JobKind job_kind(std::int64_t project) {
  if (project % 20 == 0) return JobKind::problem;
  if (project % 10 == 5) return JobKind::cr_expiry;
  return JobKind::digest;
}

std::string user(char role, std::int64_t project) {
  return std::string("U") + role + std::to_string(project);
}

std::string workspace(std::int64_t project) {
  return "T" + std::to_string(project % kWorkspaces);
}

// Binds the arguments in order, runs the statement and resets it for the next row.
template <typename... Args>
void insert(SQLite::Statement& statement, const Args&... args) {
  int index = 0;
  (statement.bind(++index, args), ...);
  statement.exec();
  statement.reset();
}

class Filler {
 public:
  Filler(SQLite::Database& db, const Sizes& sizes, Timestamp now)
      : db_(db), sizes_(sizes), now_(to_millis(now)), random_(20261125) {}

  Filled run() {
    Filled filled;
    const long long weights = total_weight();
    long long weight_before = 0;
    for (std::int64_t project = 1; project <= sizes_.projects; ++project) {
      // Project sizes vary 2:6 around the mean; the cumulative split keeps the exact total.
      const long long first = sizes_.tasks * weight_before / weights;
      weight_before += weight(project);
      const long long task_count = sizes_.tasks * weight_before / weights - first;
      add_project(project, static_cast<int>(task_count), filled.counts);
      if (project % static_cast<std::int64_t>(kZones.size()) != kSleepingZone) {
        filled.due_candidates.push_back(project);
      }
    }
    std::shuffle(filled.due_candidates.begin(), filled.due_candidates.end(), random_);
    return filled;
  }

 private:
  static long long weight(std::int64_t project) { return 2 + project % 5; }
  long long total_weight() const {
    long long total = 0;
    for (std::int64_t project = 1; project <= sizes_.projects; ++project) total += weight(project);
    return total;
  }

  std::int64_t ago(minutes low, minutes high) {
    return now_ - duration_cast<milliseconds>(minutes(std::uniform_int_distribution<std::int64_t>(
                                                  low.count(), high.count())(random_)))
                      .count();
  }
  std::int64_t ahead(minutes low, minutes high) { return 2 * now_ - ago(low, high); }

  void add_project(std::int64_t project, int task_count, FillCounts& counts) {
    const auto zone = kZones[static_cast<std::size_t>(project) % kZones.size()];
    const auto pm = user('P', project);
    const auto customer = user('C', project);
    const auto created = ago(days(150), days(400));
    insert(projects_, project, "slack", workspace(project), "C" + std::to_string(project),
           "Project " + std::to_string(project), zone, 1 + project % 2, 7.5, pm, created);
    insert(roles_, project, pm, "pm", pm, created);
    insert(roles_, project, customer, "customer", pm, created);
    insert(roles_, project, user('D', project), "dev", pm, created);
    insert(roles_, project, "UL" + workspace(project), "leadership", pm, created);
    if (project % 5 == 0)
      insert(roles_, project, user('G', project), "delegate", customer, created);
    if (project % 2 == 0) insert(people_, "slack", workspace(project), customer, zone, created);
    if (project % 10 == 0) insert(settings_, project, "digest", "08:30");
    if (project % 7 == 0) insert(settings_, project, "approval", "all");
    if (project % 25 == 0) insert(settings_, project, "holidays", "2026-12-24,2026-12-25");

    const auto kind = job_kind(project);
    add_tasks(project, task_count, kind == JobKind::digest, counts);
    insert(sequences_, project, "task", task_count);
    add_roadmap(project, kind == JobKind::cr_expiry || project % 3 == 0, counts);
    if (kind == JobKind::problem) add_problem_report(project, counts);
    add_job(project, kind);
    ++counts.jobs;
  }

  // Statuses in realistic shares; a project with a digest job has something waiting on its
  // customer (that is why the job exists): its last task awaits acceptance.
  void add_tasks(std::int64_t project, int count, bool must_wait, FillCounts& counts) {
    const auto dev = user('D', project);
    const auto customer = user('C', project);
    for (int number = 1; number <= count; ++number) {
      const int roll = std::uniform_int_distribution<int>(0, 99)(random_);
      std::string status = roll < 35   ? "backlog"
                           : roll < 45 ? "planned"
                           : roll < 60 ? "in_progress"
                           : roll < 63 ? "awaiting_acceptance"
                                       : "accepted";
      if (must_wait && number == count) status = "awaiting_acceptance";
      const auto created = ago(days(10), days(150));
      insert(tasks_, project, number, "Task " + std::to_string(number) + " of the invoicing flow",
             kKinds[random_() % kKinds.size()], kPriorities[random_() % kPriorities.size()],
             "As a customer I want my invoices exported so that accounting can close the month",
             0.5 * static_cast<double>(1 + random_() % 16), status, dev, created, created);
      const auto task = db_.getLastInsertRowid();
      ++counts.tasks;
      if (status == "awaiting_acceptance") {
        insert(open_acceptance_, task, dev, ago(hours(1), days(10)));
        ++counts.open_acceptances;
      } else if (status == "accepted") {
        if (random_() % 10 == 0) {  // rejected once before it was accepted
          insert(decided_acceptance_, task, dev, ago(days(20), days(30)), "rejected", customer,
                 ago(days(15), days(19)), "The totals are wrong");
          ++counts.decided_acceptances;
        }
        insert(decided_acceptance_, task, dev, ago(days(5), days(14)), "accepted", customer,
               ago(hours(1), days(4)), "");
        ++counts.decided_acceptances;
      } else if (status == "backlog" && random_() % 30 == 0) {
        insert(decided_acceptance_, task, dev, ago(days(5), days(14)), "rejected", customer,
               ago(hours(1), days(4)), "Does not handle credit notes");
        ++counts.decided_acceptances;
      }
    }
  }

  // R-1 approved through CR-1; with `pending`, R-2 proposed through CR-2, whose cards were
  // delivered to the customer and the channel.
  void add_roadmap(std::int64_t project, bool pending, FillCounts& counts) {
    const auto pm = user('P', project);
    const auto customer = user('C', project);
    const auto proposed = ago(days(30), days(60));
    insert(roadmap_, project, 1, "Invoice export", "2027-03-31", "approved", pm, proposed);
    insert(change_request_, project, 1, "add", db_.getLastInsertRowid(), "Invoice export",
           "2027-03-31", "The customer asked", "approved", pm, proposed);
    insert(decide_change_request_, customer, proposed + 3'600'000, db_.getLastInsertRowid());
    insert(sequences_, project, "roadmap_item", pending ? 2 : 1);
    insert(sequences_, project, "change_request", pending ? 2 : 1);
    if (!pending) return;
    const auto asked = ago(days(1), days(4));
    insert(roadmap_, project, 2, "Credit notes", "2027-05-31", "proposed", pm, asked);
    insert(change_request_, project, 2, "add", db_.getLastInsertRowid(), "Credit notes",
           "2027-05-31", "Needed for the audit", "pending", pm, asked);
    ++counts.pending_change_requests;
    const auto card = "CR-2@" + std::to_string(project);
    const auto channel = "C" + std::to_string(project);
    insert(delivered_card_, workspace(project), "direct_message", customer,
           card + ":dm:" + customer, asked, "D" + customer,
           std::to_string(asked / 1000) + ".000100", card);
    insert(delivered_card_, workspace(project), "channel_message", channel, card + ":channel",
           asked, channel, std::to_string(asked / 1000) + ".000200", card);
  }

  // PR-1 about performance, open at level 1 (the pm); its acknowledgement deadline is its job's.
  void add_problem_report(std::int64_t project, FillCounts& counts) {
    const auto reported = ago(hours(5), hours(8));
    insert(problem_report_, project, user('C', project), reported, kPolicy);
    const auto report = db_.getLastInsertRowid();
    insert(problem_recipient_, report, user('P', project));
    insert(problem_event_, report, reported, user('C', project));
    insert(sequences_, project, "problem_report", 1);
    ++counts.problem_reports;
  }

  void add_job(std::int64_t project, JobKind kind) {
    const auto id = std::to_string(project);
    const auto due = ahead(minutes(10), days(3));
    const auto created = ago(hours(1), days(2));
    switch (kind) {
      case JobKind::digest:
        insert(job_, "digest/" + id + "/" + user('C', project), project, "digest",
               user('C', project), due, created);
        break;
      case JobKind::cr_expiry:
        insert(job_, "cr-expiry/" + id + "/2", project, "cr_expiry", "2", due, created);
        break;
      case JobKind::problem:
        insert(job_, "problem/" + id + "/1", project, "problem", "1", due, created);
        insert(set_ack_deadline_, due, project);
        break;
    }
  }

  SQLite::Database& db_;
  Sizes sizes_;
  std::int64_t now_;
  std::mt19937_64 random_;

  SQLite::Statement projects_{db_,
                              "INSERT INTO projects (id, platform, workspace, channel, name, "
                              "timezone, sprint_weeks, hours_per_day, created_by, created_at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
  SQLite::Statement roles_{db_,
                           "INSERT INTO roles (project_id, user_id, role, granted_by, granted_at) "
                           "VALUES (?, ?, ?, ?, ?)"};
  SQLite::Statement people_{db_,
                            "INSERT INTO people (platform, workspace, user_id, timezone, "
                            "fetched_at) VALUES (?, ?, ?, ?, ?)"};
  SQLite::Statement settings_{
      db_, "INSERT INTO project_settings (project_id, key, value) VALUES (?, ?, ?)"};
  SQLite::Statement sequences_{db_,
                               "INSERT INTO sequences (project_id, kind, last) VALUES (?, ?, ?)"};
  SQLite::Statement tasks_{db_,
                           "INSERT INTO tasks (project_id, number, title, kind, priority, story, "
                           "estimate_hours, status, created_by, created_at, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
  SQLite::Statement open_acceptance_{db_,
                                     "INSERT INTO acceptance_requests (task_id, requested_by, "
                                     "requested_at) VALUES (?, ?, ?)"};
  SQLite::Statement decided_acceptance_{
      db_,
      "INSERT INTO acceptance_requests (task_id, requested_by, requested_at, decision, "
      "decided_by, decided_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?)"};
  SQLite::Statement roadmap_{db_,
                             "INSERT INTO roadmap_items (project_id, number, title, due_date, "
                             "status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"};
  SQLite::Statement change_request_{
      db_,
      "INSERT INTO change_requests (project_id, number, kind, item_id, title_after, due_after, "
      "reason, status, proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
  SQLite::Statement decide_change_request_{
      db_, "UPDATE change_requests SET decided_by = ?, decided_at = ? WHERE id = ?"};
  SQLite::Statement delivered_card_{
      db_,
      "INSERT INTO outbox (platform, workspace, kind, target, payload, dedupe_key, status, "
      "attempts, next_attempt_at, created_at, delivered_at, delivered_channel, delivered_ts, "
      "card_key) VALUES ('slack', ?1, ?2, ?3, '{}', ?4, 'delivered', 1, ?5, ?5, ?5, ?6, ?7, ?8)"};
  SQLite::Statement problem_report_{
      db_,
      "INSERT INTO problem_reports (project_id, number, category, text, reporter, reported_at, "
      "policy) VALUES (?, 1, 'performance', 'Pages take ten seconds to load', ?, ?, ?)"};
  SQLite::Statement problem_recipient_{
      db_, "INSERT INTO problem_report_recipients (report_id, level, user_id) VALUES (?, 1, ?)"};
  SQLite::Statement problem_event_{db_,
                                   "INSERT INTO problem_report_events (report_id, at, actor, "
                                   "action) VALUES (?, ?, ?, 'reported')"};
  SQLite::Statement job_{db_,
                         "INSERT INTO scheduled_jobs (job_key, project_id, kind, subject, due_at, "
                         "created_at) VALUES (?, ?, ?, ?, ?, ?)"};
  SQLite::Statement set_ack_deadline_{
      db_, "UPDATE problem_reports SET ack_deadline = ? WHERE project_id = ? AND number = 1"};
};

}  // namespace

Filled fill(store::Database& db, const Sizes& sizes, Timestamp now) {
  store::Transaction tx(db);
  auto filled = Filler(db.sqlite(), sizes, now).run();
  tx.commit();
  return filled;
}

void make_due(store::Database& db, const std::vector<std::int64_t>& projects, Timestamp now) {
  store::Transaction tx(db);
  std::mt19937_64 random(projects.size());
  SQLite::Statement job(db.sqlite(), "UPDATE scheduled_jobs SET due_at = ? WHERE project_id = ?");
  SQLite::Statement report(
      db.sqlite(),
      "UPDATE problem_reports SET ack_deadline = ? WHERE project_id = ? AND status = 'open'");
  for (const auto project : projects) {
    const auto due = to_millis(now) - static_cast<std::int64_t>(random() % 1'800'000);
    insert(job, due, project);
    insert(report, due, project);
  }
  tx.commit();
}

}  // namespace accord::bench
