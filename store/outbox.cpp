#include "store/outbox.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <tuple>

#include "store/statement.hpp"

namespace accord::store {
namespace {

std::atomic<std::uint64_t> queued_rows{0};

// Rows for the platforms this build knows: one written by a newer Accord for a platform this one
// does not know waits for a build that does, and holds up nothing meanwhile.
const std::string& known_platforms() {
  static const std::string condition = [] {
    std::string names;
    for (const auto platform : kPlatforms) {
      names += names.empty() ? "'" : ", '";
      names += platform_name(platform);
      names += "'";
    }
    return "platform IN (" + names + ")";
  }();
  return condition;
}

constexpr const char* kSelectOutbox =
    "SELECT id, platform, workspace, kind, target, ref_ts, payload, dedupe_key, status, attempts, "
    "next_attempt_at, last_error, delivered_channel, delivered_ts, created_at, delivered_at, "
    "card_key, claimed_by, claimed_until FROM outbox ";

constexpr OutboxKind kKinds[] = {OutboxKind::channel_message, OutboxKind::direct_message,
                                 OutboxKind::response_url,    OutboxKind::update_message,
                                 OutboxKind::home_view,       OutboxKind::open_form,
                                 OutboxKind::user_profile};
constexpr OutboxStatus kStatuses[] = {OutboxStatus::pending, OutboxStatus::delivered,
                                      OutboxStatus::dead};

template <typename Enum, std::size_t N>
Enum parse_stored(const Enum (&values)[N], const std::string& text) {
  for (Enum value : values) {
    if (to_string(value) == text) return value;
  }
  throw std::runtime_error("unknown outbox value in the database: " + text);
}

OutboxItem read_outbox_item(Statement& row) {
  OutboxItem item;
  item.id = row.getColumn(0).getInt64();
  item.platform = platform_from_row(row.getColumn(1).getString());
  item.workspace = row.getColumn(2).getString();
  item.kind = parse_stored(kKinds, row.getColumn(3).getString());
  item.target = row.getColumn(4).getString();
  item.ref_ts = row.getColumn(5).getString();
  item.payload = row.getColumn(6).getString();
  item.dedupe_key = row.getColumn(7).getString();
  item.status = parse_stored(kStatuses, row.getColumn(8).getString());
  item.attempts = row.getColumn(9).getInt();
  item.next_attempt_at = from_millis(row.getColumn(10).getInt64());
  item.last_error = row.getColumn(11).getString();
  item.delivered_channel = row.getColumn(12).getString();
  item.delivered_ts = row.getColumn(13).getString();
  item.created_at = from_millis(row.getColumn(14).getInt64());
  if (!row.getColumn(15).isNull()) item.delivered_at = from_millis(row.getColumn(15).getInt64());
  item.card_key = row.getColumn(16).getString();
  item.claimed_by = row.getColumn(17).getString();
  item.claimed_until = from_millis(row.getColumn(18).getInt64());
  return item;
}

}  // namespace

std::string_view to_string(OutboxKind kind) {
  switch (kind) {
    case OutboxKind::channel_message:
      return "channel_message";
    case OutboxKind::direct_message:
      return "direct_message";
    case OutboxKind::response_url:
      return "response_url";
    case OutboxKind::update_message:
      return "update_message";
    case OutboxKind::home_view:
      return "home_view";
    case OutboxKind::open_form:
      return "open_form";
    case OutboxKind::user_profile:
      return "user_profile";
  }
  return "unknown";
}

std::string_view to_string(OutboxStatus status) {
  switch (status) {
    case OutboxStatus::pending:
      return "pending";
    case OutboxStatus::delivered:
      return "delivered";
    case OutboxStatus::dead:
      return "dead";
  }
  return "unknown";
}

std::optional<std::int64_t> Outbox::enqueue(const OutboxItem& item) {
  // A new row always starts pending with no attempts, whatever the caller left in those fields.
  Statement insert(
      db_,
      "INSERT INTO outbox (platform, workspace, kind, target, ref_ts, payload, "
      "dedupe_key, next_attempt_at, created_at, card_key) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id");
  insert.bind(1, platform_name(item.platform));
  insert.bind(2, item.workspace);
  insert.bind(3, std::string(to_string(item.kind)));
  insert.bind(4, item.target);
  insert.bind(5, item.ref_ts);
  insert.bind(6, item.payload);
  insert.bind(7, item.dedupe_key);
  insert.bind(8, to_millis(item.next_attempt_at));
  insert.bind(9, to_millis(item.created_at));
  insert.bind(10, item.card_key);
  const auto inserted = insert.insert_id();
  if (!inserted) return std::nullopt;
  queued_rows.fetch_add(1, std::memory_order_relaxed);
  if (db_.engine() == Engine::postgresql) {
    // Sent when the transaction commits (and once however many rows it queued): the replicas'
    // workers wake for it, whichever replica queued it.
    Statement signal(db_, std::string("SELECT pg_notify('") + kQueuedSignal + "', '')");
    signal.executeStep();
  }
  return *inserted;
}

std::uint64_t Outbox::queued_so_far() {
  return queued_rows.load(std::memory_order_relaxed);
}

std::vector<OutboxItem> Outbox::due(Timestamp now, int limit) {
  Statement query(db_, std::string(kSelectOutbox) +
                           "WHERE status = 'pending' AND next_attempt_at <= ? AND " +
                           known_platforms() + " ORDER BY next_attempt_at, id LIMIT ?");
  query.bind(1, to_millis(now));
  query.bind(2, limit);
  std::vector<OutboxItem> items;
  while (query.executeStep()) items.push_back(read_outbox_item(query));
  return items;
}

std::vector<OutboxItem> Outbox::claim_due(Timestamp now, int limit, const std::string& claimer,
                                          Timestamp lease_until) {
  // One statement picks and marks the rows, so two replicas cannot both pick one. PostgreSQL
  // locks the rows it picks and skips the ones another transaction has locked meanwhile.
  const bool postgresql = db_.engine() == Engine::postgresql;
  Statement claim(db_, std::string("UPDATE outbox SET claimed_by = ?, claimed_until = ? "
                                   "WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' "
                                   "AND next_attempt_at <= ? AND claimed_until <= ? AND ") +
                           known_platforms() + " ORDER BY next_attempt_at, id LIMIT ?" +
                           (postgresql ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING id");
  claim.bind(1, claimer);
  claim.bind(2, to_millis(lease_until));
  claim.bind(3, to_millis(now));
  claim.bind(4, to_millis(now));
  claim.bind(5, limit);
  std::vector<std::int64_t> ids;
  while (claim.executeStep()) ids.push_back(claim.getColumn(0).getInt64());
  std::vector<OutboxItem> items;
  items.reserve(ids.size());
  for (const auto id : ids) {
    if (auto item = find(id)) items.push_back(std::move(*item));
  }
  // RETURNING follows no order: deliver oldest first, as due() lists them.
  std::sort(items.begin(), items.end(), [](const OutboxItem& a, const OutboxItem& b) {
    return std::tie(a.next_attempt_at, a.id) < std::tie(b.next_attempt_at, b.id);
  });
  return items;
}

bool Outbox::release(std::int64_t id, const std::string& claimer) {
  Statement update(
      db_, "UPDATE outbox SET claimed_by = '', claimed_until = 0 WHERE id = ? AND claimed_by = ?");
  update.bind(1, id);
  update.bind(2, claimer);
  return update.exec() == 1;
}

int Outbox::release_earlier_runs(const std::string& replica, const std::string& claimer) {
  const std::string prefix = replica.empty() ? std::string() : replica + "#";
  Statement update(db_,
                   "UPDATE outbox SET claimed_by = '', claimed_until = 0 WHERE claimed_by <> '' "
                   "AND substr(claimed_by, 1, ?) = ? AND claimed_by <> ?");
  update.bind(1, static_cast<int>(prefix.size()));
  update.bind(2, prefix);
  update.bind(3, claimer);
  return update.exec();
}

std::optional<OutboxItem> Outbox::find(std::int64_t id) {
  Statement query(db_, std::string(kSelectOutbox) + "WHERE id = ?");
  query.bind(1, id);
  if (!query.executeStep()) return std::nullopt;
  return read_outbox_item(query);
}

std::optional<Timestamp> Outbox::earlier_pending(const OutboxItem& item) {
  Statement query(db_,
                  "SELECT next_attempt_at FROM outbox WHERE status = 'pending' "
                  "AND platform = ? AND workspace = ? AND kind = ? AND target = ? "
                  "AND id < ? ORDER BY id LIMIT 1");
  query.bind(1, platform_name(item.platform));
  query.bind(2, item.workspace);
  query.bind(3, std::string(to_string(item.kind)));
  query.bind(4, item.target);
  query.bind(5, item.id);
  if (!query.executeStep()) return std::nullopt;
  return from_millis(query.getColumn(0).getInt64());
}

std::vector<OutboxItem> Outbox::card_copies(const std::string& card_key) {
  Statement query(db_, std::string(kSelectOutbox) +
                           "WHERE card_key = ? AND card_key <> '' "
                           "AND kind IN ('channel_message', 'direct_message') "
                           "ORDER BY id");
  query.bind(1, card_key);
  std::vector<OutboxItem> items;
  while (query.executeStep()) items.push_back(read_outbox_item(query));
  return items;
}

std::int64_t Outbox::last_id() {
  Statement query(db_, "SELECT COALESCE(MAX(id), 0) FROM outbox");
  query.executeStep();
  return query.getColumn(0).getInt64();
}

std::optional<OutboxItem> Outbox::update_after(Platform platform, const std::string& workspace,
                                               const std::string& conversation,
                                               const std::string& ref_ts, std::int64_t after_id) {
  Statement query(db_, std::string(kSelectOutbox) +
                           "WHERE platform = ? AND workspace = ? AND kind = "
                           "'update_message' AND ref_ts = ? AND id > ? AND "
                           "(target = ? OR substr(target, 1, ?) = ?) "
                           "ORDER BY id DESC LIMIT 1");
  query.bind(1, platform_name(platform));
  query.bind(2, workspace);
  query.bind(3, ref_ts);
  query.bind(4, after_id);
  query.bind(5, conversation);
  const std::string thread_prefix = conversation + ";messageid=";
  query.bind(6, static_cast<int>(thread_prefix.size()));
  query.bind(7, thread_prefix);
  if (!query.executeStep()) return std::nullopt;
  return read_outbox_item(query);
}

int Outbox::replace_pending_card_payload(const std::string& card_key, const std::string& payload) {
  Statement update(db_,
                   "UPDATE outbox SET payload = ? WHERE card_key = ? AND card_key <> '' "
                   "AND status = 'pending' AND kind IN ('channel_message', 'direct_message')");
  update.bind(1, payload);
  update.bind(2, card_key);
  return update.exec();
}

bool Outbox::withdraw(std::int64_t id) {
  Statement remove(db_, "DELETE FROM outbox WHERE id = ? AND status = 'pending'");
  remove.bind(1, id);
  return remove.exec() == 1;
}

bool Outbox::mark_delivered(std::int64_t id, const std::string& channel, const std::string& ts,
                            Timestamp at) {
  Statement update(
      db_,
      "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, "
      "delivered_channel = ?, delivered_ts = ?, delivered_at = ?, "
      "last_error = '', claimed_by = '', claimed_until = 0 WHERE id = ? AND status = 'pending'");
  update.bind(1, channel);
  update.bind(2, ts);
  update.bind(3, to_millis(at));
  update.bind(4, id);
  return update.exec() == 1;
}

bool Outbox::mark_retry(std::int64_t id, Timestamp next_attempt_at, const std::string& error) {
  Statement update(
      db_,
      "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, "
      "last_error = ?, claimed_by = '', claimed_until = 0 WHERE id = ? AND status = 'pending'");
  update.bind(1, to_millis(next_attempt_at));
  update.bind(2, error);
  update.bind(3, id);
  return update.exec() == 1;
}

bool Outbox::mark_dead(std::int64_t id, const std::string& error) {
  Statement update(
      db_,
      "UPDATE outbox SET status = 'dead', attempts = attempts + 1, "
      "last_error = ?, claimed_by = '', claimed_until = 0 WHERE id = ? AND status = 'pending'");
  update.bind(1, error);
  update.bind(2, id);
  return update.exec() == 1;
}

bool Outbox::has_pending(Platform platform, const std::string& workspace, OutboxKind kind,
                         const std::string& target) {
  Statement select(db_,
                   "SELECT 1 FROM outbox WHERE status = 'pending' AND platform = ? AND "
                   "workspace = ? AND kind = ? AND target = ? LIMIT 1");
  select.bind(1, platform_name(platform));
  select.bind(2, workspace);
  select.bind(3, std::string(to_string(kind)));
  select.bind(4, target);
  return select.executeStep();
}

bool Outbox::postpone(std::int64_t id, Timestamp next_attempt_at, const std::string& reason) {
  Statement update(db_,
                   "UPDATE outbox SET next_attempt_at = ?, last_error = ?, claimed_by = '', "
                   "claimed_until = 0 WHERE id = ? AND status = 'pending'");
  update.bind(1, to_millis(next_attempt_at));
  update.bind(2, reason);
  update.bind(3, id);
  return update.exec() == 1;
}

int Outbox::count(OutboxStatus status) {
  Statement query(db_, "SELECT COUNT(*) FROM outbox WHERE status = ?");
  query.bind(1, std::string(to_string(status)));
  query.executeStep();
  return query.getColumn(0).getInt();
}

std::optional<Timestamp> Outbox::next_due() {
  // A row is due at its next attempt, or when its claim ends if that is later. Two indexed
  // lookups rather than one pass over every pending row: under a backlog (a channel's posts
  // paced one a second) the worker asks this after every pass. The first walks outbox_due in
  // order past the few claimed rows; the second reads only claimed rows (outbox_claimed).
  std::optional<Timestamp> next;
  Statement unclaimed(db_,
                      "SELECT next_attempt_at FROM outbox WHERE status = 'pending' AND "
                      "claimed_until <= next_attempt_at AND " +
                          known_platforms() + " ORDER BY next_attempt_at LIMIT 1");
  if (unclaimed.executeStep()) next = from_millis(unclaimed.getColumn(0).getInt64());
  // No status term: every outcome ends a claim, so claimed rows are pending, and the term would
  // lead the planner to outbox_due and every pending row.
  Statement claimed(db_,
                    "SELECT MIN(claimed_until) FROM outbox WHERE claimed_until > 0 AND "
                    "claimed_until > next_attempt_at AND " +
                        known_platforms());
  if (claimed.executeStep() && !claimed.getColumn(0).isNull()) {
    const auto claim_ends = from_millis(claimed.getColumn(0).getInt64());
    if (!next || claim_ends < *next) next = claim_ends;
  }
  return next;
}

}  // namespace accord::store
