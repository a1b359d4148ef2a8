#include "store/schedule.hpp"

#include <atomic>

#include "store/statement.hpp"

namespace accord::store {
namespace {

std::atomic<std::uint64_t> changed_jobs{0};

constexpr const char* kJobColumns =
    "id, job_key, project_id, kind, subject, due_at, created_at, attempts";

ScheduledJob read_job(Statement& row) {
  ScheduledJob job;
  job.id = row.getColumn(0).getInt64();
  job.key = row.getColumn(1).getString();
  job.project_id = row.getColumn(2).getInt64();
  job.kind = row.getColumn(3).getString();
  job.subject = row.getColumn(4).getString();
  job.due_at = from_millis(row.getColumn(5).getInt64());
  job.created_at = from_millis(row.getColumn(6).getInt64());
  job.attempts = row.getColumn(7).getInt();
  return job;
}

}  // namespace

void Schedule::upsert(const ScheduledJob& job, const char* on_conflict) {
  Statement insert(db_, std::string("INSERT INTO scheduled_jobs (job_key, project_id, kind, "
                                    "subject, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                                    "ON CONFLICT (job_key) DO UPDATE SET ") +
                            on_conflict);
  insert.bind(1, job.key);
  insert.bind(2, job.project_id);
  insert.bind(3, job.kind);
  insert.bind(4, job.subject);
  insert.bind(5, to_millis(job.due_at));
  insert.bind(6, to_millis(job.created_at));
  insert.exec();
  changed_jobs.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t Schedule::changed_so_far() {
  return changed_jobs.load(std::memory_order_relaxed);
}

void Schedule::set(const ScheduledJob& job) {
  upsert(job, "due_at = excluded.due_at");
}

void Schedule::set_earlier(const ScheduledJob& job) {
  // The earlier of the two (two-argument MIN is SQLite's, LEAST PostgreSQL's).
  upsert(job,
         "due_at = CASE WHEN excluded.due_at < scheduled_jobs.due_at THEN excluded.due_at "
         "ELSE scheduled_jobs.due_at END");
}

void Schedule::retry(const std::string& key, Timestamp due_at) {
  Statement update(
      db_, "UPDATE scheduled_jobs SET attempts = attempts + 1, due_at = ? WHERE job_key = ?");
  update.bind(1, to_millis(due_at));
  update.bind(2, key);
  update.exec();
  changed_jobs.fetch_add(1, std::memory_order_relaxed);
}

bool Schedule::cancel(const std::string& key) {
  Statement remove(db_, "DELETE FROM scheduled_jobs WHERE job_key = ?");
  remove.bind(1, key);
  return remove.exec() == 1;
}

std::optional<ScheduledJob> Schedule::find(const std::string& key) {
  Statement select(db_,
                   std::string("SELECT ") + kJobColumns + " FROM scheduled_jobs WHERE job_key = ?");
  select.bind(1, key);
  if (!select.executeStep()) return std::nullopt;
  return read_job(select);
}

std::vector<ScheduledJob> Schedule::due(Timestamp now, int limit) {
  Statement select(db_, std::string("SELECT ") + kJobColumns +
                            " FROM scheduled_jobs WHERE due_at <= ? "
                            "ORDER BY due_at, id LIMIT ?");
  select.bind(1, to_millis(now));
  select.bind(2, limit);
  std::vector<ScheduledJob> jobs;
  while (select.executeStep()) jobs.push_back(read_job(select));
  return jobs;
}

std::optional<Timestamp> Schedule::next_due() {
  Statement select(db_, "SELECT MIN(due_at) FROM scheduled_jobs");
  if (!select.executeStep() || select.getColumn(0).isNull()) return std::nullopt;
  return from_millis(select.getColumn(0).getInt64());
}

int Schedule::count() {
  Statement query(db_, "SELECT COUNT(*) FROM scheduled_jobs");
  query.executeStep();
  return query.getColumn(0).getInt();
}

std::optional<std::string> People::timezone(Platform platform, const std::string& workspace,
                                            const std::string& user) {
  Statement select(db_,
                   "SELECT timezone FROM people WHERE platform = ? AND workspace = ? AND "
                   "user_id = ?");
  select.bind(1, platform_name(platform));
  select.bind(2, workspace);
  select.bind(3, user);
  if (!select.executeStep()) return std::nullopt;
  return select.getColumn(0).getString();
}

void People::set_timezone(Platform platform, const std::string& workspace, const std::string& user,
                          const std::string& timezone, Timestamp at) {
  Statement upsert(db_,
                   "INSERT INTO people (platform, workspace, user_id, timezone, "
                   "fetched_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (platform, workspace, "
                   "user_id) DO UPDATE SET timezone = excluded.timezone, fetched_at = "
                   "excluded.fetched_at");
  upsert.bind(1, platform_name(platform));
  upsert.bind(2, workspace);
  upsert.bind(3, user);
  upsert.bind(4, timezone);
  upsert.bind(5, to_millis(at));
  upsert.exec();
}

}  // namespace accord::store
