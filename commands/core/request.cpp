#include "commands/core/request.hpp"

namespace accord::commands {

const char* to_string(Platform platform) {
  switch (platform) {
    case Platform::slack:
      return "slack";
    case Platform::teams:
      return "teams";
  }
  return "slack";
}

}  // namespace accord::commands
