#include "commands/charts/chart_data.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace accord::commands::charts {
namespace {

using nlohmann::json;

json optional_value(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json optional_value(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

template <typename T>
std::optional<T> optional_field(const json& object, const char* key) {
  if (!object.contains(key) || object.at(key).is_null()) return std::nullopt;
  return object.at(key).get<T>();
}

BurnDown burn_down_from(const json& data) {
  BurnDown chart;
  chart.title = data.at("title").get<std::string>();
  chart.planned = optional_field<double>(data, "planned");
  for (const auto& day : data.at("days")) {
    chart.days.push_back({day.at("label").get<std::string>(), day.at("ideal").get<double>(),
                          optional_field<double>(day, "remaining"),
                          day.at("scope_changed").get<bool>(), day.at("live").get<bool>()});
  }
  return chart;
}

Timeline timeline_from(const json& data) {
  Timeline chart;
  chart.title = data.at("title").get<std::string>();
  chart.today = data.at("today").get<std::string>();
  for (const auto& item : data.at("items")) {
    chart.items.push_back({item.at("label").get<std::string>(),
                           optional_field<std::string>(item, "baseline"),
                           optional_field<std::string>(item, "current"),
                           item.at("overdue").get<bool>(), item.at("done").get<bool>()});
  }
  return chart;
}

AcceptanceLag lag_from(const json& data) {
  AcceptanceLag chart;
  chart.title = data.at("title").get<std::string>();
  for (const auto& bar : data.at("sprints")) {
    chart.sprints.push_back({bar.at("label").get<std::string>(),
                             bar.at("average_days").get<double>(),
                             bar.at("longest_days").get<double>(), bar.at("count").get<int>()});
  }
  return chart;
}

}  // namespace

json to_json(const BurnDown& chart) {
  json days = json::array();
  for (const auto& day : chart.days) {
    days.push_back({{"label", day.label},
                    {"ideal", day.ideal},
                    {"remaining", optional_value(day.remaining)},
                    {"scope_changed", day.scope_changed},
                    {"live", day.live}});
  }
  return {{"kind", "burn_down"},
          {"title", chart.title},
          {"planned", optional_value(chart.planned)},
          {"days", std::move(days)}};
}

json to_json(const Timeline& chart) {
  json items = json::array();
  for (const auto& item : chart.items) {
    items.push_back({{"label", item.label},
                     {"baseline", optional_value(item.baseline)},
                     {"current", optional_value(item.current)},
                     {"overdue", item.overdue},
                     {"done", item.done}});
  }
  return {{"kind", "timeline"},
          {"title", chart.title},
          {"today", chart.today},
          {"items", std::move(items)}};
}

json to_json(const AcceptanceLag& chart) {
  json sprints = json::array();
  for (const auto& bar : chart.sprints) {
    sprints.push_back({{"label", bar.label},
                       {"average_days", bar.average_days},
                       {"longest_days", bar.longest_days},
                       {"count", bar.count}});
  }
  return {{"kind", "acceptance_lag"}, {"title", chart.title}, {"sprints", std::move(sprints)}};
}

std::string draw(const json& chart, Format format) {
  try {
    const auto kind = chart.at("kind").get<std::string>();
    if (kind == "burn_down") return draw(burn_down_from(chart), format);
    if (kind == "timeline") return draw(timeline_from(chart), format);
    if (kind == "acceptance_lag") return draw(lag_from(chart), format);
  } catch (const json::exception& error) {
    throw std::invalid_argument(std::string("not a chart: ") + error.what());
  }
  throw std::invalid_argument("not a chart: no known kind");
}

}  // namespace accord::commands::charts
