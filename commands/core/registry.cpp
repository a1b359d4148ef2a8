#include "commands/core/registry.hpp"

#include <set>
#include <stdexcept>
#include <string>

namespace accord::commands {
namespace {

void claim(std::set<std::string>& taken, std::string_view what, std::string name) {
  if (!taken.insert(name).second) {
    throw std::logic_error(std::string(what) + " registered twice: " + name);
  }
}

}  // namespace

Registry::Registry(std::vector<Domain> domains) : domains_(std::move(domains)) {
  std::set<std::string> commands;
  std::set<std::string> topics;
  std::set<std::string> jobs;
  for (const auto& domain : domains_) {
    for (const auto& command : domain.commands) {
      const auto name = std::string(command.name) + " " + std::string(command.subcommand);
      if (command.run == nullptr || command.help.empty()) {
        throw std::logic_error("command without a workflow or help: " + name);
      }
      claim(commands, "command", name);
    }
    for (const auto& topic : domain.topics) {
      if (topic.build == nullptr) throw std::logic_error("empty help topic");
      claim(topics, "help topic", std::string(topic.name));
      if (!topic.alias.empty()) claim(topics, "help topic", std::string(topic.alias));
    }
    for (const auto& job : domain.jobs) {
      if (job.run == nullptr) throw std::logic_error("job kind without a handler");
      claim(jobs, "job kind", std::string(job.name));
    }
  }
}

const Command* Registry::command(std::string_view name, std::string_view second_word) const {
  const Command* general = nullptr;
  for (const auto& domain : domains_) {
    for (const auto& command : domain.commands) {
      if (command.name != name) continue;
      if (command.subcommand.empty()) {
        general = &command;
      } else if (command.subcommand == second_word) {
        return &command;
      }
    }
  }
  return general;
}

const HelpTopic* Registry::topic(std::string_view name_or_alias) const {
  for (const auto& domain : domains_) {
    for (const auto& topic : domain.topics) {
      if (topic.name == name_or_alias || topic.alias == name_or_alias) return &topic;
    }
  }
  return nullptr;
}

const JobKind* Registry::job(std::string_view kind) const {
  for (const auto& domain : domains_) {
    for (const auto& job : domain.jobs) {
      if (job.name == kind) return &job;
    }
  }
  return nullptr;
}

}  // namespace accord::commands
