#include "commands/domains.hpp"

namespace accord::commands {

const Registry& registry() {
  // In the order help lists them; built once, on first use (thread-safe).
  static const Registry everything({
      project_domain(),
      scope_domain(),
      backlog_domain(),
      acceptance_domain(),
      roadmap_domain(),
      sprints_domain(),
      demos_domain(),
      releases_domain(),
      documents_domain(),
      problems_domain(),
      core_domain(),
  });
  return everything;
}

}  // namespace accord::commands
