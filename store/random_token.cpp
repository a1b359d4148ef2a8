#include "store/random_token.hpp"

#include <stdexcept>
#include <vector>

#include <openssl/rand.h>

namespace accord::store {
namespace {

constexpr std::string_view kHexDigits = "0123456789abcdef";

}  // namespace

std::string to_hex(std::span<const unsigned char> bytes) {
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const unsigned char byte : bytes) {
    hex += kHexDigits[byte >> 4];
    hex += kHexDigits[byte & 0x0F];
  }
  return hex;
}

void random_bytes(std::span<unsigned char> bytes) {
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("the random number generator failed");
  }
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  random_bytes(buffer);
  return to_hex(buffer);
}

bool is_hex_token(std::string_view text, std::size_t length) {
  return text.size() == length && text.find_first_not_of(kHexDigits) == std::string_view::npos;
}

}  // namespace accord::store
