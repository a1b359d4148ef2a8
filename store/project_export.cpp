#include "store/project_export.hpp"

#include <string_view>

#include <nlohmann/json.hpp>

#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

using Json = nlohmann::ordered_json;

// Column conventions that let each query below say only what it exports: a column's name is its
// key; "_key" columns are internal (used to fetch nested rows, not exported); integer columns
// named "at", "*_at" or "*_deadline" are instants (milliseconds) shown as ISO-8601; "snapshot"
// and "policy" hold JSON; "forced" is a flag.
bool is_instant(std::string_view name) {
  return name == "at" || name.ends_with("_at") || name.ends_with("_deadline");
}

Json column_value(const Column& column) {
  const std::string name = column.name();
  const auto type = column.type();
  if (type == ColumnType::null) return nullptr;
  if (type == ColumnType::integer) {
    if (is_instant(name)) return format_utc(from_millis(column.getInt64()));
    if (name == "forced") return column.getInt64() != 0;
    return column.getInt64();
  }
  if (type == ColumnType::real) return column.getDouble();
  if (name == "snapshot" || name == "policy") {
    auto parsed = Json::parse(column.getString(), nullptr, false);
    if (!parsed.is_discarded()) return parsed;
  }
  return column.getString();
}

// A list nested in each row of a query: `sql` is bound to the row's _key. `values` lists the
// first column's values rather than objects.
struct Nested {
  const char* name;
  const char* sql;
  bool values = false;
};

class Exporter {
 public:
  explicit Exporter(Database& db) : db_(db) {}

  // The rows of `sql` (one bound parameter, `key`) as objects, each with its nested lists.
  Json rows(const char* sql, std::int64_t key, std::initializer_list<Nested> nested = {}) {
    Statement query(db_, sql);
    query.bind(1, key);
    Json out = Json::array();
    while (query.executeStep()) {
      Json row = Json::object();
      std::int64_t row_key = 0;
      for (int i = 0; i < query.getColumnCount(); ++i) {
        const auto column = query.getColumn(i);
        if (column.name() == "_key") {
          row_key = column.getInt64();
        } else {
          row[column.name()] = column_value(column);
        }
      }
      for (const auto& list : nested) {
        row[list.name] = list.values ? values(list.sql, row_key) : rows(list.sql, row_key);
      }
      out.push_back(std::move(row));
    }
    return out;
  }

 private:
  Json values(const char* sql, std::int64_t key) {
    Statement query(db_, sql);
    query.bind(1, key);
    Json out = Json::array();
    while (query.executeStep()) out.push_back(column_value(query.getColumn(0)));
    return out;
  }

  Database& db_;
};

}  // namespace

