#include "commands/roadmap/roadmap_view.hpp"

#include <nlohmann/json.hpp>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/roadmap/change_request_card.hpp"
#include "store/capabilities.hpp"
#include "store/change_requests.hpp"
#include "store/roadmap.hpp"

namespace accord::commands {
namespace {

std::string epic_suffix(Context& context, const store::RoadmapItem& item) {
  if (!item.epic_id) return "";
  const auto epic = store::Capabilities(context.db).find_by_id(*item.epic_id);
  return epic ? " (epic " + object_id("C", epic->number) + ")" : "";
}

Text item_line(Context& context, const store::RoadmapItem& item) {
  Text line = Text().code(object_id("R", item.number)).plain(" " + item.title);
  if (item.due_date) line.plain(" \xE2\x80\x94 due " + *item.due_date);
  return line.plain(epic_suffix(context, item));
}

}  // namespace

Reply show_roadmap(Context& context, const CommandLine& args) {
  if (args.positional.size() > 1 || !args.options.empty()) {
    return usage(Text("`roadmap` takes no more words here."), "roadmap");
  }
  const auto& project = context.bound_project();
  store::Roadmap roadmap(context.db);
  const auto items = roadmap.approved(project.id);
  const auto baselines = roadmap.baselines(project.id);
  Message message;
  message.title = "Roadmap of " + project.name;
  message.summary = message.title;
  if (baselines.empty()) {
    message.sections.push_back(paragraph(Text("No approved baseline yet.")));
  } else {
    const auto& latest = baselines.back();
    message.sections.push_back(
        paragraph(Text("Approved baseline ")
                      .strong("v" + std::to_string(latest.version))
                      .plain(", approved by ")
                      .mention(latest.approved_by)
                      .plain(" on " + local_time(context, latest.approved_at) + ".")));
  }
  if (items.empty() && !baselines.empty()) {
    message.sections.push_back(paragraph(Text("The approved roadmap has no items.")));
  }
  bool unscheduled_heading = false;
  for (const auto& item : items) {
    if (!item.due_date && !unscheduled_heading) {
      message.sections.push_back(paragraph(Text().strong("Unscheduled")));
      unscheduled_heading = true;
    }
    message.sections.push_back(paragraph(item_line(context, item)));
  }
  const auto pending = store::ChangeRequests(context.db).pending(project.id);
  if (!pending.empty()) {
    message.sections.push_back(paragraph(
        Text().strong("Proposed, awaiting the customer's decision (not in the baseline)")));
  }
  for (const auto& request : pending) {
    message.sections.push_back(
        paragraph(Text()
                      .code(object_id("CR", request.number))
                      .plain(" ")
                      .append(describe_change(context, request))
                      .plain(" \xE2\x80\x94 proposed by ")
                      .mention(request.proposed_by)
                      .plain(", waiting " + describe_age(request.proposed_at, context.now))));
  }
  if (items.empty() && pending.empty()) {
    message.sections.push_back(paragraph(Text("The roadmap is empty. The pm or a lead proposes "
                                              "items with ")
                                             .code("/accord roadmap add \"Title\" due=YYYY-MM-DD "
                                                   "reason=\"...\"")
                                             .plain(".")));
  }
  return private_reply(std::move(message));
}

Reply show_roadmap_history(Context& context, const CommandLine& args) {
  if (args.positional.size() > 1 || !args.options.empty()) {
    return usage(Text("`roadmap history` takes nothing more."), "roadmap history");
  }
  const auto baselines = store::Roadmap(context.db).baselines(context.bound_project().id);
  if (baselines.empty()) {
    return private_reply(Text("No baseline yet: the first approved roadmap change creates v1."));
  }
  Message message;
  message.title = "Roadmap baselines";
  for (const auto& baseline : baselines) {
    const auto snapshot = nlohmann::json::parse(baseline.snapshot);
    message.sections.push_back(
        paragraph(Text()
                      .strong("v" + std::to_string(baseline.version))
                      .plain(" \xE2\x80\x94 ")
                      .code(snapshot.value("source", std::string("?")))
                      .plain(" " + snapshot.value("change", std::string()) + ", approved by ")
                      .mention(baseline.approved_by)
                      .plain(" on " + local_time(context, baseline.approved_at) + "; " +
                             std::to_string(snapshot["items"].size()) + " items.")));
  }
  return private_reply(std::move(message));
}

int create_baseline(Context& context, std::optional<std::int64_t> change_request_id,
                    const std::string& source, const std::string& change) {
  store::Roadmap roadmap(context.db);
  const auto& project = context.bound_project();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : roadmap.approved(project.id)) {
    items.push_back({{"id", object_id("R", item.number)},
                     {"title", item.title},
                     {"due", item.due_date ? nlohmann::json(*item.due_date) : nlohmann::json()}});
  }
  const nlohmann::json snapshot = {{"source", source}, {"change", change}, {"items", items}};
  const int version = roadmap.add_baseline(project.id, change_request_id, context.request.user,
                                           context.now, snapshot.dump());
  record_decision(context, "roadmap.baseline", "v" + std::to_string(version), "", snapshot.dump());
  return version;
}

}  // namespace accord::commands
