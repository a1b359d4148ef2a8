#include "store/sprints.hpp"

#include <algorithm>
#include <array>

#include "store/sequences.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr std::array<std::string_view, 3> kSprintStatusNames = {"planned", "active", "closed"};
constexpr std::array<std::string_view, 4> kEntryNames = {"planned", "critical_bug", "emergency",
                                                         "carried_over"};
constexpr std::array<std::string_view, 3> kRetroNames = {"good", "problem", "action"};

template <typename Enum, std::size_t N>
Enum parse_or(const std::array<std::string_view, N>& names, std::string_view text, Enum fallback) {
  const auto found = std::find(names.begin(), names.end(), text);
  return found == names.end() ? fallback : static_cast<Enum>(found - names.begin());
}

constexpr const char* kSelectSprint =
    "SELECT id, project_id, number, goal, start_date, length_weeks, status, capacity_hours, "
    "forced, carried_from, created_by, created_at, started_by, started_at, closed_by, closed_at "
    "FROM sprints ";

Sprint read_sprint(Statement& row) {
  Sprint sprint;
  sprint.id = row.getColumn(0).getInt64();
  sprint.project_id = row.getColumn(1).getInt64();
  sprint.number = row.getColumn(2).getInt();
  sprint.goal = row.getColumn(3).getString();
  sprint.start_date = row.getColumn(4).getString();
  sprint.length_weeks = row.getColumn(5).getInt();
  sprint.status = parse_or(kSprintStatusNames, row.getColumn(6).getString(), SprintStatus::planned);
  if (!row.getColumn(7).isNull()) sprint.capacity_hours = row.getColumn(7).getDouble();
  sprint.forced = row.getColumn(8).getInt() != 0;
  if (!row.getColumn(9).isNull()) sprint.carried_from = row.getColumn(9).getInt64();
  sprint.created_by = row.getColumn(10).getString();
  sprint.created_at = from_millis(row.getColumn(11).getInt64());
  sprint.started_by = row.getColumn(12).getString();
  if (!row.getColumn(13).isNull()) sprint.started_at = from_millis(row.getColumn(13).getInt64());
  sprint.closed_by = row.getColumn(14).getString();
  if (!row.getColumn(15).isNull()) sprint.closed_at = from_millis(row.getColumn(15).getInt64());
  return sprint;
}

std::optional<Sprint> first_sprint(Statement& query) {
  if (!query.executeStep()) return std::nullopt;
  return read_sprint(query);
}

}  // namespace

std::string_view to_string(SprintStatus status) {
  return kSprintStatusNames.at(static_cast<std::size_t>(status));
}
std::string_view to_string(SprintEntryKind kind) {
  return kEntryNames.at(static_cast<std::size_t>(kind));
}
std::string_view to_string(RetroKind kind) {
  return kRetroNames.at(static_cast<std::size_t>(kind));
}
std::optional<RetroKind> parse_retro_kind(std::string_view text) {
  const auto found = std::find(kRetroNames.begin(), kRetroNames.end(), text);
  if (found == kRetroNames.end()) return std::nullopt;
  return static_cast<RetroKind>(found - kRetroNames.begin());
}

Sprint Sprints::plan(const Sprint& sprint) {
  const int number = next_number(db_, sprint.project_id, "sprint");
  Statement insert(db_,
                   "INSERT INTO sprints (project_id, number, goal, start_date, "
                   "length_weeks, carried_from, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, sprint.project_id);
  insert.bind(2, number);
  insert.bind(3, sprint.goal);
  insert.bind(4, sprint.start_date);
  insert.bind(5, sprint.length_weeks);
  if (sprint.carried_from) insert.bind(6, *sprint.carried_from);
  insert.bind(7, sprint.created_by);
  insert.bind(8, to_millis(sprint.created_at));
  insert.exec();
  return *find(sprint.project_id, number);
}

std::optional<Sprint> Sprints::find(std::int64_t project_id, int number) {
  Statement query(db_, std::string(kSelectSprint) + "WHERE project_id = ? AND number = ?");
  query.bind(1, project_id);
  query.bind(2, number);
  return first_sprint(query);
}

std::optional<Sprint> Sprints::find_by_id(std::int64_t id) {
  Statement query(db_, std::string(kSelectSprint) + "WHERE id = ?");
  query.bind(1, id);
  return first_sprint(query);
}

std::vector<Sprint> Sprints::list(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectSprint) + "WHERE project_id = ? ORDER BY number DESC");
  query.bind(1, project_id);
  std::vector<Sprint> sprints;
  while (query.executeStep()) sprints.push_back(read_sprint(query));
  return sprints;
}

std::optional<Sprint> Sprints::active(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectSprint) + "WHERE project_id = ? AND status = 'active'");
  query.bind(1, project_id);
  return first_sprint(query);
}

