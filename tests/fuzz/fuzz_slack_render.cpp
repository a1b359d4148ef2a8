// Neutral messages and forms as the outbox stores them (JSON), read back and rendered as Block
// Kit: a corrupt payload is refused with an exception, a readable one round-trips exactly, and
// its rendering never turns text into Slack markup (DESIGN §7: no <!channel>, no forged <@U…>).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/slack/blocks.hpp"
#include "commands/core/message.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace accord;
using accord::fuzz::check;
using nlohmann::json;

namespace {

// Everything read from JSON is valid UTF-8, so the rendering must be too (truncation must not cut
// a character), or sending it fails when it is serialised.
void check_serialisable(const json& rendered) {
  try {
    (void)rendered.dump();
  } catch (const json::exception& error) {
    check(false, "a rendering serialises", error.what());
  }
}

void message_case(const json& payload) {
  commands::Message message;
  try {
    message = commands::message_from_json(payload);
  } catch (const std::exception&) {
    return;  // documented: strict about types
  }
  check(commands::message_from_json(json::parse(commands::message_json(message))) == message,
        "a message survives the outbox round trip", payload.dump());
  for (const json& rendered : {nlohmann::json::parse(bot::slack::render_message(message)),
                               nlohmann::json::parse(bot::slack::render_home_view(message))}) {
    fuzz::check_rendered(rendered);
    check_serialisable(rendered);
  }
}

void form_case(const json& payload) {
  commands::Form form;
  try {
    form = commands::form_from_json(payload);
  } catch (const std::exception&) {
    return;
  }
  check(commands::form_from_json(json::parse(commands::form_json(form))) == form,
        "a form survives the outbox round trip", payload.dump());
  const json modal = json::parse(bot::slack::render_modal(form, "{}"));
  fuzz::check_rendered(modal);
  check_serialisable(modal);
  check(modal.at("blocks").size() <= bot::slack::BlockLimits::view_blocks, "a modal fits Slack");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const json payload = json::parse(input, nullptr, false);
  if (payload.is_discarded()) return 0;
  message_case(payload);
  form_case(payload);
  return 0;
}
