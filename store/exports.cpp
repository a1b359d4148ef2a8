#include "store/exports.hpp"

#include <array>
#include <optional>
#include <stdexcept>

#include "store/database.hpp"
#include "store/random_token.hpp"
#include "store/statement.hpp"

namespace accord::store {

std::string new_export_token() {
  return random_hex(32);
}

Export Exports::create(const Export& file) {
  Export stored = file;
  stored.token = new_export_token();
  Statement insert(db_,
                   "INSERT INTO exports (token, project_id, created_by, created_at, "
                   "expires_at, filename, content_type, body) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, stored.token);
  insert.bind(2, stored.project_id);
  insert.bind(3, stored.created_by);
  insert.bind(4, to_millis(stored.created_at));
  insert.bind(5, to_millis(stored.expires_at));
  insert.bind(6, stored.filename);
  insert.bind(7, stored.content_type);
  insert.bind_blob(8, stored.body);  // bytes: a chart image as well as a CSV
  insert.exec();
  return stored;
}

std::optional<Export> Exports::find_valid(const std::string& token, Timestamp now) {
  Statement query(db_,
                  "SELECT token, project_id, created_by, created_at, expires_at, "
                  "filename, content_type, body FROM exports "
                  "WHERE token = ? AND expires_at > ?");
  query.bind(1, token);
  query.bind(2, to_millis(now));
  if (!query.executeStep()) return std::nullopt;
  Export file;
  file.token = query.getColumn(0).getString();
  file.project_id = query.getColumn(1).getInt64();
  file.created_by = query.getColumn(2).getString();
  file.created_at = from_millis(query.getColumn(3).getInt64());
  file.expires_at = from_millis(query.getColumn(4).getInt64());
  file.filename = query.getColumn(5).getString();
  file.content_type = query.getColumn(6).getString();
  file.body = query.getColumn(7).getBlob();
  return file;
}

namespace {

// Turns SQLite's secure_delete on for one connection while it lives, then back to what it was:
// zeroing freed pages costs I/O that ordinary deletes (delivered outbox rows) need not pay.
class SecureDelete {
 public:
  explicit SecureDelete(Database& db) : db_(db) {
    Statement query(db_, "PRAGMA secure_delete");
    was_on_ = query.executeStep() && query.getColumn(0).getInt() != 0;
    set(true);
  }
  ~SecureDelete() {
    try {
      set(was_on_);
    } catch (...) {
      // Left on: deletes only cost more I/O.
    }
  }
  SecureDelete(const SecureDelete&) = delete;
  SecureDelete& operator=(const SecureDelete&) = delete;

 private:
  void set(bool on) {
    Statement pragma(db_, on ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF");
    pragma.executeStep();
  }
  Database& db_;
  bool was_on_ = false;
};

}  // namespace

Exports::Expired Exports::delete_expired(Timestamp now) {
  // Read first: most passes find nothing, and need not touch the pragma.
  const auto next = next_expiry();
  if (!next || *next > now) return {};
  Expired expired;
  Statement pictures(db_, "DELETE FROM exports WHERE expires_at <= ? AND content_type = ?");
  pictures.bind(1, to_millis(now));
  pictures.bind(2, kChartContentType);
  expired.deleted = pictures.exec();
  Statement left(db_, "SELECT 1 FROM exports WHERE expires_at <= ? LIMIT 1");
  left.bind(1, to_millis(now));
  if (!left.executeStep()) return expired;
  // SQLite keeps deleted bytes in free pages unless told not to; PostgreSQL's VACUUM reclaims them.
  std::optional<SecureDelete> secure;
  if (db_.engine() == Engine::sqlite) secure.emplace(db_);
  Statement remove(db_, "DELETE FROM exports WHERE expires_at <= ?");
  remove.bind(1, to_millis(now));
  expired.documents = remove.exec();
  expired.deleted += expired.documents;
  return expired;
}

std::optional<Timestamp> Exports::next_expiry() {
  Statement query(db_, "SELECT MIN(expires_at) FROM exports");
  if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
  return from_millis(query.getColumn(0).getInt64());
}

}  // namespace accord::store
