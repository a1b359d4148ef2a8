// What every workflow works with: the request, the open transaction's database, the time, the
// project bound to the channel; and the shared ways to answer, refuse, log and notify.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/core/command_line.hpp"
#include "commands/core/message.hpp"
#include "commands/core/request.hpp"
#include "store/database.hpp"
#include "store/homes.hpp"
#include "store/outbox.hpp"
#include "store/projects.hpp"
#include "store/roles.hpp"
#include "store/time.hpp"

namespace accord::commands {

struct Context {
  const Request& request;
  store::Database& db;  // inside the request's transaction
  store::Timestamp now;
  std::optional<store::Project> project;  // set for every command that needs one
  std::string public_url;                 // where Accord is reached from outside, for links
  // The operator set public_url (rather than Accord guessing it from where it listens): Slack,
  // Teams and people's browsers reach it, so chat may show images and give page links from it.
  bool public_url_configured = false;
  // The requester's roles on a project, as the dispatcher read them to let the command in:
  // requester_roles() answers from here rather than reading them again. Read before the command
  // changes anything; a command that changes its requester's roles reads them from store::Roles.
  struct KnownRoles {
    std::int64_t project_id = 0;
    std::vector<store::Role> roles;
  };
  std::optional<KnownRoles> requester_roles_read{};

  const store::Project& bound_project() const { return *project; }
};

// A workflow: the arguments are the command line after the command's own name.
using Workflow = Reply (*)(Context&, const CommandLine&);

// Mistakes whose wording never varies; the rest are built where the facts are known.
enum class UserError {
  no_project,     // a project command in a channel with no project
  stale_action,   // a button this version does not know
  missing_words,  // options given without a command
};
Text describe(UserError error);

// Lists longer than this show the first rows and say how many more there are.
inline constexpr std::size_t kMaxListRows = 40;
// "… and 7 more."
Text more_rows(std::size_t hidden);

// A paragraph, optionally with label/value fields.
Section paragraph(Text text, std::vector<Field> fields = {});
// Cards posted to direct messages add " project=<id>" to their buttons' commands: a click there
// comes from a conversation bound to no project. Only clicks and form submissions may carry it.
inline constexpr const char* kProjectOption = "project";
std::string project_option(const store::Project& project);
// A button that runs `command` as the person who clicks it (see kRunCommandAction).
Button command_button(std::string label, std::string command);

Reply private_reply(Text text);
Reply private_reply(Message message);
Reply channel_reply(Message message);
Reply refuse(UserError error);
// "<problem> Usage: `<usage>`", privately.
Reply usage(Text problem, std::string_view usage_line);

// Option keys not in `allowed`, as a refusal naming the ones that are; nullopt when all are known.
std::optional<Reply> reject_unknown_options(const CommandLine& line,
                                            const std::vector<std::string_view>& allowed,
                                            std::string_view usage_line);

// "customer, pm"; empty for no role.
std::string role_list(const std::vector<store::Role>& roles);
// role_list, or a phrase for someone with no role: for "You are: ...".
std::string describe_roles(const std::vector<store::Role>& roles);
std::vector<store::Role> requester_roles(Context& context);
bool holds_any(const std::vector<store::Role>& held, const std::vector<store::Role>& wanted);

// Writes the decision log entry for a state change in the bound project; returns its id.
std::int64_t record_decision(Context& context, std::string action, std::string object,
                             std::string before, std::string after);
// The platform a user id belongs to, by its shape (Slack: U…/W…; Teams: 29:… or a GUID).
Platform platform_of_user(std::string_view user);
// Where Accord reaches the person for the bound project: the platform and workspace they were
// added from (people of both organisations may be on different platforms). Without a bound
// project, the request's.
store::Reach reach_of(Context& context, const std::string& user);
store::Reach reach_of(store::Database& db, const store::Project& project, const std::string& user);

// Queues a direct message to a person through the outbox, on their own platform; a repeated key
// queues nothing. With `not_before`, it waits until then (e.g. the person's next working morning).
void notify_person(Context& context, const std::string& user, const Message& message,
                   std::string dedupe_key, std::optional<store::Timestamp> not_before = {});
// Republishes the person's App Home (Slack): something of theirs changed. Built when sent.
void refresh_home(Context& context, const std::string& user);
// The same, where the person is reached is known already (a card's copy, a card being posted).
void refresh_home_at(Context& context, const std::string& user, const store::Reach& reach);
// Asks the platform for the person's profile (their time zone, for reminders at their local
// hours); at most once a day per person.
void refresh_profile(Context& context, const std::string& user);
// Queues a plain message to each of the bound project's homes (its channel, and those linked
// from the other organisation); a repeated key queues nothing.
void notify_channel(Context& context, const Message& message, std::string dedupe_key);
// Posts a card to each of the bound project's homes, as copies of `card_key` (see post_card).
void post_channel_card(Context& context, const Message& message, const std::string& card_key,
                       const std::string& dedupe_key);

// Cards: one message shown in several places (each approver's DM, the project channel) whose
// copies change together, e.g. when a change request is decided. Copies share `card_key`
// (e.g. "CR-3@12": object id @ project id). `kind` is channel_message (target = channel id) or
// direct_message (target = user id, reached on their own platform). With `not_before`, it waits
// until then, as notify_person's.
void post_card(Context& context, store::OutboxKind kind, const std::string& target,
               const Message& message, const std::string& card_key, std::string dedupe_key,
               std::optional<store::Timestamp> not_before = {});
// The dedupe key of a card's copy in a person's direct messages: "<card key>:dm:<user>".
std::string direct_copy_key(const std::string& card_key, const std::string& user);
// Shows `message` on every copy of the card: delivered copies are updated in place (chat.update),
// copies still waiting in the outbox go out in the new form. With `may_receive`, a copy in the
// direct messages of someone it refuses is not updated, and is withdrawn if it has not gone out.
using Recipients = std::function<bool(const std::string& user)>;
void update_card(Context& context, const std::string& card_key, const Message& message,
                 const Recipients& may_receive = {});

// The actor of what Accord does on its own (expiry, escalation, reminders' effects).
inline constexpr const char* kSystemActor = "accord";
// Accord acting on its own in a project, from its home conversation (work at start, a command of
// the server's operator): the request it acts by, and the context over it.
struct SystemContext {
  SystemContext(store::Database& db, const store::Project& project, store::Timestamp now,
                std::string public_url = {});
  SystemContext(const SystemContext&) = delete;  // the context refers to the request
  SystemContext& operator=(const SystemContext&) = delete;

  Request request;
  Context context;
};
// Who did something, as people read it: a mention, or "Accord" for kSystemActor.
Text actor_text(const std::string& actor);

std::string lower_ascii(std::string_view text);
// Characters (code points) in UTF-8 text, for length limits people can count.
std::size_t character_count(std::string_view text);
// Words of a free-text argument, joined and trimmed: `setup Apollo Redesign` works unquoted.
std::string join_words(const std::vector<Token>& tokens, std::size_t first);

}  // namespace accord::commands
