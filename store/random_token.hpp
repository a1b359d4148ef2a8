// Hex and unguessable tokens, written once for every layer: export links, OAuth states, link
// codes, generated signing secrets, digests.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace accord::store {

// Lower-case hex of the bytes.
std::string to_hex(std::span<const unsigned char> bytes);
// Fills the bytes from OpenSSL's generator; throws when it fails.
void random_bytes(std::span<unsigned char> bytes);
// `bytes` random bytes as lower-case hex (twice as many characters).
std::string random_hex(std::size_t bytes);
// Whether the text is exactly `length` lower-case hex digits (the shape of random_hex's tokens).
bool is_hex_token(std::string_view text, std::size_t length);

}  // namespace accord::store
