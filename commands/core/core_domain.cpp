// The core's own command: help, built from every domain's registrations.
#include "commands/core/help.hpp"
#include "commands/domains.hpp"

namespace accord::commands {

Domain core_domain() {
  return {"core",
          {{"help", "", show_help, Access::anyone, {{"help <topic>", "Details and examples."}}}},
          {},
          {}};
}

}  // namespace accord::commands
