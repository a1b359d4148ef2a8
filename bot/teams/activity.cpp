#include "bot/teams/activity.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string_view>

#include "bot/json_fields.hpp"
#include "commands/core/command_line.hpp"

namespace accord::bot::teams {
namespace {

using nlohmann::json;

Account read_account(const json& object) {
  Account account;
  account.id = json_string(object, "id");
  account.name = json_string(object, "name");
  account.aad_object_id = json_string(object, "aadObjectId");
  return account;
}

const json* member_of(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it != object.end() ? &*it : nullptr;
}

std::vector<Account> read_accounts(const json& body, const char* key) {
  std::vector<Account> accounts;
  const json* list = member_of(body, key);
  if (list == nullptr || !list->is_array()) return accounts;
  for (const auto& entry : *list) {
    if (entry.is_object()) accounts.push_back(read_account(entry));
  }
  return accounts;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Replaces the first case-insensitive occurrence of `needle`; false when there is none.
bool replace_first(std::string& text, const std::string& needle, const std::string& with) {
  if (needle.empty()) return false;
  const auto at = lower(text).find(lower(needle));
  if (at == std::string::npos) return false;
  text.replace(at, needle.size(), with);
  return true;
}

std::string decode_entities(const std::string& text) {
  static const std::pair<const char*, const char*> kEntities[] = {{"&nbsp;", " "}, {"&lt;", "<"},
                                                                  {"&gt;", ">"},   {"&quot;", "\""},
                                                                  {"&#39;", "'"},  {"&amp;", "&"}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool matched = false;
    if (text[i] == '&') {
      for (const auto& [entity, replacement] : kEntities) {
        if (text.compare(i, std::char_traits<char>::length(entity), entity) == 0) {
          out += replacement;
          i += std::char_traits<char>::length(entity);
          matched = true;
          break;
        }
      }
    }
    if (!matched) out += text[i++];
  }
  return out;
}

// The number a placeholder holds; nullopt when it holds anything else.
std::optional<std::size_t> placeholder_index(std::string_view digits) {
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return index;
}

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

std::string Activity::base_conversation() const {
  const auto thread = conversation_id.find(";messageid=");
  return thread == std::string::npos ? conversation_id : conversation_id.substr(0, thread);
}

std::string Activity::unique_id() const {
  return base_conversation() + "/" + id;
}

Activity parse_activity(const json& body) {
  Activity activity;
  if (!body.is_object()) return activity;
  activity.type = json_string(body, "type");
  activity.id = json_string(body, "id");
  activity.name = json_string(body, "name");
  activity.service_url = json_string(body, "serviceUrl");
  activity.channel_id = json_string(body, "channelId");
  activity.reply_to_id = json_string(body, "replyToId");
  activity.action = json_string(body, "action");
  activity.text = json_string(body, "text");
  activity.timezone = json_string(body, "localTimezone");
  if (const json* from = member_of(body, "from")) activity.from = read_account(*from);
  if (const json* to = member_of(body, "recipient")) activity.recipient = read_account(*to);
  if (const json* conversation = member_of(body, "conversation")) {
    activity.conversation_id = json_string(*conversation, "id");
    activity.conversation_type = json_string(*conversation, "conversationType");
    activity.tenant = json_string(*conversation, "tenantId");
  }
  if (const json* data = member_of(body, "channelData")) {
    if (const json* tenant = member_of(*data, "tenant")) {
      if (auto id = json_string(*tenant, "id"); !id.empty()) activity.tenant = std::move(id);
    }
  }
  if (const json* value = member_of(body, "value")) activity.value = *value;
  if (const json* entities = member_of(body, "entities"); entities && entities->is_array()) {
    for (const auto& entity : *entities) {
      const std::string type = json_string(entity, "type");
      if (type == "mention") {
        const json* mentioned = member_of(entity, "mentioned");
        if (mentioned == nullptr || !mentioned->is_object()) continue;
        Account account = read_account(*mentioned);
        // The text the mention occupies; its name is what the client shows.
        const std::string text = json_string(entity, "text");
        if (!text.empty()) account.name = text;
        activity.mentions.push_back(std::move(account));
      } else if (type == "clientInfo") {
        if (auto zone = json_string(entity, "timezone"); !zone.empty()) {
          activity.timezone = std::move(zone);
        }
      }
    }
  }
  activity.members_added = read_accounts(body, "membersAdded");
  activity.members_removed = read_accounts(body, "membersRemoved");
  return activity;
}

bool includes_bot(const std::vector<Account>& accounts, const Activity& activity) {
  return !activity.recipient.id.empty() &&
         std::any_of(accounts.begin(), accounts.end(),
                     [&](const Account& account) { return account.id == activity.recipient.id; });
}

std::vector<Account> Activity::mentioned_people() const {
  std::vector<Account> people;
  for (const auto& mention : mentions) {
    if (mention.id.empty() || (!recipient.id.empty() && mention.id == recipient.id)) continue;
    if (!commands::mention_user_id(commands::mention_markup(mention.id))) continue;
    Account person = mention;
    std::string_view shown = person.name;
    if (shown.starts_with("<at>") && shown.ends_with("</at>")) {
      shown = shown.substr(4, shown.size() - 9);
    }
    person.name = decode_entities(std::string(shown));
    people.push_back(std::move(person));
  }
  return people;
}

std::string Activity::command_text() const {
  // The <at> tags are matched in the text as Teams sent it, each real mention becoming a
  // placeholder ("\x01<n>\x01") that typed text cannot contain.
  constexpr char kMark = '\x01';
  std::string raw = text;
  raw.erase(std::remove(raw.begin(), raw.end(), kMark), raw.end());
  std::vector<std::string> people;
  for (const auto& mention : mentions) {
    // Account::name holds the entity's text ("<at>Name</at>") when it had one.
    const std::string tag =
        mention.name.starts_with("<at>") ? mention.name : "<at>" + mention.name + "</at>";
    // A tag holding the mark could match across a placeholder and split it: such an entity is
    // not one Teams makes, and its text stays text.
    if (tag.find(kMark) != std::string::npos) continue;
    if (!recipient.id.empty() && mention.id == recipient.id) {
      replace_first(raw, tag, " ");
    } else if (commands::mention_user_id(commands::mention_markup(mention.id)) &&
               replace_first(raw, tag,
                             std::string(1, kMark) + std::to_string(people.size()) + kMark)) {
      people.push_back(mention.id);
    }
  }
  // What the person typed, decoded, then encoded as the core's neutral command text
  // (commands/core/command_line.hpp): no typed character can open a mention, only the
  // placeholders do.
  const std::string typed = decode_entities(raw);
  std::string result;
  for (std::size_t i = 0; i < typed.size();) {
    const auto mark = typed.find(kMark, i);
    result += commands::encode_typed_text(std::string_view(typed).substr(i, mark - i));
    if (mark == std::string::npos) break;
    // Only whole placeholders are marked; anything else is dropped rather than trusted.
    const auto close = typed.find(kMark, mark + 1);
    if (close == std::string::npos) break;
    const auto index =
        placeholder_index(std::string_view(typed).substr(mark + 1, close - mark - 1));
    i = close + 1;
    if (!index || *index >= people.size()) continue;
    // Apart from the words around it, but not from an option's '=' (about=@Bob).
    if (!result.empty() && result.back() != ' ' && result.back() != '=') result += ' ';
    result += commands::mention_markup(people[*index]);
    if (i < typed.size() && typed[i] != ' ') result += ' ';
  }
  result = trim(result);
  for (const char* prefix : {"/accord", "@accord", "accord"}) {
    const std::string word = prefix;
    if (lower(result.substr(0, word.size())) == word &&
        (result.size() == word.size() || result[word.size()] == ' ')) {
      result = trim(result.substr(word.size()));
      break;
    }
  }
  return result;
}

}  // namespace accord::bot::teams
