#include "store/time.hpp"

#include <date/date.h>

namespace accord::store {

std::string format_utc(Timestamp at) {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(at));
}

}  // namespace accord::store
