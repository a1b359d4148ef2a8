#include "commands/home.hpp"

#include <algorithm>

#include "commands/context.hpp"
#include "store/projects.hpp"
#include "store/roles.hpp"

namespace accord::commands {

Message build_home(store::Database& db, Platform platform, const std::string& workspace,
                   const std::string& user) {
  store::Transaction transaction(db);  // read only: dropped without commit
  const auto projects = store::Projects(db).for_member(to_string(platform), workspace, user);
  store::Roles roles(db);

  Message message;
  message.title = "Accord";
  if (projects.empty()) {
    message.sections = {
        paragraph(Text("Accord runs the working relationship between a customer and the team "
                       "building their software: roles, business objectives and a log of every "
                       "decision, right in the project's channel.")),
        paragraph(Text("To start a project, invite Accord to a channel and type ")
                      .code("/accord setup \"Project name\"")
                      .plain(". If your project already uses Accord, ask its pm to add you.")),
    };
  } else {
    message.sections.push_back(paragraph(Text("Your projects:")));
    const auto shown = std::min(projects.size(), kMaxListRows);
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& project = projects[i];
      message.sections.push_back(paragraph(
          Text().strong(project.name).plain(": " + role_list(roles.of(project.id, user)))));
    }
    if (shown < projects.size()) {
      message.sections.push_back(paragraph(more_rows(projects.size() - shown)));
    }
  }
  message.note =
      Text("Type ").code("/accord help").plain(" in a channel to see what Accord can do.");
  return message;
}

}  // namespace accord::commands
