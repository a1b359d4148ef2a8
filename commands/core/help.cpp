#include "commands/core/help.hpp"

#include <utility>

#include "commands/core/registry.hpp"

namespace accord::commands {
namespace {

std::string topic_names() {
  std::string names;
  for (const auto& domain : registry().domains()) {
    for (const auto& topic : domain.topics) {
      names += (names.empty() ? "" : ", ") + std::string(topic.name);
    }
  }
  return names;
}

// The overview: every command's help lines, domain by domain; help's own line names the topics.
Message overview() {
  Message message;
  message.title = "Accord";
  message.summary = "Accord commands";
  message.sections.push_back(
      paragraph(Text("Accord keeps the customer and the team on the same page: who holds which "
                     "role, the business objectives, the backlog, and a log of every decision.")));
  for (const auto& domain : registry().domains()) {
    for (const auto& command : domain.commands) {
      for (const auto& line : command.help) {
        std::string description(line.description);
        if (command.run == show_help) description += " Topics: " + topic_names() + ".";
        message.sections.push_back(command_line(std::string(line.usage), description));
      }
    }
  }
  message.buttons = {
      command_button("Setting up", "help setup"),
      command_button("Roles", "help roles"),
      command_button("Objectives", "help objectives"),
  };
  return message;
}

}  // namespace

Section command_line(std::string command, std::string_view description) {
  return paragraph(Text().code("/accord " + command).plain(" — ").plain(std::string(description)));
}

Section example(std::string command) {
  return paragraph(Text("Example: ").code(std::move(command)));
}

Reply show_help(Context&, const CommandLine& args) {
  if (args.positional.empty()) return private_reply(overview());
  const auto wanted = lower_ascii(args.positional.front().text);
  if (const auto* topic = registry().topic(wanted)) return private_reply(topic->build());
  Text text = Text("I have no help on ").code(args.positional.front().text).plain(". Topics:");
  for (const auto& domain : registry().domains()) {
    for (const auto& topic : domain.topics) text.plain(" ").code(std::string(topic.name));
  }
  return private_reply(text.plain(". Or type ").code("/accord help").plain(" for everything."));
}

}  // namespace accord::commands
