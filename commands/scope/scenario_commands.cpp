#include "commands/scope/scenario_commands.hpp"

#include <charconv>

#include "commands/core/object_ids.hpp"
#include "commands/scope/scope_objects.hpp"

namespace accord::commands {
namespace {

using store::Role;

constexpr std::string_view kScenarioAddUsage = "scenario add O-n \"Title\" [rank=N]";
constexpr std::string_view kRankUsage = "scenario rank S-n <rank>";
constexpr std::string_view kScenarioListUsage = "scenario list O-n";
constexpr std::size_t kMaxScenarioTitle = 200;

std::optional<Reply> refuse_unless_customer_or_pm(Context& context, std::string_view action) {
  const auto held = requester_roles(context);
  if (holds_any(held, {Role::customer, Role::delegate, Role::pm})) return std::nullopt;
  return private_reply(
      Text("Only the ")
          .strong("customer")
          .plain(", a ")
          .strong("delegate")
          .plain(" or the ")
          .strong("pm")
          .plain(" can " + std::string(action) + ". You are: " + describe_roles(held) + "."));
}

// A rank 1..highest, or what to say.
std::variant<int, Reply> read_rank(std::string_view text, int highest,
                                   std::string_view usage_line) {
  int rank = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), rank);
  if (ec != std::errc() || end != text.data() + text.size() || rank < 1 || rank > highest) {
    return usage(Text("The rank is a number from 1 to " + std::to_string(highest) + "."),
                 usage_line);
  }
  return rank;
}

Text below_the_line(const std::string& id, int rank) {
  return Text()
      .strong(id)
      .plain(" is below the line (rank " + std::to_string(rank) +
             "): only the top five shape the proposal. Re-rank with ")
      .code("/accord scenario rank " + id + " <1-5>")
      .plain(".");
}

// Who crossed the line when a scenario moved into the top five.
void note_pushed_out(Context& context, std::int64_t objective_id, std::int64_t moved, Text& text) {
  for (const auto& other : store::Scenarios(context.db).for_objective(objective_id)) {
    if (other.rank == kTopScenarios + 1 && other.id != moved) {
      text.plain(" ").code(object_id("S", other.number)).plain(" moved below the line.");
    }
  }
}

Reply add_scenario(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"rank", "title"}, kScenarioAddUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_customer_or_pm(context, "add scenarios")) {
    return std::move(*refusal);
  }
  auto found = objective_named(context, word_at(args, 1), kScenarioAddUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& objective = std::get<store::Objective>(found);
  const auto titled = args.options.find("title");
  const auto title = titled != args.options.end() ? titled->second : join_words(args.positional, 2);
  if (title.empty()) return usage(Text("Give the scenario a title."), kScenarioAddUsage);
  if (character_count(title) > kMaxScenarioTitle) {
    return private_reply(Text("The title is too long. Keep it to 200 characters."));
  }
  store::Scenarios scenarios(context.db);
  const int next = scenarios.count(objective.id) + 1;
  int rank = next;
  if (const auto given = args.options.find("rank"); given != args.options.end()) {
    auto read = read_rank(given->second, next, kScenarioAddUsage);
    if (auto* reply = std::get_if<Reply>(&read)) return std::move(*reply);
    rank = std::get<int>(read);
  }
  store::Scenario scenario;
  scenario.project_id = context.bound_project().id;
  scenario.objective_id = objective.id;
  scenario.title = title;
  scenario.rank = rank;
  scenario.created_by = context.request.user;
  scenario.created_at = context.now;
  const auto stored = scenarios.add(scenario);
  const auto id = object_id("S", stored.number);
  record_decision(
      context, "scenario.add", id, "",
      object_id("O", objective.number) + " rank " + std::to_string(rank) + ": " + title);

  Text text = Text("Scenario ")
                  .strong(id)
                  .plain(" added to " + object_id("O", objective.number) + " at rank " +
                         std::to_string(rank) + ": " + title + ".");
  if (rank > kTopScenarios) {
    text.plain(" ").append(below_the_line(id, rank));
  } else {
    note_pushed_out(context, objective.id, stored.id, text);
  }
  Message message;
  message.summary = "Scenario " + id + " added: " + title;
  message.sections = {paragraph(std::move(text))};
  message.note = Text("Added by ").mention(context.request.user).plain(".");
  return channel_reply(std::move(message));
}

