// Teams sends an activity again when it saw no timely answer (reference/teams.md §1.5), so each is
// run once. A delivery claims its activity while it runs, so a repeat arriving meanwhile is
// acknowledged; the activity is recorded as processed inside the transaction of the work it did,
// as Slack's events are, so a crash between the two loses neither the work nor the re-delivery
// that will redo it.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "bot/teams/activity.hpp"
#include "commands/core/clock.hpp"
#include "store/database.hpp"

namespace accord::bot::teams {

class ProcessedActivities {
 public:
  // Held while one delivery of an activity runs; the claim ends with it.
  class Claim {
   public:
    Claim(Claim&& other) noexcept;
    Claim& operator=(Claim&&) = delete;
    ~Claim();

    // Records the activity as processed, in the caller's open transaction.
    void record() const;

   private:
    friend class ProcessedActivities;
    Claim(ProcessedActivities* owner, std::string key) : owner_(owner), key_(std::move(key)) {}
    ProcessedActivities* owner_;
    std::string key_;  // empty for an activity without an id: nothing to recognise it by
  };

  // Ids are forgotten `retention` after they were processed.
  ProcessedActivities(store::Database& db, const commands::Clock& clock,
                      std::chrono::seconds retention);

  // The claim on a first delivery; nullopt when the activity was processed already or another
  // delivery of it is running.
  std::optional<Claim> claim(const Activity& activity);

 private:
  void release(const std::string& key);

  store::Database& db_;
  const commands::Clock& clock_;
  std::chrono::seconds retention_;
  std::int64_t next_prune_ms_ = 0;  // guarded by running_mutex_
  std::mutex running_mutex_;
  std::set<std::string> running_;
};

}  // namespace accord::bot::teams
