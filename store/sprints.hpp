// Sprints (SP-1, SP-2, ... per project): goal, dates, status, the tasks in each and how each came
// in, and the retrospective notes recorded on them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

enum class SprintStatus { planned, active, closed };
// How a task came into a sprint: planned before the start, added after it as a critical bug or
// a production emergency (both scope changes), or carried over from the sprint before.
enum class SprintEntryKind { planned, critical_bug, emergency, carried_over };
enum class RetroKind { good, problem, action };

std::string_view to_string(SprintStatus status);
std::string_view to_string(SprintEntryKind kind);
std::string_view to_string(RetroKind kind);
std::optional<RetroKind> parse_retro_kind(std::string_view text);

struct Sprint {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  int number = 0;  // the n of SP-n
  std::string goal;
  std::string start_date;  // YYYY-MM-DD in the project's time zone
  int length_weeks = 2;
  SprintStatus status = SprintStatus::planned;
  std::optional<double> capacity_hours;  // fixed when the sprint starts
  bool forced = false;                   // started over capacity by the pm's override
  std::optional<std::int64_t> carried_from;
  std::string created_by;
  Timestamp created_at{};
  std::string started_by;
  std::optional<Timestamp> started_at;
  std::string closed_by;
  std::optional<Timestamp> closed_at;
};

struct SprintEntry {
  std::int64_t task_id = 0;
  int task_number = 0;
  SprintEntryKind kind = SprintEntryKind::planned;
  std::string added_by;
  Timestamp added_at{};
};

struct RetroNote {
  std::int64_t id = 0;
  RetroKind kind = RetroKind::good;
  std::string text;
  std::string author;
  Timestamp at{};
};

class Sprints {
 public:
  explicit Sprints(Database& db) : db_(db) {}

  // Assigns the next per-project number; returns the stored sprint.
  Sprint plan(const Sprint& sprint);
  std::optional<Sprint> find(std::int64_t project_id, int number);
  std::optional<Sprint> find_by_id(std::int64_t id);
  // Newest first.
  std::vector<Sprint> list(std::int64_t project_id);
  std::optional<Sprint> active(std::int64_t project_id);
  // The running sprint of every project (for the work the server does at start).
  std::vector<Sprint> running();
  // The planned sprint that starts first.
  std::optional<Sprint> next_planned(std::int64_t project_id);
  std::optional<Sprint> latest_closed(std::int64_t project_id);
  // The planned or active sprint the task is in, if any.
  std::optional<Sprint> open_sprint_of(std::int64_t task_id);

  // Guarded: planned → active, only while no other sprint of the project is active.
  bool start(std::int64_t id, const std::string& by, Timestamp at, double capacity_hours,
             bool forced);
  // Guarded: active → closed.
  bool close(std::int64_t id, const std::string& by, Timestamp at);

  // False when the task was already in the sprint.
  bool add_task(std::int64_t sprint_id, std::int64_t task_id, SprintEntryKind kind,
                const std::string& by, Timestamp at);
  // In the order they were added.
  std::vector<SprintEntry> entries(std::int64_t sprint_id);

  RetroNote add_note(std::int64_t sprint_id, RetroKind kind, const std::string& text,
                     const std::string& author, Timestamp at);
  // Oldest first.
  std::vector<RetroNote> notes(std::int64_t sprint_id);

 private:
  Database& db_;
};

}  // namespace accord::store
