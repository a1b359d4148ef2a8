// Encryption of stored secrets (bot and refresh tokens) with AES-256-GCM. Each value gets a fresh
// random 12-byte nonce; a caller-chosen context (e.g. "slack/T0A/bot_token") is authenticated with
// it, so a value copied into another row or column fails to open just as a tampered one does.
#pragma once

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

namespace accord::store {

// A sealed value that cannot be opened: wrong key, tampered bytes or another context.
class TokenCipherError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TokenCipher {
 public:
  using Key = std::array<unsigned char, 32>;

  explicit TokenCipher(const Key& key) : key_(key) {}
  // The key as 64 hex characters (ACCORD_SECRET_KEY). Throws std::invalid_argument otherwise.
  static TokenCipher from_hex(std::string_view hex);

  // version byte (1) | nonce (12) | ciphertext | tag (16), as raw bytes.
  std::string seal(std::string_view plaintext, std::string_view context) const;
  // The plaintext; throws TokenCipherError when the value does not authenticate.
  std::string open(std::string_view sealed, std::string_view context) const;

 private:
  Key key_;
};

}  // namespace accord::store
