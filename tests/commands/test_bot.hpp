// Runs requests through the Dispatcher against a fresh database file and a hand-moved clock, and
// reads replies the way a person would: as text, with mentions.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "commands/core/clock.hpp"
#include "commands/core/dispatcher.hpp"
#include "commands/core/message.hpp"
#include "commands/time/scheduler.hpp"
#include "store/database.hpp"
#include "store/decision_log.hpp"
#include "store/outbox.hpp"
#include "store/projects.hpp"
#include "store/roles.hpp"
#include "tests/store/temp_database.hpp"

namespace accord::testing {

inline store::Timestamp test_start() {
  using namespace std::chrono;
  return sys_days{2026y / November / 23} + 23h + 30min;  // 00:30 the next day in Berlin
}

// Every span of the text, mentions as "@U123", so a test can look for the facts.
inline std::string all_text(const commands::Message& message) {
  std::string out = message.title + "\n";
  for (const auto& section : message.sections) {
    out += section.text.to_plain() + "\n";
    for (const auto& field : section.fields) {
      out += field.label + ": " + field.value.to_plain() + "\n";
    }
  }
  for (const auto& button : message.buttons) out += "[" + button.label + "]\n";
  return out + message.note.to_plain();
}

inline bool has_mention(const commands::Text& text, const std::string& user) {
  for (const auto& span : text.spans()) {
    if (span.kind == commands::Span::Kind::mention && span.value == user) return true;
  }
  return false;
}

inline bool has_mention(const commands::Message& message, const std::string& user) {
  bool found = has_mention(message.note, user);
  for (const auto& section : message.sections) {
    found = found || has_mention(section.text, user);
    for (const auto& field : section.fields) found = found || has_mention(field.value, user);
  }
  return found;
}

class TestBot {
 public:
  // `public_url`: where Accord would be reached from outside (links, chart images); none by
  // default.
  explicit TestBot(std::string public_url = {})
      : db_(path_.str()),
        clock_(test_start()),
        public_url_(std::move(public_url)),
        dispatcher_(db_, clock_, public_url_, !public_url_.empty()) {}

  commands::Reply run(const std::string& user, const std::string& text,
                      const std::string& channel = "C1") {
    commands::Request request;
    request.workspace = "T1";
    request.channel = channel;
    request.user = user;
    request.text = text;
    return dispatcher_.handle(request);
  }

  commands::Reply click(const std::string& user, const std::string& action_id,
                        const std::string& value, const std::string& channel = "C1") {
    commands::Request request;
    request.workspace = "T1";
    request.channel = channel;
    request.user = user;
    request.action_id = action_id;
    request.action_value = value;
    return dispatcher_.handle(request);
  }

  // Submits a form: `command` is the form's command text, `values` its fields by id.
  commands::Reply submit(const std::string& user, const std::string& command,
                         std::map<std::string, std::string> values,
                         const std::string& channel = "C1") {
    commands::Request request;
    request.workspace = "T1";
    request.channel = channel;
    request.user = user;
    request.action_id = commands::kSubmitFormAction;
    request.action_value = command;
    request.form_values = std::move(values);
    return dispatcher_.handle(request);
  }

  // Any request, e.g. from another platform or workspace than the fixture's Slack T1.
  commands::Reply handle(const commands::Request& request) { return dispatcher_.handle(request); }

  // Text of the reply, for the common "the person sees X" checks.
  std::string say(const std::string& user, const std::string& text,
                  const std::string& channel = "C1") {
    return all_text(run(user, text, channel).message);
  }

  std::vector<store::Decision> decisions(const std::string& channel = "C1") {
    store::Transaction tx(db_);
    auto project =
        store::Projects(db_).find_by_channel(accord::store::Platform::slack, "T1", channel);
    if (!project) return {};
    return store::DecisionLog(db_).recent(project->id, 1000);
  }

  // Messages queued and not yet delivered. Profile look-ups (asking Slack for a new member's time
  // zone) and App Home refreshes are not messages in a conversation, and are left out.
  std::vector<store::OutboxItem> outbox() {
    store::Transaction tx(db_);
    auto rows = store::Outbox(db_).due(clock_.now() + std::chrono::hours(24 * 365), 1000);
    std::erase_if(rows, [](const auto& row) {
      return row.kind == store::OutboxKind::user_profile ||
             row.kind == store::OutboxKind::home_view;
    });
    return rows;
  }

  // Runs the scheduled jobs due at the clock's time, as the server's scheduler would.
  int run_scheduler() {
    int total = 0;
    while (int ran = commands::Scheduler(db_, clock_, public_url_, &scheduler_metrics_,
                                         !public_url_.empty())
                         .run_due()) {
      total += ran;
    }
    return total;
  }
  // What run_scheduler's jobs did, as /metrics reports it.
  commands::SchedulerMetrics::Snapshot scheduler_metrics() const {
    return scheduler_metrics_.snapshot();
  }

  // Makes `user` leadership of the channel's project straight in the store: in chat only
  // leadership may (the server's operator gives a project its first, see leadership_test).
  void grant_leadership(const std::string& user, const std::string& channel = "C1") {
    store::Transaction tx(db_);
    const auto project =
        store::Projects(db_).find_by_channel(accord::store::Platform::slack, "T1", channel);
    store::Roles(db_).grant(project->id, user, store::Role::leadership, "operator", clock_.now());
    tx.commit();
  }

  store::Database& db() { return db_; }
  commands::ManualClock& clock() { return clock_; }

 private:
  TempDatabase path_;
  store::Database db_;
  commands::ManualClock clock_;
  std::string public_url_;
  commands::Dispatcher dispatcher_;
  commands::SchedulerMetrics scheduler_metrics_;
};

}  // namespace accord::testing
