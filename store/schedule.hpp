// Jobs that fall due at an instant: a person's morning digest, a change request's expiry, a
// problem report's escalation deadline. Each has a key naming what it is about, so scheduling the
// same thing twice moves one job instead of adding a second. The scheduler reads only what is due
// (indexed by due time), so a tick costs what is due, not what exists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/platform.hpp"
#include "store/time.hpp"

namespace accord::store {

struct ScheduledJob {
  std::int64_t id = 0;
  std::string key;  // unique: e.g. "digest/12/U123", "cr-expiry/12/3"
  std::int64_t project_id = 0;
  std::string kind;     // digest | cr_expiry | problem_ack | problem_resolve | ...
  std::string subject;  // what the kind needs: a user id, an object number
  Timestamp due_at{};
  Timestamp created_at{};
  int attempts = 0;  // failed runs so far
};

class Schedule {
 public:
  explicit Schedule(Database& db) : db_(db) {}

  // Creates the job, or moves an existing job with the same key to `job.due_at`.
  void set(const ScheduledJob& job);
  // Creates the job, or moves an existing one only if `job.due_at` is earlier.
  void set_earlier(const ScheduledJob& job);
  // Counts a failed run and sets the next try.
  void retry(const std::string& key, Timestamp due_at);
  // Removes the job; false when there was none.
  bool cancel(const std::string& key);
  // Jobs this process has set or moved so far, in any database: the scheduler compares it with
  // what it had seen when it last looked, to look again only when a job may now be due sooner.
  static std::uint64_t changed_so_far();
  std::optional<ScheduledJob> find(const std::string& key);
  // Jobs due at `now`, earliest first.
  std::vector<ScheduledJob> due(Timestamp now, int limit);
  std::optional<Timestamp> next_due();
  int count();

 private:
  void upsert(const ScheduledJob& job, const char* on_conflict);
  Database& db_;
};

// Each person's time zone as their platform reports it (Slack users.info `tz`), cached.
class People {
 public:
  explicit People(Database& db) : db_(db) {}

  // The cached zone; nullopt when never fetched, "" when the platform had none.
  std::optional<std::string> timezone(Platform platform, const std::string& workspace,
                                      const std::string& user);
  void set_timezone(Platform platform, const std::string& workspace, const std::string& user,
                    const std::string& timezone, Timestamp at);

 private:
  Database& db_;
};

}  // namespace accord::store
