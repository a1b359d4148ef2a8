#include "bot/slack/signature.hpp"

#include <charconv>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "store/random_token.hpp"

namespace accord::bot::slack {

const char* describe(SignatureCheck result) {
  switch (result) {
    case SignatureCheck::ok:
      return "ok";
    case SignatureCheck::missing_header:
      return "missing signature or timestamp header";
    case SignatureCheck::malformed_timestamp:
      return "malformed timestamp";
    case SignatureCheck::outside_window:
      return "timestamp outside the allowed window";
    case SignatureCheck::mismatch:
      return "signature mismatch";
  }
  return "unknown";
}

std::string compute_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body) {
  std::string base;
  base.reserve(4 + timestamp.size() + body.size());
  base.append("v0:").append(timestamp).append(":").append(body);

  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(base.data()), base.size(), digest, &digest_length);

  return "v0=" + store::to_hex(std::span(digest, digest_length));
}

SignatureCheck verify_signature(std::string_view secret, std::string_view timestamp_header,
                                std::string_view signature_header, std::string_view body,
                                std::int64_t now_unix_seconds, std::chrono::seconds window) {
  if (timestamp_header.empty() || signature_header.empty()) return SignatureCheck::missing_header;

  // Unix seconds have 10 digits until the year 2286; anything longer is not a timestamp (and
  // could overflow the subtraction below).
  if (timestamp_header.size() > 12) return SignatureCheck::malformed_timestamp;
  std::int64_t timestamp = 0;
  const auto* end = timestamp_header.data() + timestamp_header.size();
  const auto [parsed_end, error] = std::from_chars(timestamp_header.data(), end, timestamp);
  if (error != std::errc{} || parsed_end != end) return SignatureCheck::malformed_timestamp;

  const std::int64_t age = now_unix_seconds - timestamp;
  if (age > window.count() || -age > window.count()) return SignatureCheck::outside_window;

  const std::string expected = compute_signature(secret, timestamp_header, body);
  if (signature_header.size() != expected.size()) return SignatureCheck::mismatch;
  return CRYPTO_memcmp(expected.data(), signature_header.data(), expected.size()) == 0
             ? SignatureCheck::ok
             : SignatureCheck::mismatch;
}

}  // namespace accord::bot::slack
