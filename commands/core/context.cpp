#include "commands/core/context.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <random>

#include <nlohmann/json.hpp>

#include "store/decision_log.hpp"
#include "store/homes.hpp"
#include "store/outbox.hpp"

namespace accord::commands {

Text describe(UserError error) {
  switch (error) {
    case UserError::no_project:
      return Text("This channel has no Accord project yet. Start one with ")
          .code("/accord setup \"Project name\"")
          .plain(".");
    case UserError::stale_action:
      return Text("That button is no longer available. Type ")
          .code("/accord help")
          .plain(" to see what you can do.");
    case UserError::missing_words:
      return Text("Start with a command, for example ").code("/accord help").plain(".");
  }
  return Text("Something went wrong.");
}

Text more_rows(std::size_t hidden) {
  return Text("\xE2\x80\xA6 and " + std::to_string(hidden) + " more.");
}

Section paragraph(Text text, std::vector<Field> fields) {
  Section section;
  section.text = std::move(text);
  section.fields = std::move(fields);
  return section;
}

std::string project_option(const store::Project& project) {
  return " " + std::string(kProjectOption) + "=" + std::to_string(project.id);
}

Button command_button(std::string label, std::string command) {
  Button button;
  button.label = std::move(label);
  button.action_id = kRunCommandAction;
  button.value = std::move(command);
  return button;
}

Reply private_reply(Text text) {
  Message message;
  message.sections.push_back(paragraph(std::move(text)));
  return private_reply(std::move(message));
}

Reply private_reply(Message message) {
  Reply reply;
  reply.message = std::move(message);
  return reply;
}

Reply channel_reply(Message message) {
  Reply reply;
  reply.visibility = Visibility::channel;
  reply.message = std::move(message);
  return reply;
}

Reply refuse(UserError error) {
  return private_reply(describe(error));
}

Reply usage(Text problem, std::string_view usage_line) {
  return private_reply(problem.plain(" Usage: ").code("/accord " + std::string(usage_line)));
}

std::optional<Reply> reject_unknown_options(const CommandLine& line,
                                            const std::vector<std::string_view>& allowed,
                                            std::string_view usage_line) {
  for (const auto& [key, value] : line.options) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    Text problem = Text("I don't know the option ").code(key + "=").plain(".");
    if (allowed.empty()) {
      problem.plain(" This command takes no options.");
    } else {
      problem.plain(" Options here:");
      for (auto name : allowed) problem.plain(" ").code(std::string(name) + "=");
      problem.plain(".");
    }
    return usage(std::move(problem), usage_line);
  }
  return std::nullopt;
}

std::string describe_roles(const std::vector<store::Role>& roles) {
  return roles.empty() ? "not on this project's team" : role_list(roles);
}

std::string role_list(const std::vector<store::Role>& roles) {
  std::string out;
  for (auto role : roles) {
    if (!out.empty()) out += ", ";
    out += store::to_string(role);
  }
  return out;
}

std::vector<store::Role> requester_roles(Context& context) {
  const auto project_id = context.bound_project().id;
  const auto& known = context.requester_roles_read;
  if (known && known->project_id == project_id) return known->roles;
  return store::Roles(context.db).of(project_id, context.request.user);
}

bool holds_any(const std::vector<store::Role>& held, const std::vector<store::Role>& wanted) {
  return std::any_of(held.begin(), held.end(), [&](store::Role role) {
    return std::find(wanted.begin(), wanted.end(), role) != wanted.end();
  });
}

std::int64_t record_decision(Context& context, std::string action, std::string object,
                             std::string before, std::string after) {
  store::Decision decision;
  decision.project_id = context.bound_project().id;
  decision.actor = context.request.user;
  decision.at = context.now;
  decision.action = std::move(action);
  decision.object = std::move(object);
  decision.before = std::move(before);
  decision.after = std::move(after);
  decision.channel = context.request.channel;
  return store::DecisionLog(context.db).record(decision);
}

Platform platform_of_user(std::string_view user) {
  // Slack's ids are U… or W…; Teams' are 29:… (or an AAD object id, a GUID).
  const bool teams = user.starts_with("29:") || (user.size() == 36 && user[8] == '-');
  return teams ? Platform::teams : Platform::slack;
}