Reply rank_scenario(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kRankUsage)) return std::move(*refusal);
  if (auto refusal = refuse_unless_customer_or_pm(context, "rank scenarios")) {
    return std::move(*refusal);
  }
  auto found = scenario_named(context, word_at(args, 1), kRankUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& scenario = std::get<store::Scenario>(found);
  if (args.positional.size() != 3) return usage(Text("Give the new rank."), kRankUsage);
  store::Scenarios scenarios(context.db);
  auto read =
      read_rank(args.positional[2].text, scenarios.count(scenario.objective_id), kRankUsage);
  if (auto* reply = std::get_if<Reply>(&read)) return std::move(*reply);
  const int rank = std::get<int>(read);
  const auto id = object_id("S", scenario.number);
  if (rank == scenario.rank) {
    return private_reply(
        Text().code(id).plain(" is already at rank " + std::to_string(rank) + "."));
  }
  scenarios.rerank(scenario, rank);
  record_decision(context, "scenario.rank", id, std::to_string(scenario.rank),
                  std::to_string(rank));
  Text text =
      Text().strong(id).plain(" " + scenario.title + ": rank " + std::to_string(scenario.rank) +
                              " \xE2\x86\x92 " + std::to_string(rank) + ".");
  if (rank > kTopScenarios) {
    text.plain(" ").append(below_the_line(id, rank));
  } else if (scenario.rank > kTopScenarios) {
    note_pushed_out(context, scenario.objective_id, scenario.id, text);
  }
  Message message;
  message.summary = id + " re-ranked to " + std::to_string(rank);
  message.sections = {paragraph(std::move(text))};
  message.note = Text("Re-ranked by ").mention(context.request.user).plain(".");
  return channel_reply(std::move(message));
}

Reply list_scenarios(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kScenarioListUsage))
    return std::move(*refusal);
  auto found = objective_named(context, word_at(args, 1), kScenarioListUsage);
  if (auto* reply = std::get_if<Reply>(&found)) return std::move(*reply);
  const auto& objective = std::get<store::Objective>(found);
  const auto scenarios = store::Scenarios(context.db).for_objective(objective.id);
  const auto oid = object_id("O", objective.number);
  if (scenarios.empty()) {
    return private_reply(Text("No scenarios for " + oid + " yet. Add one with ")
                             .code("/accord scenario add " + oid + " \"Title\"")
                             .plain("."));
  }
  Message message;
  message.title = "Scenarios of " + oid + ": " + objective.title;
  for (const auto& scenario : scenarios) {
    if (scenario.rank == kTopScenarios + 1) {
      message.sections.push_back(paragraph(Text().strong("Below the line")));
    }
    message.sections.push_back(paragraph(Text(std::to_string(scenario.rank) + ". ")
                                             .code(object_id("S", scenario.number))
                                             .plain(" " + scenario.title)));
  }
  message.note = Text(
      "Ranks 1\xE2\x80\x93"
      "5 are the top five that shape the proposal.");
  return private_reply(std::move(message));
}

}  // namespace

Reply scenario_command(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "" : lower_ascii(args.positional[0].text);
  if (sub == "add") return add_scenario(context, args);
  if (sub == "rank") return rank_scenario(context, args);
  if (sub == "list") return list_scenarios(context, args);
  return private_reply(Text("Usage: ")
                           .code("/accord " + std::string(kScenarioAddUsage))
                           .plain(", ")
                           .code("/accord " + std::string(kRankUsage))
                           .plain(" or ")
                           .code("/accord " + std::string(kScenarioListUsage))
                           .plain("."));
}

}  // namespace accord::commands
