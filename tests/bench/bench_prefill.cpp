// Prepares the database tests/bench/run.sh serves: optionally the history of many projects
// (bench_fill), and always the project the load runs in, with its members and a supply of tasks
// awaiting acceptance, so that every benchmarked click accepts a task of its own.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <CLI/CLI.hpp>

#include "commands/acceptance/acceptance_card.hpp"
#include "store/database.hpp"
#include "tests/bench/bench_fill.hpp"

namespace {

using accord::store::Timestamp;
using accord::store::to_millis;

struct BenchProject {
  std::string workspace = "T0BENCH";
  std::string channel = "C0BENCH";
  std::string pm = "U0BENCHPM";
  std::string customer = "U0BENCHCU";
  std::string dev = "U0BENCHDV";
  int awaiting = 100'000;
};

void exec(SQLite::Statement& statement) {
  statement.exec();
  statement.reset();
}

// The bench project: a pm, a customer who accepts, a dev who adds tasks; tasks T-1..T-<awaiting>
// delivered and waiting on the customer, each with its open acceptance request and its
// acceptance card posted in the channel (a delivered outbox row, as Accord leaves it), so a
// click updates the card as it would in use: one more outbox row and a chat.update.
std::int64_t add_bench_project(accord::store::Database& db, const BenchProject& project,
                               Timestamp now) {
  auto& sql = db.sqlite();
  const std::int64_t created = to_millis(now) - std::int64_t{30} * 24 * 3600 * 1000;
  accord::store::Transaction tx(db);
  SQLite::Statement insert_project(
      sql,
      "INSERT INTO projects (platform, workspace, channel, name, timezone, sprint_weeks, "
      "hours_per_day, created_by, created_at) VALUES ('slack', ?, ?, 'Benchmark', 'UTC', 2, 7.5, "
      "?, ?)");
  insert_project.bind(1, project.workspace);
  insert_project.bind(2, project.channel);
  insert_project.bind(3, project.pm);
  insert_project.bind(4, created);
  exec(insert_project);
  const auto id = sql.getLastInsertRowid();

  SQLite::Statement role(sql,
                         "INSERT INTO roles (project_id, user_id, role, granted_by, granted_at) "
                         "VALUES (?, ?, ?, ?, ?)");
  for (const auto& [user, name] :
       {std::pair{project.pm, "pm"}, {project.customer, "customer"}, {project.dev, "dev"}}) {
    role.bind(1, id);
    role.bind(2, user);
    role.bind(3, name);
    role.bind(4, project.pm);
    role.bind(5, created);
    exec(role);
  }

  SQLite::Statement task(sql,
                         "INSERT INTO tasks (project_id, number, title, kind, priority, story, "
                         "estimate_hours, status, created_by, created_at, updated_at) VALUES (?, "
                         "?, ?, 'feature', 'medium', 'As a customer I want my invoices exported', "
                         "2, 'awaiting_acceptance', ?, ?, ?)");
  SQLite::Statement request(sql,
                            "INSERT INTO acceptance_requests (task_id, requested_by, "
                            "requested_at) VALUES (?, ?, ?)");
  SQLite::Statement card(
      sql,
      "INSERT INTO outbox (platform, workspace, kind, target, payload, dedupe_key, status, "
      "attempts, next_attempt_at, delivered_channel, delivered_ts, created_at, delivered_at, "
      "card_key) VALUES ('slack', ?, 'channel_message', ?, ?, ?, 'delivered', 1, ?, ?, ?, ?, ?, "
      "?)");
  for (int number = 1; number <= project.awaiting; ++number) {
    task.bind(1, id);
    task.bind(2, number);
    task.bind(3, "Export invoice batch " + std::to_string(number));
    task.bind(4, project.dev);
    task.bind(5, created);
    task.bind(6, created);
    exec(task);
    request.bind(1, sql.getLastInsertRowid());
    request.bind(2, project.dev);
    const std::int64_t requested = created + std::int64_t{3'600'000};
    request.bind(3, requested);
    exec(request);
    accord::store::Task posted_task;
    posted_task.project_id = id;
    posted_task.number = number;
    accord::store::Acceptance posted_request;
    posted_request.id = sql.getLastInsertRowid();
    const std::string key = accord::commands::acceptance_card_key(posted_task, posted_request);
    card.bind(1, project.workspace);
    card.bind(2, project.channel);
    card.bind(3, R"({"title":"","sections":[],"buttons":[],"note":[],"summary":"card"})");
    card.bind(4, key + ":posted");
    card.bind(5, requested);
    card.bind(6, project.channel);
    card.bind(7, "1764500000." + std::to_string(100000 + number));
    card.bind(8, requested);
    card.bind(9, requested);
    card.bind(10, key);
    exec(card);
  }
  SQLite::Statement sequence(
      sql, "INSERT INTO sequences (project_id, kind, last) VALUES (?, 'task', ?)");
  sequence.bind(1, id);
  sequence.bind(2, project.awaiting);
  exec(sequence);
  tx.commit();
  return id;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Prepares the database of the HTTP benchmark (tests/bench/run.sh)"};
  std::string path;
  accord::bench::Sizes sizes;
  sizes.projects = 0;
  sizes.tasks = 0;
  BenchProject project;
  app.add_option("--db", path, "SQLite file to create (must not exist)")->required();
  app.add_option("--projects", sizes.projects, "Projects of history (bench_fill)");
  app.add_option("--tasks", sizes.tasks, "Tasks of history across those projects");
  app.add_option("--awaiting", project.awaiting, "Tasks awaiting acceptance in the bench project");
  int spread = 1;
  app.add_option("--spread", spread,
                 "Projects the commands go to: the bench project and more in C0BENCH2, C0BENCH3…");
  CLI11_PARSE(app, argc, argv);

  const auto started = std::chrono::steady_clock::now();
  const auto now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  accord::store::Database db(path);
  if (sizes.projects > 0) accord::bench::fill(db, sizes, now);
  const auto id = add_bench_project(db, project, now);
  for (int extra = 2; extra <= spread; ++extra) {
    BenchProject more = project;
    more.channel = project.channel + std::to_string(extra);
    more.awaiting = 0;
    add_bench_project(db, more, now);
  }
  // Where each project lives and where its people are reached, as migration 16 derived them for
  // existing projects: without a home the bench channel has no project, and every command would
  // measure the "no project here" answer.
  db.sqlite().exec(
      "INSERT INTO project_homes (project_id, platform, workspace, channel, linked_by, linked_at) "
      "SELECT id, platform, workspace, channel, created_by, created_at FROM projects "
      "WHERE id NOT IN (SELECT project_id FROM project_homes) ORDER BY id");
  db.sqlite().exec(
      "INSERT INTO project_people (project_id, user_id, platform, workspace) "
      "SELECT DISTINCT r.project_id, r.user_id, p.platform, p.workspace FROM roles r "
      "JOIN projects p ON p.id = r.project_id WHERE true ON CONFLICT DO NOTHING");
  db.sqlite().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::printf(
      "prefilled %s: %d projects, %d tasks of history; bench project %lld with %d tasks "
      "awaiting acceptance (%.1f s)\n",
      path.c_str(), sizes.projects, sizes.tasks, static_cast<long long>(id), project.awaiting,
      took.count());
  return 0;
}
