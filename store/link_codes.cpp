#include "store/link_codes.hpp"

#include <array>
#include <cctype>
#include <stdexcept>

#include <openssl/evp.h>

#include "store/random_token.hpp"
#include "store/statement.hpp"

namespace accord::store {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kCodeCharacters = 12;

// SHA-256 of the normal form, as hex: what the table is keyed by.
std::string code_hash(const std::string& code) {
  const auto normal = normal_link_code(code);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(normal.data(), normal.size(), digest.data(), &length, EVP_sha256(), nullptr) !=
      1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return to_hex(std::span(digest.data(), length));
}

}  // namespace

std::string new_link_code() {
  std::array<unsigned char, kCodeCharacters> bytes{};
  random_bytes(bytes);
  std::string code;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += kAlphabet[bytes[i] % kAlphabet.size()];  // 256 is a multiple of 32: no bias
  }
  return code;
}

std::string normal_link_code(std::string_view typed) {
  std::string normal;
  for (char c : typed) {
    if (c == '-' || std::isspace(static_cast<unsigned char>(c))) continue;
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    normal += c;
  }
  return normal;
}

void LinkCodes::create(const std::string& code, const LinkCode& link) {
  Statement insert(db_,
                   "INSERT INTO link_codes (code_hash, project_id, role, created_by, created_at, "
                   "expires_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, code_hash(code));
  insert.bind(2, link.project_id);
  insert.bind(3, link.role);
  insert.bind(4, link.created_by);
  insert.bind(5, to_millis(link.created_at));
  insert.bind(6, to_millis(link.expires_at));
  insert.exec();
}

std::optional<LinkCode> LinkCodes::find(const std::string& code) {
  Statement query(db_,
                  "SELECT project_id, role, created_by, created_at, expires_at, used_by, used_at "
                  "FROM link_codes WHERE code_hash = ?");
  query.bind(1, code_hash(code));
  if (!query.executeStep()) return std::nullopt;
  LinkCode link;
  link.project_id = query.getColumn(0).getInt64();
  link.role = query.getColumn(1).getString();
  link.created_by = query.getColumn(2).getString();
  link.created_at = from_millis(query.getColumn(3).getInt64());
  link.expires_at = from_millis(query.getColumn(4).getInt64());
  if (!query.getColumn(5).isNull()) link.used_by = query.getColumn(5).getString();
  if (!query.getColumn(6).isNull()) link.used_at = from_millis(query.getColumn(6).getInt64());
  return link;
}

bool LinkCodes::use(const std::string& code, const std::string& by, Timestamp at) {
  Statement update(db_,
                   "UPDATE link_codes SET used_by = ?, used_at = ? "
                   "WHERE code_hash = ? AND used_at IS NULL");
  update.bind(1, by);
  update.bind(2, to_millis(at));
  update.bind(3, code_hash(code));
  return update.exec() > 0;
}

}  // namespace accord::store
