#include "store/capabilities.hpp"

#include "store/sequences.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr const char* kSelectCapability =
    "SELECT id, project_id, number, objective_id, title, size_hours, status, decision_comment, "
    "decided_by, decided_at, created_by, created_at FROM capabilities ";

Capability read_capability(Statement& row) {
  Capability capability;
  capability.id = row.getColumn(0).getInt64();
  capability.project_id = row.getColumn(1).getInt64();
  capability.number = row.getColumn(2).getInt();
  capability.objective_id = row.getColumn(3).getInt64();
  capability.title = row.getColumn(4).getString();
  if (!row.getColumn(5).isNull()) capability.size_hours = row.getColumn(5).getDouble();
  capability.status = row.getColumn(6).getString();
  capability.decision_comment = row.getColumn(7).getString();
  capability.decided_by = row.getColumn(8).getString();
  if (!row.getColumn(9).isNull()) capability.decided_at = from_millis(row.getColumn(9).getInt64());
  capability.created_by = row.getColumn(10).getString();
  capability.created_at = from_millis(row.getColumn(11).getInt64());
  return capability;
}

}  // namespace

Capability Capabilities::add(const Capability& capability) {
  Capability stored = capability;
  stored.number = next_number(db_, capability.project_id, "capability");
  stored.status = "draft";
  Statement insert(db_,
                   "INSERT INTO capabilities (project_id, number, objective_id, title, "
                   "size_hours, status, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, stored.project_id);
  insert.bind(2, stored.number);
  insert.bind(3, stored.objective_id);
  insert.bind(4, stored.title);
  if (stored.size_hours) insert.bind(5, *stored.size_hours);
  insert.bind(6, stored.status);
  insert.bind(7, stored.created_by);
  insert.bind(8, to_millis(stored.created_at));
  const std::int64_t inserted = insert.inserted_id();
  stored.id = inserted;
  Statement cover(db_,
                  "INSERT INTO capability_scenarios (capability_id, scenario_id) "
                  "VALUES (?, ?) ON CONFLICT (capability_id, scenario_id) DO NOTHING");
  for (auto scenario : stored.scenario_ids) {
    cover.bind(1, stored.id);
    cover.bind(2, scenario);
    cover.exec();
    cover.reset();
  }
  return stored;
}

namespace {

std::vector<Capability> with_scenarios(Database& db, Statement& query) {
  std::vector<Capability> capabilities;
  while (query.executeStep()) capabilities.push_back(read_capability(query));
  Statement covers(db,
                   "SELECT scenario_id FROM capability_scenarios WHERE capability_id = ? "
                   "ORDER BY scenario_id");
  for (auto& capability : capabilities) {
    covers.bind(1, capability.id);
    while (covers.executeStep()) capability.scenario_ids.push_back(covers.getColumn(0).getInt64());
    covers.reset();
  }
  return capabilities;
}

std::optional<Capability> first(std::vector<Capability> capabilities) {
  if (capabilities.empty()) return std::nullopt;
  return std::move(capabilities.front());
}

}  // namespace

std::optional<Capability> Capabilities::find(std::int64_t project_id, int number) {
  Statement query(db_, std::string(kSelectCapability) + "WHERE project_id = ? AND number = ?");
  query.bind(1, project_id);
  query.bind(2, number);
  return first(with_scenarios(db_, query));
}

std::optional<Capability> Capabilities::find_by_id(std::int64_t id) {
  Statement query(db_, std::string(kSelectCapability) + "WHERE id = ?");
  query.bind(1, id);
  return first(with_scenarios(db_, query));
}

std::vector<Capability> Capabilities::for_objective(std::int64_t objective_id) {
  Statement query(db_, std::string(kSelectCapability) + "WHERE objective_id = ? ORDER BY number");
  query.bind(1, objective_id);
  return with_scenarios(db_, query);
}

std::vector<Capability> Capabilities::awaiting_decision(std::int64_t project_id) {
  Statement query(db_, std::string(kSelectCapability) +
                           "WHERE project_id = ? AND status = 'proposed' "
                           "ORDER BY number");
  query.bind(1, project_id);
  return with_scenarios(db_, query);
}

int Capabilities::submit(std::int64_t objective_id) {
  Statement update(db_,
                   "UPDATE capabilities SET status = 'proposed' "
                   "WHERE objective_id = ? AND status IN ('draft', 'change')");
  update.bind(1, objective_id);
  return update.exec();
}

bool Capabilities::decide(std::int64_t id, const std::string& status, const std::string& by,
                          Timestamp at, const std::string& comment) {
  Statement update(db_,
                   "UPDATE capabilities SET status = ?, decided_by = ?, decided_at = ?, "
                   "decision_comment = ? WHERE id = ? AND status = 'proposed'");
  update.bind(1, status);
  update.bind(2, by);
  update.bind(3, to_millis(at));
  update.bind(4, comment);
  update.bind(5, id);
  return update.exec() == 1;
}

int Capabilities::add_proposal(std::int64_t project_id, std::int64_t objective_id,
                               const std::string& by, Timestamp at) {
  const auto latest = latest_proposal(objective_id);
  const int version = latest ? latest->version + 1 : 1;
  Statement insert(db_,
                   "INSERT INTO proposals (project_id, objective_id, version, "
                   "submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, project_id);
  insert.bind(2, objective_id);
  insert.bind(3, version);
  insert.bind(4, by);
  insert.bind(5, to_millis(at));
  insert.exec();
  return version;
}

std::optional<Proposal> Capabilities::latest_proposal(std::int64_t objective_id) {
  Statement query(db_,
                  "SELECT version, submitted_by, submitted_at FROM proposals "
                  "WHERE objective_id = ? ORDER BY version DESC LIMIT 1");
  query.bind(1, objective_id);
  if (!query.executeStep()) return std::nullopt;
  return Proposal{query.getColumn(0).getInt(), query.getColumn(1).getString(),
                  from_millis(query.getColumn(2).getInt64())};
}

}  // namespace accord::store
