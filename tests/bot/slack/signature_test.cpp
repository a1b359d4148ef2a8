// Slack request signing against Slack's own worked example, with "now" injected.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/slack/signature.hpp"

using accord::bot::slack::compute_signature;
using accord::bot::slack::SignatureCheck;
using accord::bot::slack::verify_signature;

namespace {

nlohmann::json vector_file() {
  std::ifstream in(ACCORD_CONFORMANCE_DIR "/slack/derived/signature_test_vector.json");
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

std::string body_file() {
  std::ifstream in(ACCORD_CONFORMANCE_DIR "/slack/slash_command_signing_example.txt",
                   std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr std::chrono::seconds kWindow{300};

}  // namespace

TEST_CASE("the conformance vector signs and verifies") {
  const auto v = vector_file();
  const std::string secret = v["signing_secret"];
  const std::string timestamp = v["x_slack_request_timestamp"];
  const std::string expected = v["expected_x_slack_signature"];
  const std::string body = body_file();
  REQUIRE(body == v["body"].get<std::string>());

  CHECK(compute_signature(secret, timestamp, body) == expected);
  CHECK(verify_signature(secret, timestamp, expected, body, 1531420618, kWindow) ==
        SignatureCheck::ok);
}

TEST_CASE("signing under one secret, then another, then the first again gives each its own") {
  // The keyed HMAC is kept per thread and secret: a changed secret must be keyed anew, and the
  // old one again after it (a rotated secret, two apps on one server).
  const auto v = vector_file();
  const std::string secret = v["signing_secret"];
  const std::string timestamp = v["x_slack_request_timestamp"];
  const std::string expected = v["expected_x_slack_signature"];
  const std::string body = body_file();

  const std::string other = compute_signature("another-secret", timestamp, body);
  CHECK(other.rfind("v0=", 0) == 0);
  CHECK(other.size() == expected.size());
  CHECK(other != expected);
  CHECK(compute_signature(secret, timestamp, body) == expected);
  CHECK(compute_signature("another-secret", timestamp, body) == other);
  CHECK(compute_signature(secret, timestamp, body) == expected);
  CHECK(compute_signature(secret, timestamp, body + " ") != expected);
  CHECK(compute_signature(secret, timestamp, body) == expected);
  CHECK(verify_signature("another-secret", timestamp, expected, body, 1531420618, kWindow) ==
        SignatureCheck::mismatch);
}

TEST_CASE("freshness is checked in both directions") {
  const auto v = vector_file();
  const std::string secret = v["signing_secret"];
  const std::string expected = v["expected_x_slack_signature"];
  const std::string body = v["body"];
  const std::string ts = "1531420618";
  CHECK(verify_signature(secret, ts, expected, body, 1531420618 + 300, kWindow) ==
        SignatureCheck::ok);
  CHECK(verify_signature(secret, ts, expected, body, 1531420618 + 301, kWindow) ==
        SignatureCheck::outside_window);
  CHECK(verify_signature(secret, ts, expected, body, 1531420618 - 300, kWindow) ==
        SignatureCheck::ok);
  CHECK(verify_signature(secret, ts, expected, body, 1531420618 - 301, kWindow) ==
        SignatureCheck::outside_window);
}

TEST_CASE("anything but the exact signature is refused") {
  const auto v = vector_file();
  const std::string secret = v["signing_secret"];
  std::string expected = v["expected_x_slack_signature"];
  const std::string body = v["body"];
  const std::int64_t now = 1531420618;
  const std::string ts = "1531420618";

  CHECK(verify_signature(secret, ts, expected, body + "&x=1", now, kWindow) ==
        SignatureCheck::mismatch);
  CHECK(verify_signature("other-secret", ts, expected, body, now, kWindow) ==
        SignatureCheck::mismatch);
  std::string v1 = expected;
  v1[1] = '1';
  CHECK(verify_signature(secret, ts, v1, body, now, kWindow) == SignatureCheck::mismatch);
  CHECK(verify_signature(secret, ts, expected.substr(0, 20), body, now, kWindow) ==
        SignatureCheck::mismatch);
  std::string upper = expected;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(verify_signature(secret, ts, upper, body, now, kWindow) == SignatureCheck::mismatch);
  CHECK(verify_signature(secret, "", expected, body, now, kWindow) ==
        SignatureCheck::missing_header);
  CHECK(verify_signature(secret, ts, "", body, now, kWindow) == SignatureCheck::missing_header);
  CHECK(verify_signature(secret, "15314x0618", expected, body, now, kWindow) ==
        SignatureCheck::malformed_timestamp);
  // Extreme values are refused before any arithmetic could overflow.
  CHECK(verify_signature(secret, "-9223372036854775808", expected, body, now, kWindow) ==
        SignatureCheck::malformed_timestamp);
  CHECK(verify_signature(secret, "9223372036854775807", expected, body, now, kWindow) ==
        SignatureCheck::malformed_timestamp);
}
