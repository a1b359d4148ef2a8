// A chart's data as JSON, so a report stores what to draw (cheap, in the command's transaction)
// and the picture is drawn when a platform fetches it, off the request path.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "commands/charts/charts.hpp"

namespace accord::commands::charts {

nlohmann::json to_json(const BurnDown& chart);
nlohmann::json to_json(const Timeline& chart);
nlohmann::json to_json(const AcceptanceLag& chart);

// The chart the JSON describes, drawn; throws std::invalid_argument on JSON that is no chart.
std::string draw(const nlohmann::json& chart, Format format);

}  // namespace accord::commands::charts
