// The outbox: every outbound message is a row before it is sent. The delivery worker claims due
// rows, and records the outcome; delivered rows keep the platform's message id (channel + ts) so
// the message can be updated in place later.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/platform.hpp"
#include "store/time.hpp"

namespace accord::store {

enum class OutboxKind {
  channel_message,  // post to a channel: target = channel id
  direct_message,   // open a DM with a user and post: target = user id
  response_url,     // reply through a Slack response_url: target = the URL
  update_message,   // update a delivered message: target = channel id, ref_ts = its ts
  home_view,        // publish a person's home screen (Slack App Home): target = user id
  open_form,        // open a form (a Slack modal): target = the trigger id, payload = the form
  user_profile,     // read a person's profile (their time zone) into People: target = user id
};

enum class OutboxStatus { pending, delivered, dead };

std::string_view to_string(OutboxKind kind);
std::string_view to_string(OutboxStatus status);

struct OutboxItem {
  std::int64_t id = 0;
  Platform platform = Platform::slack;
  std::string workspace;
  OutboxKind kind = OutboxKind::channel_message;
  std::string target;
  std::string ref_ts;      // for update_message
  std::string payload;     // the neutral message as JSON (the adapter may add a "visibility" key)
  std::string dedupe_key;  // unique; a second enqueue with the same key is ignored
  std::string card_key;    // copies of one card share it, so every copy can be updated later
  OutboxStatus status = OutboxStatus::pending;
  int attempts = 0;
  Timestamp next_attempt_at{};
  std::string last_error;
  std::string delivered_channel;
  std::string delivered_ts;
  Timestamp created_at{};
  std::optional<Timestamp> delivered_at;
  std::string claimed_by;  // the replica delivering it now ("" for none), see Outbox::claim_due
  Timestamp claimed_until{};
};

class Outbox {
 public:
  explicit Outbox(Database& db) : db_(db) {}

  // What replicas LISTEN on: a transaction that queues a row signals it when it commits.
  static constexpr const char* kQueuedSignal = "accord_outbox";

  // Returns the new row's id, or nullopt when the dedupe key was already queued.
  std::optional<std::int64_t> enqueue(const OutboxItem& item);
  // Rows this process has queued so far, in any database: a caller compares it before and after
  // some work to wake the delivery worker only when that work queued something.
  static std::uint64_t queued_so_far();
  // Pending rows whose next attempt is due, oldest first (claimed or not).
  std::vector<OutboxItem> due(Timestamp now, int limit);
  // Claims up to `limit` due rows nobody holds for `claimer` until `lease_until`, oldest first:
  // replicas on one database each deliver the rows they claimed, so no row goes out twice. On
  // PostgreSQL, rows another replica is claiming at the same moment are skipped, not waited for.
  // Recording an outcome (delivered, retry, dead, postpone) or release() ends the claim; a
  // replica that dies loses its claims when the lease ends.
  std::vector<OutboxItem> claim_due(Timestamp now, int limit, const std::string& claimer,
                                    Timestamp lease_until);
  // Gives a row back unsent, due again at once; false when `claimer` does not hold it.
  bool release(std::int64_t id, const std::string& claimer);
  // Ends the claims of earlier runs of one replica (claimed_by "<replica>#…" but not `claimer`):
  // a replica restarted after a crash takes its own rows back rather than waiting out the lease.
  // An empty `replica` means every claim but `claimer`'s (one server per SQLite file).
  int release_earlier_runs(const std::string& replica, const std::string& claimer);
  std::optional<OutboxItem> find(std::int64_t id);
  // When an older row to the same conversation (platform, workspace, kind, target) is still
  // pending, its next attempt: the item must wait for it so messages keep their order.
  std::optional<Timestamp> earlier_pending(const OutboxItem& item);
  // The posted copies of a card (channel and direct messages with the key), oldest first.
  std::vector<OutboxItem> card_copies(const std::string& card_key);
  // Replaces the payload of copies not delivered yet, so they go out in their latest form.
  int replace_pending_card_payload(const std::string& card_key, const std::string& payload);
  // Takes back a row not sent yet (its recipient may no longer see it); false once it has gone.
  bool withdraw(std::int64_t id);
  // Guarded: only a pending row changes; returns false otherwise.
  bool mark_delivered(std::int64_t id, const std::string& channel, const std::string& ts,
                      Timestamp at);
  // Counts an attempt and schedules the next one.
  bool mark_retry(std::int64_t id, Timestamp next_attempt_at, const std::string& error);
  // Counts an attempt and gives up: the row stays for inspection as dead.
  bool mark_dead(std::int64_t id, const std::string& error);
  // Leaves the row pending without counting an attempt (e.g. rate limited, no token yet).
  bool postpone(std::int64_t id, Timestamp next_attempt_at, const std::string& reason);
  int count(OutboxStatus status);
  // The newest row id (0 for none), to find what a request queued after it.
  std::int64_t last_id();
  // The newest update of the delivered message `ref_ts` in `conversation` (or a thread of it)
  // queued after row `after_id`: how a click changed the card it was made on.
  std::optional<OutboxItem> update_after(Platform platform, const std::string& workspace,
                                         const std::string& conversation, const std::string& ref_ts,
                                         std::int64_t after_id);
  // Whether a row of this kind to this target is still waiting to be sent.
  bool has_pending(Platform platform, const std::string& workspace, OutboxKind kind,
                   const std::string& target);
  // Earliest moment a pending row may be claimed (its next attempt, or the end of another
  // replica's claim), to know how long the worker may sleep.
  std::optional<Timestamp> next_due();

 private:
  Database& db_;
};

}  // namespace accord::store
