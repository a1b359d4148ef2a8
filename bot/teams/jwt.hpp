// The mechanics of a compact JWS (RFC 7515) signed with RS256: strict parsing of the three
// base64url parts, RSA public keys built from JWK `n`/`e`, and signature verification. No claims
// policy here; that is Bot Framework's and lives in auth.hpp.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/types.h>
#include <nlohmann/json.hpp>

namespace accord::bot::teams {

// Real channel tokens are about 1 KB; anything this large is not one of them.
inline constexpr std::size_t kMaxTokenLength = 16 * 1024;
// Bot Framework keys are 2048-bit; smaller moduli are refused outright.
inline constexpr int kMinRsaModulusBits = 2048;

// Strict base64url without padding: only [A-Za-z0-9_-], no '=', unused trailing bits zero.
std::optional<std::string> base64url_decode(std::string_view text);

struct CompactJws {
  nlohmann::json header;      // a JSON object
  nlohmann::json payload;     // a JSON object
  std::string signing_input;  // base64url(header) "." base64url(payload), as received
  std::string signature;      // raw bytes
};

struct JwsParse {
  std::optional<CompactJws> jws;
  std::string error;  // why parsing failed; never contains the token
};

// Exactly three non-empty-header parts, each valid base64url, header and payload JSON objects with
// no duplicated member names, and at most kMaxTokenLength characters in all.
JwsParse parse_compact_jws(std::string_view token);

// An RSA public key, shared by every verification that uses it.
using PublicKey = std::shared_ptr<EVP_PKEY>;

// Builds an RSA public key from a JWK's base64url `n` and `e`; empty if they are malformed or the
// modulus is smaller than kMinRsaModulusBits.
PublicKey rsa_public_key_from_jwk(std::string_view n, std::string_view e);

// RSASSA-PKCS1-v1_5 with SHA-256 over `signing_input`.
bool verify_rs256(const PublicKey& key, std::string_view signing_input, std::string_view signature);

}  // namespace accord::bot::teams
