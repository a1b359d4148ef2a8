// A project with one person in every role, and helpers to read what the cards look like in the
// outbox, for the scope, roadmap and change request workflow tests.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/core/request.hpp"
#include "tests/commands/test_bot.hpp"

namespace accord::testing {

inline commands::Message payload_message(const store::OutboxItem& row) {
  return commands::message_from_json(nlohmann::json::parse(row.payload));
}

// Apollo in C1: U1 pm, U2 customer, U3 delegate, U4 lead, U5 dev, U6 sponsor, U7 qa,
// U8 leadership; U9 holds no role.
struct ScopeTeam : TestBot {
  explicit ScopeTeam(std::string public_url = {}) : TestBot(std::move(public_url)) {
    run("U1", "setup Apollo tz=Europe/Berlin");
    run("U1", "role add <@U2> customer");
    run("U1", "role add <@U3> delegate");
    run("U1", "role add <@U4> lead");
    run("U1", "role add <@U5> dev");
    run("U1", "role add <@U6> sponsor");
    run("U1", "role add <@U7> qa");
    grant_leadership("U8");
    deliver_all();  // the role notifications are not what the tests look at
  }

  // Marks every pending post as delivered, as the worker would, with a ts per row.
  void deliver_all() {
    store::Transaction tx(db());
    store::Outbox outbox(db());
    for (const auto& row :
         store::Outbox(db()).due(clock().now() + std::chrono::hours(24 * 365), 1000)) {
      if (row.kind == store::OutboxKind::update_message) {
        outbox.mark_delivered(row.id, row.target, row.ref_ts, clock().now());
      } else {
        const auto channel =
            row.kind == store::OutboxKind::direct_message ? "D" + row.target : row.target;
        outbox.mark_delivered(row.id, channel, std::to_string(row.id) + ".0", clock().now());
      }
    }
    tx.commit();
  }

  // A direct message queued for someone: what it says, and when it may go.
  struct Queued {
    std::string text;
    store::Timestamp not_before{};
  };
  std::vector<Queued> messages_to(const std::string& user) {
    std::vector<Queued> found;
    for (const auto& row : pending(store::OutboxKind::direct_message)) {
      if (row.target == user)
        found.push_back({all_text(payload_message(row)), row.next_attempt_at});
    }
    return found;
  }

  // Pending outbox rows of a kind.
  std::vector<store::OutboxItem> pending(store::OutboxKind kind) {
    std::vector<store::OutboxItem> rows;
    for (auto& row : outbox()) {
      if (row.kind == kind) rows.push_back(std::move(row));
    }
    return rows;
  }

  int logged(const std::string& action) {
    int count = 0;
    for (const auto& decision : decisions()) count += decision.action == action ? 1 : 0;
    return count;
  }

  // The command a button of the card runs, as posted.
  std::string button(const std::string& object, const std::string& label) {
    store::Transaction tx(db());
    for (const auto& copy : store::Outbox(db()).card_copies(card_key_unlocked(object))) {
      for (const auto& button : payload_message(copy).buttons) {
        if (button.label == label) return button.value;
      }
    }
    return "";
  }

  // Clicks a button of the card in the approver's direct messages.
  commands::Reply click_card(const std::string& user, const std::string& object,
                             const std::string& label) {
    return click(user, commands::kRunCommandAction, button(object, label), "D" + user);
  }

  std::string project_suffix() {
    store::Transaction tx(db());
    return " project=" + std::to_string(project_id());
  }

  std::string card_key(const std::string& object) {
    store::Transaction tx(db());
    return card_key_unlocked(object);
  }

 private:
  std::int64_t project_id() {
    return store::Projects(db()).find_by_channel(accord::store::Platform::slack, "T1", "C1")->id;
  }
  std::string card_key_unlocked(const std::string& object) {
    return object + "@" + std::to_string(project_id());
  }
};

}  // namespace accord::testing
