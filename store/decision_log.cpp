#include "store/decision_log.hpp"

#include "store/statement.hpp"

namespace accord::store {

std::int64_t DecisionLog::record(const Decision& decision) {
  Statement insert(
      db_,
      "INSERT INTO decision_log (project_id, actor, at, action, object, "
      "before_value, after_value, channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  insert.bind(1, decision.project_id);
  insert.bind(2, decision.actor);
  insert.bind(3, to_millis(decision.at));
  insert.bind(4, decision.action);
  insert.bind(5, decision.object);
  insert.bind(6, decision.before);
  insert.bind(7, decision.after);
  insert.bind(8, decision.channel);
  const std::int64_t inserted = insert.inserted_id();
  return inserted;
}

std::vector<Decision> DecisionLog::recent(std::int64_t project_id, int limit) {
  Statement query(db_,
                  "SELECT id, project_id, actor, at, action, object, before_value, "
                  "after_value, channel FROM decision_log WHERE project_id = ? "
                  "ORDER BY id DESC LIMIT ?");
  query.bind(1, project_id);
  query.bind(2, limit);
  std::vector<Decision> decisions;
  while (query.executeStep()) {
    Decision decision;
    decision.id = query.getColumn(0).getInt64();
    decision.project_id = query.getColumn(1).getInt64();
    decision.actor = query.getColumn(2).getString();
    decision.at = from_millis(query.getColumn(3).getInt64());
    decision.action = query.getColumn(4).getString();
    decision.object = query.getColumn(5).getString();
    decision.before = query.getColumn(6).getString();
    decision.after = query.getColumn(7).getString();
    decision.channel = query.getColumn(8).getString();
    decisions.push_back(std::move(decision));
  }
  return decisions;
}

}  // namespace accord::store