store::Reach reach_of(store::Database& db, const store::Project& project, const std::string& user) {
  store::Homes homes(db);
  if (auto reach = homes.reach(project.id, user)) return *reach;
  // Added before Accord kept where (or by the operator, straight in the store): the home of
  // their platform, the project's own first.
  for (const auto& home : homes.of(project.id)) {
    if (home.platform == platform_of_user(user)) return {home.platform, home.workspace};
  }
  return {project.platform, project.workspace};
}

store::Reach reach_of(Context& context, const std::string& user) {
  if (context.project) return reach_of(context.db, *context.project, user);
  return {context.request.platform, context.request.workspace};
}

void notify_person(Context& context, const std::string& user, const Message& message,
                   std::string dedupe_key, std::optional<store::Timestamp> not_before) {
  const auto reach = reach_of(context, user);
  store::OutboxItem item;
  item.platform = reach.platform;
  item.workspace = reach.workspace;
  item.kind = store::OutboxKind::direct_message;
  item.target = user;
  item.payload = message_json(message);
  item.dedupe_key = std::move(dedupe_key);
  item.next_attempt_at = not_before ? std::max(*not_before, context.now) : context.now;
  item.created_at = context.now;
  store::Outbox(context.db).enqueue(item);
}

namespace {

// One copy of a channel message for each of the project's homes. The first home's copy keeps the
// key as given (as before homes could be linked); the others' add the home. A Slack Connect
// channel linked from both organisations is two homes with one channel id: it gets one copy,
// through the home linked first.
void post_to_homes(Context& context, const Message& message, const std::string& card_key,
                   const std::string& dedupe_key) {
  const auto& project = context.bound_project();
  const auto homes = store::Homes(context.db).of(project.id);
  store::Outbox outbox(context.db);
  for (const auto& home : homes) {
    const bool seen_already = std::any_of(&homes.front(), &home, [&](const store::Home& earlier) {
      return earlier.platform == home.platform && earlier.channel == home.channel;
    });
    if (seen_already) continue;
    store::OutboxItem item;
    item.platform = home.platform;
    item.workspace = home.workspace;
    item.kind = store::OutboxKind::channel_message;
    item.target = home.channel;
    item.payload = message_json(message);
    item.dedupe_key =
        &home == &homes.front() ? dedupe_key : dedupe_key + "@home" + std::to_string(home.id);
    item.card_key = card_key;
    item.next_attempt_at = context.now;
    item.created_at = context.now;
    outbox.enqueue(item);
  }
}

}  // namespace

void notify_channel(Context& context, const Message& message, std::string dedupe_key) {
  post_to_homes(context, message, {}, dedupe_key);
}

void post_channel_card(Context& context, const Message& message, const std::string& card_key,
                       const std::string& dedupe_key) {
  post_to_homes(context, message, card_key, dedupe_key);
}

void post_card(Context& context, store::OutboxKind kind, const std::string& target,
               const Message& message, const std::string& card_key, std::string dedupe_key,
               std::optional<store::Timestamp> not_before) {
  const auto reach = kind == store::OutboxKind::direct_message
                         ? reach_of(context, target)
                         : store::Reach{context.request.platform, context.request.workspace};
  store::OutboxItem item;
  item.platform = reach.platform;
  item.workspace = reach.workspace;
  item.kind = kind;
  item.target = target;
  item.payload = message_json(message);
  item.dedupe_key = std::move(dedupe_key);
  item.card_key = card_key;
  item.next_attempt_at = not_before ? std::max(*not_before, context.now) : context.now;
  item.created_at = context.now;
  store::Outbox(context.db).enqueue(item);
  if (kind == store::OutboxKind::direct_message) refresh_home_at(context, target, reach);
}

std::string direct_copy_key(const std::string& card_key, const std::string& user) {
  std::string key = card_key;
  key += ":dm:";
  key += user;
  return key;
}

