#include "commands/scope/proposal_card.hpp"

#include <algorithm>
#include <cstdio>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/scope/scenario_commands.hpp"

namespace accord::commands {
namespace {

std::string hours_text(double hours) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%gh", hours);
  return buffer;
}

std::string covers_text(Context& context, const store::Capability& capability) {
  std::string text;
  store::Scenarios scenarios(context.db);
  for (auto id : capability.scenario_ids) {
    const auto scenario = scenarios.find_by_id(id);
    if (!scenario) continue;
    if (!text.empty()) text += ", ";
    text += object_id("S", scenario->number) + " (rank " + std::to_string(scenario->rank) + ")";
  }
  return text.empty() ? "nothing" : text;
}

Text decision_text(Context& context, const store::Capability& capability) {
  if (capability.status == "proposed" || capability.status == "draft") {
    return Text(capability_outcome(capability.status));
  }
  Text text = Text()
                  .strong(capability_outcome(capability.status))
                  .plain(" by ")
                  .mention(capability.decided_by);
  if (capability.decided_at) text.plain(" on " + local_time(context, *capability.decided_at));
  if (!capability.decision_comment.empty()) text.plain(": " + capability.decision_comment);
  return text;
}

}  // namespace

std::string capability_outcome(const std::string& status) {
  if (status == "accepted") return "Accepted";
  if (status == "change") return "Change requested";
  if (status == "out_of_scope") return "Out of scope";
  if (status == "draft") return "Draft, not submitted";
  return "Awaiting a decision";
}

std::vector<store::Scenario> uncovered_scenarios(Context& context, std::int64_t objective_id) {
  std::vector<std::int64_t> covered;
  for (const auto& capability : store::Capabilities(context.db).for_objective(objective_id)) {
    if (capability.status != "accepted") continue;
    covered.insert(covered.end(), capability.scenario_ids.begin(), capability.scenario_ids.end());
  }
  std::vector<store::Scenario> uncovered;
  for (const auto& scenario : store::Scenarios(context.db).for_objective(objective_id)) {
    if (scenario.rank > kTopScenarios) break;
    if (std::find(covered.begin(), covered.end(), scenario.id) == covered.end()) {
      uncovered.push_back(scenario);
    }
  }
  return uncovered;
}

std::string proposal_card_key(Context& context, const store::Objective& objective, int version) {
  return "proposal-" + object_id("O", objective.number) + "-v" + std::to_string(version) + "@" +
         std::to_string(context.bound_project().id);
}

Message proposal_card(Context& context, const store::Objective& objective, int version,
                      bool superseded) {
  const auto oid = object_id("O", objective.number);
  Message message;
  message.title = "Proposal for " + oid + " (v" + std::to_string(version) + ")";
  message.summary = message.title + ": " + objective.title;
  message.sections.push_back(paragraph(
      Text()
          .strong(objective.title)
          .plain(superseded
                     ? " \xE2\x80\x94 superseded by a newer version; decide on the latest card."
                     : " \xE2\x80\x94 accept each capability, ask for a change, or mark it out of "
                       "scope.")));
  const auto suffix = project_option(context.bound_project());
  for (const auto& capability : store::Capabilities(context.db).for_objective(objective.id)) {
    if (capability.status == "draft") continue;
    const auto id = object_id("C", capability.number);
    std::vector<Field> fields = {Field{"Covers", Text(covers_text(context, capability))},
                                 Field{"Decision", decision_text(context, capability)}};
    if (capability.size_hours)
      fields.push_back(Field{"Size", Text(hours_text(*capability.size_hours))});
    message.sections.push_back(
        paragraph(Text().code(id).plain(" " + capability.title), std::move(fields)));
    if (capability.status != "proposed" || superseded) continue;
    // "proposal decide C-2 accept project=1"
    const auto decide = [&](std::string_view verdict) {
      std::string command = "proposal decide ";
      command.append(id).append(" ").append(verdict).append(suffix);
      return command;
    };
    auto accept = command_button("Accept " + id, decide("accept"));
    accept.style = ButtonStyle::primary;
    message.buttons.push_back(accept);
    message.buttons.push_back(command_button("Change " + id, decide("change")));
    message.buttons.push_back(command_button("Out of scope " + id, decide("out")));
  }
  const auto uncovered = uncovered_scenarios(context, objective.id);
  Text coverage(uncovered.empty() ? "Coverage: every top-five scenario has an accepted capability."
                                  : "Not yet covered by an accepted capability:");
  for (std::size_t i = 0; i < uncovered.size(); ++i) {
    const auto& scenario = uncovered[i];
    coverage.plain(i == 0 ? " " : "; ")
        .code(object_id("S", scenario.number))
        .plain(" " + scenario.title + " (rank " + std::to_string(scenario.rank) + ")");
  }
  if (!uncovered.empty()) coverage.plain(".");
  message.sections.push_back(paragraph(std::move(coverage)));
  return message;
}

}  // namespace accord::commands
