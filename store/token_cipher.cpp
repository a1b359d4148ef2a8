#include "store/token_cipher.hpp"

#include <memory>
#include <vector>

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace accord::store {
namespace {

constexpr unsigned char kVersion = 1;
constexpr std::size_t kNonceSize = 12;
constexpr std::size_t kTagSize = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext new_context() {
  CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!context) throw std::runtime_error("cannot allocate a cipher context");
  return context;
}

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

TokenCipher TokenCipher::from_hex(std::string_view hex) {
  Key key{};
  if (hex.size() != key.size() * 2) {
    throw std::invalid_argument("the secret key must be 64 hex characters (32 bytes)");
  }
  for (std::size_t i = 0; i < key.size(); ++i) {
    const int high = hex_digit(hex[2 * i]);
    const int low = hex_digit(hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      throw std::invalid_argument("the secret key must be 64 hex characters (32 bytes)");
    }
    key[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return TokenCipher(key);
}

std::string TokenCipher::seal(std::string_view plaintext, std::string_view context) const {
  std::string out(1 + kNonceSize + plaintext.size() + kTagSize, '\0');
  auto* data = reinterpret_cast<unsigned char*>(out.data());
  data[0] = kVersion;
  unsigned char* nonce = data + 1;
  if (RAND_bytes(nonce, static_cast<int>(kNonceSize)) != 1) {
    throw std::runtime_error("cannot generate a random nonce");
  }
  auto cipher = new_context();
  int length = 0;
  const bool sealed =
      EVP_EncryptInit_ex(cipher.get(), EVP_aes_256_gcm(), nullptr, key_.data(), nonce) == 1 &&
      EVP_EncryptUpdate(cipher.get(), nullptr, &length, bytes(context),
                        static_cast<int>(context.size())) == 1 &&
      EVP_EncryptUpdate(cipher.get(), nonce + kNonceSize, &length, bytes(plaintext),
                        static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(cipher.get(), nonce + kNonceSize + length, &length) == 1 &&
      EVP_CIPHER_CTX_ctrl(cipher.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize),
                          nonce + kNonceSize + plaintext.size()) == 1;
  if (!sealed) throw std::runtime_error("cannot encrypt a value");
  return out;
}

std::string TokenCipher::open(std::string_view sealed, std::string_view context) const {
  if (sealed.size() < 1 + kNonceSize + kTagSize ||
      static_cast<unsigned char>(sealed[0]) != kVersion) {
    throw TokenCipherError("a stored secret is not in a known format");
  }
  const auto* nonce = bytes(sealed) + 1;
  const std::size_t text_size = sealed.size() - 1 - kNonceSize - kTagSize;
  std::vector<unsigned char> tag(nonce + kNonceSize + text_size,
                                 nonce + kNonceSize + text_size + kTagSize);
  std::string plaintext(text_size, '\0');
  auto* out = reinterpret_cast<unsigned char*>(plaintext.data());
  auto cipher = new_context();
  int length = 0;
  const bool opened =
      EVP_DecryptInit_ex(cipher.get(), EVP_aes_256_gcm(), nullptr, key_.data(), nonce) == 1 &&
      EVP_DecryptUpdate(cipher.get(), nullptr, &length, bytes(context),
                        static_cast<int>(context.size())) == 1 &&
      EVP_DecryptUpdate(cipher.get(), out, &length, nonce + kNonceSize,
                        static_cast<int>(text_size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(cipher.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagSize),
                          tag.data()) == 1 &&
      EVP_DecryptFinal_ex(cipher.get(), out + length, &length) == 1;
  if (!opened) {
    throw TokenCipherError(
        "a stored secret does not decrypt: the secret key differs from the one that stored it, "
        "or the value was altered");
  }
  return plaintext;
}

}  // namespace accord::store