void update_card(Context& context, const std::string& card_key, const Message& message,
                 const Recipients& may_receive) {
  store::Outbox outbox(context.db);
  const std::string payload = message_json(message);
  auto copies = outbox.card_copies(card_key);
  if (may_receive) {
    std::erase_if(copies, [&](const store::OutboxItem& copy) {
      if (copy.kind != store::OutboxKind::direct_message || may_receive(copy.target)) return false;
      if (copy.status == store::OutboxStatus::pending) outbox.withdraw(copy.id);
      // So their home stops listing it; the copy knows where they are reached.
      refresh_home_at(context, copy.target, {copy.platform, copy.workspace});
      return true;
    });
  }
  outbox.replace_pending_card_payload(card_key, payload);
  // One update per delivered copy; the key makes a repeated update of the same copy at the
  // same instant a no-op rather than a duplicate.
  for (const auto& copy : copies) {
    if (copy.kind == store::OutboxKind::direct_message) {
      refresh_home_at(context, copy.target, {copy.platform, copy.workspace});
    }
    if (copy.status != store::OutboxStatus::delivered || copy.delivered_ts.empty()) continue;
    store::OutboxItem update;
    update.platform = copy.platform;
    update.workspace = copy.workspace;
    update.kind = store::OutboxKind::update_message;
    update.target = copy.delivered_channel;
    update.ref_ts = copy.delivered_ts;
    update.payload = payload;
    update.dedupe_key = "card-update:" + std::to_string(copy.id) + ":" +
                        std::to_string(store::to_millis(context.now)) + ":" +
                        std::to_string(std::hash<std::string>{}(payload));
    update.next_attempt_at = context.now;
    update.created_at = context.now;
    outbox.enqueue(update);
  }
}

void refresh_home(Context& context, const std::string& user) {
  refresh_home_at(context, user, reach_of(context, user));
}

void refresh_home_at(Context& context, const std::string& user, const store::Reach& reach) {
  if (reach.platform != Platform::slack) return;  // Teams has no home tab
  store::OutboxItem item;
  item.platform = reach.platform;
  item.workspace = reach.workspace;
  item.kind = store::OutboxKind::home_view;
  item.target = user;
  item.payload = "{}";  // built when it is sent, so it shows the latest state
  store::Outbox outbox(context.db);
  // A refresh still waiting will show this change too.
  if (outbox.has_pending(item.platform, item.workspace, item.kind, user)) return;
  // Unique, so a later change publishes again even at the same instant (on a test clock).
  thread_local std::mt19937_64 random{std::random_device{}()};
  item.dedupe_key = "home:" + item.workspace + ":" + user + ":" +
                    std::to_string(store::to_millis(context.now)) + ":" + std::to_string(random());
  item.created_at = item.next_attempt_at = context.now;
  outbox.enqueue(item);
}

void refresh_profile(Context& context, const std::string& user) {
  const auto reach = reach_of(context, user);
  store::OutboxItem item;
  item.platform = reach.platform;
  item.workspace = reach.workspace;
  item.kind = store::OutboxKind::user_profile;
  item.target = user;
  item.payload = "{}";
  const auto day = std::chrono::floor<std::chrono::days>(context.now);
  item.dedupe_key = "profile:" + std::string(store::platform_name(item.platform)) + ":" +
                    item.workspace + ":" + user + ":" +
                    std::to_string(day.time_since_epoch().count());
  item.created_at = item.next_attempt_at = context.now;
  store::Outbox(context.db).enqueue(item);
}

Text actor_text(const std::string& actor) {
  if (actor == kSystemActor) return Text("Accord");
  return Text().mention(actor);
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t character_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string join_words(const std::vector<Token>& tokens, std::size_t first) {
  std::string out;
  for (auto i = first; i < tokens.size(); ++i) {
    if (i > first) out += ' ';
    out += tokens[i].text;
  }
  // "  " in quotes is no name.
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  out.erase(out.begin(), std::find_if_not(out.begin(), out.end(), is_space));
  out.erase(std::find_if_not(out.rbegin(), out.rend(), is_space).base(), out.end());
  return out;
}

SystemContext::SystemContext(store::Database& db, const store::Project& project,
                             store::Timestamp now, std::string public_url)
    : context{request, db, now, project, std::move(public_url)} {
  request.platform = project.platform;
  request.workspace = project.workspace;
  request.channel = project.channel;
  request.user = kSystemActor;
}

}  // namespace accord::commands
