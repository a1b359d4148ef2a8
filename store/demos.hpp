// Demos (D-1, D-2, ...) and the feedback people give on them (DESIGN §3.5). A demo is scheduled,
// then closed (feedback is frozen), then converted (its feedback became tasks and change
// requests). Each step is guarded in SQL, so of two clicks exactly one moves it on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

enum class DemoStatus { scheduled, closed, converted };
enum class FeedbackKind { bug, tweak, idea };

std::string_view to_string(DemoStatus status);
std::string_view to_string(FeedbackKind kind);
// Exact lower-case names; nullopt for anything else.
std::optional<FeedbackKind> parse_feedback_kind(std::string_view text);

struct Demo {
  std::int64_t id = 0;
  std::int64_t project_id = 0;
  int number = 0;  // the n of D-n
  Timestamp scheduled_at{};
  std::optional<int> sprint_number;  // the n of SP-n
  DemoStatus status = DemoStatus::scheduled;
  std::string created_by;
  Timestamp created_at{};
  std::string closed_by;
  std::optional<Timestamp> closed_at;
  std::string converted_by;
  std::optional<Timestamp> converted_at;
};

struct DemoFeedback {
  std::int64_t id = 0;
  std::int64_t demo_id = 0;
  std::string author;
  std::string text;
  std::optional<std::int64_t> task_id;
  int task_number = 0;  // T-n of the task, when task_id is set
  FeedbackKind kind = FeedbackKind::tweak;
  Timestamp at{};
  std::optional<std::string> converted_to;  // "T-7", "CR-3"
};

class Demos {
 public:
  explicit Demos(Database& db) : db_(db) {}

  // Assigns the next per-project number and returns the stored demo.
  Demo add(const Demo& demo);
  std::optional<Demo> find(std::int64_t project_id, int number);
  // By scheduled time, then number.
  std::vector<Demo> list(std::int64_t project_id);

  // Stores feedback on a demo that is still scheduled; nullopt when it was closed meanwhile.
  std::optional<DemoFeedback> add_feedback(const DemoFeedback& feedback);
  // In the order given.
  std::vector<DemoFeedback> feedback(std::int64_t demo_id);
  int feedback_count(std::int64_t demo_id);

  // scheduled → closed; false when it was not scheduled.
  bool close(std::int64_t id, const std::string& by, Timestamp at);
  // closed → converted; false when it was not closed.
  bool mark_converted(std::int64_t id, const std::string& by, Timestamp at);
  // Records what one feedback item became.
  void set_converted_to(std::int64_t feedback_id, const std::string& object);

 private:
  Database& db_;
};

}  // namespace accord::store
