// What each domain of the product offers, registered once next to its code: its commands with
// their help lines, its help topics, and the kinds of scheduled job it runs. The dispatcher, the
// scheduler and `help` are built from these registrations, so a command cannot exist without
// help and a job kind without a handler.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/core/context.hpp"
#include "store/database.hpp"
#include "store/schedule.hpp"

namespace accord::commands {

// One line of the help overview: how to type it (after "/accord") and what it does.
struct HelpLine {
  std::string_view usage;
  std::string_view description;
};

// Who may run a command. Everything of a project is for its members: checked by the dispatcher,
// once, for every command, typed or clicked, so no workflow can forget it.
enum class Access {
  anyone,           // what a newcomer needs: help, and setup of a channel with no project
  member,           // a project bound here (or named by a card's button), and a role in it
  member_anywhere,  // as member where a project is bound; elsewhere (a direct message with
                    // Accord) the workflow picks among the person's own projects
};

// A command: its first word and, for a subcommand another domain offers, its second word
// ("task done" belongs to acceptance). The workflow gets the words after the first.
struct Command {
  std::string_view name;
  std::string_view subcommand;  // empty: every other second word
  Workflow run = nullptr;
  Access access = Access::member;
  std::vector<HelpLine> help;
};

// `help <topic>`: details and examples for one area.
struct HelpTopic {
  std::string_view name;
  std::string_view alias;
  Message (*build)() = nullptr;
};

// What a scheduled job did, for the scheduler's metrics.
struct JobOutcome {
  int reminders = 0;  // messages queued for people
  bool escalated = false;
};

// A kind of scheduled job and what runs it when due, in the job's own transaction. The context's
// requester is the job's subject when `acts_for_subject` (a person's digest), else Accord.
struct JobKind {
  std::string_view name;
  JobOutcome (*run)(Context&, const store::ScheduledJob&) = nullptr;
  bool acts_for_subject = false;
};

// Work a domain does once when the server starts (e.g. deadlines for what was filed before they
// were kept); returns how many things it set up.
using StartupWork = int (*)(store::Database& db, store::Timestamp now,
                            const std::string& public_url);

// Work a domain does, in the workflow's transaction, when something starts waiting on the
// customer's approvers (e.g. the project domain schedules their morning digest).
using ApprovalsWaiting = void (*)(Context& context);

// When a person takes requests (DESIGN §3.9), for cards that ask them something: the words to show
// on the card ("answers Mon 10:00–12:00 Europe/Berlin"; empty when they declared no window), and
// until when their copy waits (nullopt: it goes now).
struct RequestHours {
  std::string (*note)(Context& context, const std::string& user) = nullptr;
  std::optional<store::Timestamp> (*wait)(Context& context, const std::string& user) = nullptr;
};

struct Domain {
  std::string_view name;
  std::vector<Command> commands;
  std::vector<HelpTopic> topics;
  std::vector<JobKind> jobs;
  StartupWork at_start = nullptr;
  ApprovalsWaiting when_approvals_wait = nullptr;
  RequestHours request_hours = {};
};

class Registry {
 public:
  // Throws std::logic_error on a command without a workflow or help, or on a name (command,
  // topic or job kind) registered twice.
  explicit Registry(std::vector<Domain> domains);

  const std::vector<Domain>& domains() const { return domains_; }
  // The row for `name` (lower case) followed by `second_word`: a subcommand's own row first.
  const Command* command(std::string_view name, std::string_view second_word) const;
  const HelpTopic* topic(std::string_view name_or_alias) const;
  const JobKind* job(std::string_view kind) const;

 private:
  std::vector<Domain> domains_;
};

// The product's registry: every domain (commands/domains.cpp).
const Registry& registry();

}  // namespace accord::commands
