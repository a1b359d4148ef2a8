// Form decoding as Slack sends it: percent-encoding, '+', repeated and empty fields, and strict
// refusal of malformed escapes.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/http/form.hpp"

using accord::bot::http::decode_form;
using accord::bot::http::form_encode;
using accord::bot::http::percent_decode;

namespace {

std::string read(const char* path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a real slash command body decodes") {
  const auto form =
      decode_form(read(ACCORD_CONFORMANCE_DIR "/slack/slash_command_signing_example.txt"));
  REQUIRE(form);
  CHECK(form->value("command") == "/webhook-collect");
  CHECK(form->value("user_id") == "U2CERLKJA");
  CHECK(form->value("response_url") ==
        "https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN");
  REQUIRE(form->get("text"));
  CHECK(form->get("text")->empty());
  CHECK_FALSE(form->get("enterprise_id"));
}

TEST_CASE("the documentation's unencoded example decodes too") {
  const auto form =
      decode_form(read(ACCORD_CONFORMANCE_DIR "/slack/slash_command_docs_weather.txt"));
  REQUIRE(form);
  CHECK(form->value("command") == "/weather");
  CHECK(form->value("enterprise_name") == "Globular Construct Inc");
}

TEST_CASE("the interactive payload survives the form round trip") {
  const auto form =
      decode_form(read(ACCORD_CONFORMANCE_DIR "/slack/derived/block_actions_message.form.txt"));
  REQUIRE(form);
  const auto decoded = nlohmann::json::parse(form->value("payload"));
  const auto original =
      nlohmann::json::parse(read(ACCORD_CONFORMANCE_DIR "/slack/block_actions_message.json"));
  CHECK(decoded == original);
}

TEST_CASE("plus, percent escapes, repeated and empty fields") {
  const auto form = decode_form("text=objective+add+%22Caf%C3%A9+%26+co%22&a=1&a=2&empty=&flag&&");
  REQUIRE(form);
  CHECK(form->value("text") == "objective add \"Café & co\"");
  CHECK(form->value("a") == "1");
  CHECK(form->fields.size() == 5);
  CHECK(form->fields[2] == std::pair<std::string, std::string>{"a", "2"});
  CHECK(form->get("empty").value() == "");
  CHECK(form->get("flag").value() == "");
  CHECK(decode_form("")->fields.empty());
}

TEST_CASE("malformed escapes make the whole body invalid") {
  CHECK_FALSE(decode_form("text=%ZZ"));
  CHECK_FALSE(decode_form("text=abc%"));
  CHECK_FALSE(decode_form("text=abc%4"));
  CHECK_FALSE(decode_form("%G1=x"));
  CHECK(percent_decode("%41%62c").value() == "Abc");
}

TEST_CASE("encoding round-trips through decoding") {
  const std::string text = "setup \"Apollo & Co\" tz=Europe/Berlin <@U1|me> ünï";
  CHECK(percent_decode(form_encode(text)).value() == text);
  CHECK(form_encode("a b+c") == "a%20b%2Bc");
}
