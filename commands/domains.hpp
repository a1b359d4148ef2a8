// The domains of the product, each defined in its own folder (<domain>/<domain>_domain.cpp).
// Adding a domain is a folder, a line here and a line in domains.cpp.
#pragma once

#include "commands/core/registry.hpp"

namespace accord::commands {

Domain core_domain();
Domain project_domain();
Domain scope_domain();
Domain backlog_domain();
Domain acceptance_domain();
Domain roadmap_domain();
Domain sprints_domain();
Domain demos_domain();
Domain releases_domain();
Domain documents_domain();
Domain problems_domain();

}  // namespace accord::commands
