// What Teams sends once its token is checked: any JSON body read as an Activity, its command text
// and its card action. Reading never throws; the command text never holds a "<@" that no mention
// entity put there (typed text cannot pass for a mention); a card action stays within its bounds;
// and a card rendered from the text never carries an <at> tag without its entity.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/teams/activity.hpp"
#include "bot/teams/card_actions.hpp"
#include "bot/teams/cards.hpp"
#include "commands/core/command_line.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace accord;
using accord::fuzz::check;
using nlohmann::json;

namespace {

std::size_t count(std::string_view text, std::string_view needle) {
  std::size_t found = 0;
  for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) {
    ++found;
  }
  return found;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const json body = json::parse(input, nullptr, false);
  if (body.is_discarded()) return 0;

  const auto activity = bot::teams::parse_activity(body);
  const std::string text = activity.command_text();
  std::size_t people = 0;
  for (const auto& mention : activity.mentions) {
    if (mention.id != activity.recipient.id && commands::mention_user_id("<@" + mention.id + ">")) {
      ++people;
    }
  }
  check(count(text, "<@") <= people, "only mention entities make mentions", input);
  check(text.find('<') == std::string::npos || count(text, "<") == count(text, "<@"),
        "every other '<' reaches the core escaped", input);

  if (const auto action = bot::teams::parse_card_action(activity.value)) {
    check(action->action_id.size() <= bot::teams::CardActionLimits::action_id,
          "an action id is bounded", input);
    check(action->form_values.size() <= bot::teams::CardActionLimits::inputs,
          "the inputs are bounded", input);
  }

  // The typed text shown back in a card: no <at> tag without its entity.
  commands::Message message;
  message.title = activity.from.name;
  message.sections.push_back({commands::Text(commands::valid_utf8(text)), {}});
  // (fallbackText is plain text, never read for mentions.)
  const json card = bot::teams::message_card(message);
  const std::string shown = card["body"].dump(-1, ' ', false, json::error_handler_t::replace);
  check(shown.find("<at>") == std::string::npos, "typed text never becomes a mention tag", input);
  check(!card.contains("msteams") || !card["msteams"].contains("entities"),
        "typed text makes no mention entity", input);
  return 0;
}
