// The store's notion of time: milliseconds since the Unix epoch, UTC.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace accord::store {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

inline std::int64_t to_millis(Timestamp at) {
  return at.time_since_epoch().count();
}
inline Timestamp from_millis(std::int64_t ms) {
  return Timestamp(std::chrono::milliseconds(ms));
}

// "2026-11-22T09:30:00Z", for logs and messages.
std::string format_utc(Timestamp at);

}  // namespace accord::store
