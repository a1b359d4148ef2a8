// Slack request signing (v0): HMAC-SHA256 of "v0:<timestamp>:<raw body>" keyed with the signing
// secret, compared in constant time, with a freshness window on the timestamp in both directions.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace accord::bot::slack {

enum class SignatureCheck {
  ok,
  missing_header,  // no timestamp or signature header
  malformed_timestamp,
  outside_window,  // stale or from the future
  mismatch,        // wrong signature, wrong version or wrong length
};

const char* describe(SignatureCheck result);

// "v0=" followed by 64 lowercase hex digits.
std::string compute_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body);

SignatureCheck verify_signature(std::string_view secret, std::string_view timestamp_header,
                                std::string_view signature_header, std::string_view body,
                                std::int64_t now_unix_seconds, std::chrono::seconds window);

}  // namespace accord::bot::slack
