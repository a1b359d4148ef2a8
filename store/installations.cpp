#include "store/installations.hpp"

#include "store/statement.hpp"

namespace accord::store {
namespace {

void bind_blob(Statement& statement, int index, const std::string& bytes) {
  if (bytes.empty()) {
    statement.bind(index);  // NULL: no such token
  } else {
    statement.bind_blob(index, bytes);
  }
}

std::string blob(const Column& column) {
  return column.getBlob();
}

}  // namespace

// The context binds each value to its platform, workspace and column, so a sealed token moved
// to another row or column no longer opens.
std::string Installations::seal(const std::string& value, const std::string& row,
                                const char* column) const {
  if (value.empty()) return {};
  return cipher_.seal(value, "installations/" + row + "/" + column);
}

std::string Installations::open(const std::string& sealed, const std::string& row,
                                const char* column) const {
  if (sealed.empty()) return {};
  return cipher_.open(sealed, "installations/" + row + "/" + column);
}

void Installations::save(const Installation& in) {
  const std::string key = std::string(platform_name(in.platform)) + "/" + in.workspace;
  Statement upsert(
      db_,
      "INSERT INTO installations (platform, workspace, enterprise, team_name, app_id, bot_user, "
      "scopes, installed_by, installed_at, bot_token, refresh_token, token_expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (platform, workspace) DO UPDATE SET enterprise = excluded.enterprise, "
      "team_name = excluded.team_name, app_id = excluded.app_id, bot_user = excluded.bot_user, "
      "scopes = excluded.scopes, installed_by = excluded.installed_by, "
      "installed_at = excluded.installed_at, bot_token = excluded.bot_token, "
      "refresh_token = excluded.refresh_token, token_expires_at = excluded.token_expires_at");
  upsert.bind(1, platform_name(in.platform));
  upsert.bind(2, in.workspace);
  upsert.bind(3, in.enterprise);
  upsert.bind(4, in.team_name);
  upsert.bind(5, in.app_id);
  upsert.bind(6, in.bot_user);
  upsert.bind(7, in.scopes);
  upsert.bind(8, in.installed_by);
  upsert.bind(9, to_millis(in.installed_at));
  bind_blob(upsert, 10, seal(in.bot_token, key, "bot_token"));
  bind_blob(upsert, 11, seal(in.refresh_token, key, "refresh_token"));
  if (in.token_expires_at) {
    upsert.bind(12, to_millis(*in.token_expires_at));
  } else {
    upsert.bind(12);
  }
  upsert.exec();
}

std::optional<Installation> Installations::find(Platform platform, const std::string& workspace) {
  Statement query(db_,
                  "SELECT enterprise, team_name, app_id, bot_user, scopes, installed_by, "
                  "installed_at, bot_token, refresh_token, token_expires_at "
                  "FROM installations WHERE platform = ? AND workspace = ?");
  query.bind(1, platform_name(platform));
  query.bind(2, workspace);
  if (!query.executeStep()) return std::nullopt;
  const std::string key = std::string(platform_name(platform)) + "/" + workspace;
  Installation found;
  found.platform = platform;
  found.workspace = workspace;
  found.enterprise = query.getColumn(0).getString();
  found.team_name = query.getColumn(1).getString();
  found.app_id = query.getColumn(2).getString();
  found.bot_user = query.getColumn(3).getString();
  found.scopes = query.getColumn(4).getString();
  found.installed_by = query.getColumn(5).getString();
  found.installed_at = from_millis(query.getColumn(6).getInt64());
  found.bot_token = open(blob(query.getColumn(7)), key, "bot_token");
  found.refresh_token = open(blob(query.getColumn(8)), key, "refresh_token");
  if (!query.getColumn(9).isNull()) {
    found.token_expires_at = from_millis(query.getColumn(9).getInt64());
  }
  return found;
}

bool Installations::exists(Platform platform, const std::string& workspace) {
  Statement query(db_,
                  "SELECT 1 FROM installations WHERE platform = ? AND workspace = ? AND "
                  "bot_token IS NOT NULL");
  query.bind(1, platform_name(platform));
  query.bind(2, workspace);
  return query.executeStep();
}

void Installations::check_readable() {
  Statement query(db_,
                  "SELECT platform, workspace FROM installations "
                  "WHERE bot_token IS NOT NULL ORDER BY installed_at DESC LIMIT 1");
  if (query.executeStep()) {
    find(platform_from_row(query.getColumn(0).getString()), query.getColumn(1).getString());
  }
}

bool Installations::remove(Platform platform, const std::string& workspace) {
  Statement remove(db_, "DELETE FROM installations WHERE platform = ? AND workspace = ?");
  remove.bind(1, platform_name(platform));
  remove.bind(2, workspace);
  return remove.exec() == 1;
}

bool Installations::rotate(Platform platform, const std::string& workspace,
                           const std::string& used_refresh, const std::string& bot_token,
                           const std::string& refresh_token, Timestamp expires_at) {
  const auto current = find(platform, workspace);
  if (!current || current->refresh_token.empty() || current->refresh_token != used_refresh) {
    return false;
  }
  const std::string key = std::string(platform_name(platform)) + "/" + workspace;
  Statement update(db_,
                   "UPDATE installations SET bot_token = ?, refresh_token = ?, "
                   "token_expires_at = ? WHERE platform = ? AND workspace = ?");
  bind_blob(update, 1, seal(bot_token, key, "bot_token"));
  bind_blob(update, 2, seal(refresh_token, key, "refresh_token"));
  update.bind(3, to_millis(expires_at));
  update.bind(4, platform_name(platform));
  update.bind(5, workspace);
  return update.exec() == 1;
}

}  // namespace accord::store