std::optional<std::string> export_project(Database& db, std::int64_t project_id, Timestamp now,
                                          const ProjectExportOptions& options) {
  // One transaction: one consistent snapshot of the project.
  Transaction snapshot(db);
  Exporter exporter(db);

  auto project = exporter.rows(
      "SELECT id, name, platform, workspace, channel, timezone, sprint_weeks, hours_per_day, "
      "created_by, created_at FROM projects WHERE id = ?",
      project_id);
  if (project.empty()) return std::nullopt;

  Json doc = Json::object();
  doc["format"] = "accord-project-export";
  doc["format_version"] = 1;
  doc["exported_at"] = format_utc(now);
  doc["schema_version"] = latest_schema_version();
  doc["problem_reports_included"] = options.include_problem_reports;
  doc["restricted_documents_included"] = options.include_restricted_documents;
  doc["project"] = std::move(project.front());

  Json settings = Json::object();
  for (auto& row :
       exporter.rows("SELECT key, value FROM project_settings WHERE project_id = ? ORDER BY key",
                     project_id)) {
    settings[row["key"].get<std::string>()] = row["value"];
  }
  doc["settings"] = std::move(settings);
  doc["roles"] = exporter.rows(
      "SELECT user_id AS user, role, granted_by, granted_at FROM roles WHERE project_id = ? "
      "ORDER BY user_id, role",
      project_id);
  doc["objectives"] = exporter.rows(
      "SELECT 'O-' || number AS id, title, metric, target_date, context, created_by, created_at "
      "FROM objectives WHERE project_id = ? ORDER BY number",
      project_id);
  doc["scenarios"] = exporter.rows(
      "SELECT 'S-' || s.number AS id, 'O-' || o.number AS objective, s.title, s.rank, "
      "s.created_by, s.created_at FROM scenarios s JOIN objectives o ON o.id = s.objective_id "
      "WHERE s.project_id = ? ORDER BY s.number",
      project_id);
  doc["capabilities"] = exporter.rows(
      "SELECT c.id AS _key, 'C-' || c.number AS id, 'O-' || o.number AS objective, c.title, "
      "c.size_hours, c.status, c.decided_by, c.decided_at, c.decision_comment, c.created_by, "
      "c.created_at FROM capabilities c JOIN objectives o ON o.id = c.objective_id "
      "WHERE c.project_id = ? ORDER BY c.number",
      project_id,
      {{"covers",
        "SELECT 'S-' || s.number FROM capability_scenarios cs JOIN scenarios s "
        "ON s.id = cs.scenario_id WHERE cs.capability_id = ? ORDER BY s.number",
        true}});
  doc["proposals"] = exporter.rows(
      "SELECT 'O-' || o.number AS objective, p.version, p.submitted_by, p.submitted_at "
      "FROM proposals p JOIN objectives o ON o.id = p.objective_id WHERE p.project_id = ? "
      "ORDER BY o.number, p.version",
      project_id);
  doc["tasks"] = exporter.rows(
      "SELECT t.id AS _key, 'T-' || t.number AS id, t.title, t.kind, t.priority, t.status, "
      "t.story, t.estimate_hours, 'T-' || p.number AS parent, 'C-' || c.number AS epic, "
      "NULLIF(t.owner, '') AS owner, t.due_date, t.test_due_date, t.created_by, t.created_at, "
      "t.updated_at FROM tasks t "
      "LEFT JOIN tasks p ON p.id = t.parent_id LEFT JOIN capabilities c ON c.id = t.epic_id "
      "WHERE t.project_id = ? ORDER BY t.number",
      project_id,
      {{"criteria", "SELECT text FROM task_criteria WHERE task_id = ? ORDER BY position", true},
       {"acceptance_requests",
        "SELECT requested_by, requested_at, decision, decided_by, decided_at, reason, note "
        "FROM acceptance_requests WHERE task_id = ? ORDER BY requested_at, id"}});

  Json roadmap = Json::object();
  roadmap["items"] = exporter.rows(
      "SELECT 'R-' || r.number AS id, r.title, r.due_date, r.status, 'C-' || c.number AS epic, "
      "r.created_by, r.created_at FROM roadmap_items r "
      "LEFT JOIN capabilities c ON c.id = r.epic_id WHERE r.project_id = ? ORDER BY r.number",
      project_id);
  roadmap["baselines"] = exporter.rows(
      "SELECT b.version, 'CR-' || cr.number AS change_request, b.approved_by, b.approved_at, "
      "b.snapshot FROM baselines b LEFT JOIN change_requests cr ON cr.id = b.change_request_id "
      "WHERE b.project_id = ? ORDER BY b.version",
      project_id);
  doc["roadmap"] = std::move(roadmap);
  doc["change_requests"] = exporter.rows(
      "SELECT cr.id AS _key, 'CR-' || cr.number AS id, cr.kind, 'R-' || r.number AS item, "
      "cr.title_before, cr.title_after, cr.due_before, cr.due_after, cr.reason, cr.status, "
      "cr.proposed_by, cr.proposed_at, cr.decided_by, cr.decided_at, cr.decision_comment "
      "FROM change_requests cr JOIN roadmap_items r ON r.id = cr.item_id "
      "WHERE cr.project_id = ? ORDER BY cr.number",
      project_id,
      {{"votes",
        "SELECT approver, decision, comment, at FROM change_request_votes "
        "WHERE change_request_id = ? ORDER BY at, approver"}});
  doc["sprints"] = exporter.rows(
      "SELECT s.id AS _key, 'SP-' || s.number AS id, s.goal, s.start_date, s.length_weeks, "
      "s.status, s.capacity_hours, s.forced, 'SP-' || f.number AS carried_from, s.created_by, "
      "s.created_at, s.started_by, s.started_at, s.closed_by, s.closed_at FROM sprints s "
      "LEFT JOIN sprints f ON f.id = s.carried_from WHERE s.project_id = ? ORDER BY s.number",
      project_id,
      {{"tasks",
        "SELECT 'T-' || t.number AS task, st.how, st.added_by, st.added_at FROM sprint_tasks st "
        "JOIN tasks t ON t.id = st.task_id WHERE st.sprint_id = ? ORDER BY t.number"},
       {"retro_notes",
        "SELECT kind, text, author, at FROM retro_notes WHERE sprint_id = ? ORDER BY id"},
       {"priority_review",
        "SELECT asked_at, NULLIF(confirmed_by, '') AS confirmed_by, confirmed_at "
        "FROM sprint_reviews WHERE sprint_id = ?"},
       {"burn_down",
        "SELECT day, planned_hours, remaining_hours FROM sprint_snapshots WHERE sprint_id = ? "
        "ORDER BY day"}});

  doc["releases"] = exporter.rows(
      "SELECT id AS _key, 'REL-' || number AS id, name, deploy_date, status, created_by, "
      "created_at, updated_at FROM releases WHERE project_id = ? ORDER BY number",
      project_id,
      {{"tasks",
        "SELECT 'T-' || t.number FROM release_tasks rt JOIN tasks t ON t.id = rt.task_id "
        "WHERE rt.release_id = ? ORDER BY t.number",
        true}});

  const std::string documents =
      std::string(
          "SELECT 'DOC-' || number AS id, title, url, NULLIF(audience, '') AS audience, "
          "where_to_test, added_by, added_at FROM documents WHERE project_id = ? ") +
      (options.include_restricted_documents ? "" : "AND audience = '' ") + "ORDER BY number";
  doc["documents"] = exporter.rows(documents.c_str(), project_id);

  doc["task_templates"] = exporter.rows(
      "SELECT name, NULLIF(title, '') AS title, kind, NULLIF(story, '') AS story, criteria, "
      "added_by, added_at FROM task_templates WHERE project_id = ? ORDER BY name",
      project_id);

  Json team = Json::object();
  team["hours_per_day"] = exporter.rows(
      "SELECT user_id AS user, hours_per_day, set_by, set_at FROM member_capacity "
      "WHERE project_id = ? ORDER BY user_id",
      project_id);
  team["availability"] = exporter.rows(
      "SELECT user_id AS user, windows, set_at FROM availability WHERE project_id = ? "
      "ORDER BY user_id",
      project_id);
  team["time_off"] = exporter.rows(
      "SELECT user_id AS user, from_date, to_date, added_by, added_at FROM time_off "
      "WHERE project_id = ? ORDER BY from_date, user_id, id",
      project_id);
  doc["team"] = std::move(team);
  doc["demos"] = exporter.rows(
      "SELECT id AS _key, 'D-' || number AS id, scheduled_at, 'SP-' || sprint_number AS sprint, "
      "status, created_by, created_at, closed_by, closed_at, converted_by, converted_at "
      "FROM demos WHERE project_id = ? ORDER BY number",
      project_id,
      {{"feedback",
        "SELECT f.kind, f.text, f.author, f.at, 'T-' || t.number AS task, f.converted_to "
        "FROM demo_feedback f LEFT JOIN tasks t ON t.id = f.task_id WHERE f.demo_id = ? "
        "ORDER BY f.id"}});
  doc["decision_log"] = exporter.rows(
      "SELECT at, actor, action, object, before_value AS before, after_value AS after, channel "
      "FROM decision_log WHERE project_id = ? ORDER BY id",
      project_id);
  if (options.include_problem_reports) {
    doc["problem_reports"] = exporter.rows(
        "SELECT id AS _key, 'PR-' || COALESCE(code, CAST(number AS TEXT)) AS id, category, text, "
        "about_user, "
        "reporter, "
        "reported_at, status, level, owner, acknowledged_at, resolved_at, resolution_note, "
        "ack_deadline, resolve_deadline, policy FROM problem_reports WHERE project_id = ? "
        "ORDER BY number",
        project_id,
        {{"recipients",
          "SELECT level, user_id AS user FROM problem_report_recipients WHERE report_id = ? "
          "ORDER BY level, user_id"},
         {"events",
          "SELECT at, actor, action, note FROM problem_report_events WHERE report_id = ? "
          "ORDER BY at, id"}});
  }
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::vector<std::string> describe_projects(Database& db) {
  Transaction snapshot(db);
  Statement query(db, "SELECT id, name, platform, workspace, channel FROM projects ORDER BY id");
  std::vector<std::string> lines;
  while (query.executeStep()) {
    lines.push_back(query.getColumn(0).getString() + "  " + query.getColumn(1).getString() + "  (" +
                    query.getColumn(2).getString() + " " + query.getColumn(3).getString() +
                    ", channel " + query.getColumn(4).getString() + ")");
  }
  return lines;
}

}  // namespace accord::store
