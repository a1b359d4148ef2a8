// Where Accord is installed (Slack OAuth v2, one row per workspace) and with which bot token.
// Tokens are encrypted at rest with the TokenCipher; they exist in plaintext only in memory.
#pragma once

#include <optional>
#include <string>

#include "store/database.hpp"
#include "store/platform.hpp"
#include "store/time.hpp"
#include "store/token_cipher.hpp"

namespace accord::store {

struct Installation {
  Platform platform = Platform::slack;
  std::string workspace;  // Slack team id
  std::string enterprise;
  std::string team_name;
  std::string app_id;
  std::string bot_user;
  std::string scopes;  // comma-separated, as Slack granted them
  std::string installed_by;
  Timestamp installed_at{};
  std::string bot_token;
  // With token rotation: the single-use refresh token and when the bot token expires.
  std::string refresh_token;
  std::optional<Timestamp> token_expires_at;
};

class Installations {
 public:
  Installations(Database& db, const TokenCipher& cipher) : db_(db), cipher_(cipher) {}

  // Inserts or replaces the workspace's installation (a re-install brings new tokens).
  void save(const Installation& installation);
  // The installation with its tokens decrypted; throws TokenCipherError if they do not open.
  std::optional<Installation> find(Platform platform, const std::string& workspace);
  // Whether the workspace has an installation, without touching its tokens.
  bool exists(Platform platform, const std::string& workspace);
  // Throws TokenCipherError when a stored token does not open with this cipher's key (checks
  // one installation: all were stored with the same key).
  void check_readable();
  // Deletes the installation and its tokens; false when there was none.
  bool remove(Platform platform, const std::string& workspace);
  // Stores a refreshed token pair, only if the stored refresh token is still `used_refresh`
  // (refresh tokens are single-use: of two concurrent refreshes only one may be written).
  bool rotate(Platform platform, const std::string& workspace, const std::string& used_refresh,
              const std::string& bot_token, const std::string& refresh_token, Timestamp expires_at);

 private:
  // `row` is "platform/workspace"; with the column it is the value's authenticated context.
  std::string seal(const std::string& value, const std::string& row, const char* column) const;
  std::string open(const std::string& sealed, const std::string& row, const char* column) const;

  Database& db_;
  const TokenCipher& cipher_;
};

}  // namespace accord::store