std::vector<Sprint> Sprints::running() {
  Statement query(db_, std::string(kSelectSprint) + "WHERE status = 'active' ORDER BY id");
  std::vector<Sprint> sprints;
  while (query.executeStep()) sprints.push_back(read_sprint(query));
  return sprints;
}

std::optional<Sprint> Sprints::next_planned(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectSprint) +
                           "WHERE project_id = ? AND status = 'planned' "
                           "ORDER BY start_date, number LIMIT 1");
  query.bind(1, project_id);
  return first_sprint(query);
}

std::optional<Sprint> Sprints::latest_closed(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectSprint) +
                           "WHERE project_id = ? AND status = 'closed' "
                           "ORDER BY closed_at DESC, number DESC LIMIT 1");
  query.bind(1, project_id);
  return first_sprint(query);
}

std::optional<Sprint> Sprints::open_sprint_of(std::int64_t task_id) {
  Statement query(db_, std::string(kSelectSprint) +
                           "WHERE status IN ('planned', 'active') AND id IN "
                           "(SELECT sprint_id FROM sprint_tasks WHERE task_id = ?) "
                           "ORDER BY number LIMIT 1");
  query.bind(1, task_id);
  return first_sprint(query);
}

bool Sprints::start(std::int64_t id, const std::string& by, Timestamp at, double capacity_hours,
                    bool forced) {
  Statement update(db_,
                   "UPDATE sprints SET status = 'active', started_by = ?, started_at = ?, "
                   "capacity_hours = ?, forced = ? WHERE id = ? AND status = 'planned' "
                   "AND NOT EXISTS (SELECT 1 FROM sprints s WHERE s.project_id = "
                   "sprints.project_id AND s.status = 'active')");
  update.bind(1, by);
  update.bind(2, to_millis(at));
  update.bind(3, capacity_hours);
  update.bind(4, forced ? 1 : 0);
  update.bind(5, id);
  return update.exec() == 1;
}

bool Sprints::close(std::int64_t id, const std::string& by, Timestamp at) {
  Statement update(db_,
                   "UPDATE sprints SET status = 'closed', closed_by = ?, closed_at = ? "
                   "WHERE id = ? AND status = 'active'");
  update.bind(1, by);
  update.bind(2, to_millis(at));
  update.bind(3, id);
  return update.exec() == 1;
}

bool Sprints::add_task(std::int64_t sprint_id, std::int64_t task_id, SprintEntryKind kind,
                       const std::string& by, Timestamp at) {
  Statement insert(db_,
                   "INSERT INTO sprint_tasks (sprint_id, task_id, how, added_by, added_at) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  insert.bind(1, sprint_id);
  insert.bind(2, task_id);
  insert.bind(3, std::string(to_string(kind)));
  insert.bind(4, by);
  insert.bind(5, to_millis(at));
  return insert.exec() == 1;
}

std::vector<SprintEntry> Sprints::entries(std::int64_t sprint_id) {
  Statement query(db_,
                  "SELECT e.task_id, t.number, e.how, e.added_by, e.added_at "
                  "FROM sprint_tasks e JOIN tasks t ON t.id = e.task_id "
                  "WHERE e.sprint_id = ? ORDER BY e.added_at, t.number");
  query.bind(1, sprint_id);
  std::vector<SprintEntry> entries;
  while (query.executeStep()) {
    SprintEntry entry;
    entry.task_id = query.getColumn(0).getInt64();
    entry.task_number = query.getColumn(1).getInt();
    entry.kind = parse_or(kEntryNames, query.getColumn(2).getString(), SprintEntryKind::planned);
    entry.added_by = query.getColumn(3).getString();
    entry.added_at = from_millis(query.getColumn(4).getInt64());
    entries.push_back(std::move(entry));
  }
  return entries;
}

RetroNote Sprints::add_note(std::int64_t sprint_id, RetroKind kind, const std::string& text,
                            const std::string& author, Timestamp at) {
  Statement insert(db_,
                   "INSERT INTO retro_notes (sprint_id, kind, text, author, at) "
                   "VALUES (?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, sprint_id);
  insert.bind(2, std::string(to_string(kind)));
  insert.bind(3, text);
  insert.bind(4, author);
  insert.bind(5, to_millis(at));
  return RetroNote{insert.inserted_id(), kind, text, author, at};
}

std::vector<RetroNote> Sprints::notes(std::int64_t sprint_id) {
  Statement query(db_,
                  "SELECT id, kind, text, author, at FROM retro_notes "
                  "WHERE sprint_id = ? ORDER BY id");
  query.bind(1, sprint_id);
  std::vector<RetroNote> notes;
  while (query.executeStep()) {
    RetroNote note;
    note.id = query.getColumn(0).getInt64();
    note.kind = parse_or(kRetroNames, query.getColumn(1).getString(), RetroKind::good);
    note.text = query.getColumn(2).getString();
    note.author = query.getColumn(3).getString();
    note.at = from_millis(query.getColumn(4).getInt64());
    notes.push_back(std::move(note));
  }
  return notes;
}

}  // namespace accord::store
