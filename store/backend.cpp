#include "store/backend.hpp"

namespace accord::store {
namespace {

// Idle copies kept per statement: more than the deepest nesting of one query in practice.
constexpr std::size_t kIdleCopies = 4;

}  // namespace

std::unique_ptr<Cursor> Connection::take(std::string_view sql) {
  {
    std::lock_guard lock(idle_mutex_);
    const auto found = idle_.find(sql);
    if (found != idle_.end() && !found->second.empty()) {
      auto cursor = std::move(found->second.back());
      found->second.pop_back();
      return cursor;
    }
  }
  return prepare(sql);
}

void Connection::give_back(std::unique_ptr<Cursor> cursor) noexcept {
  try {
    cursor->clear();
    std::lock_guard lock(idle_mutex_);
    auto& idle = idle_[cursor->sql()];
    if (idle.size() < kIdleCopies) idle.push_back(std::move(cursor));
  } catch (...) {
    // Out of memory: the cursor is finalized instead of kept.
  }
}

void Connection::forget_cursors() noexcept {
  std::lock_guard lock(idle_mutex_);
  idle_.clear();
}

}  // namespace accord::store
