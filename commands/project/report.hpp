// `report`: where the project stands, for anyone on it (DESIGN §3.9): the approved roadmap with
// progress and dates against the baseline, the running sprint against its ideal burn-down, what
// waits on the customer and for how long, releases and the next demo, and the open problem
// reports the reader may see (only those: a count reveals nothing hidden from them).
#pragma once

#include "commands/core/context.hpp"
#include "commands/project/report_charts.hpp"

namespace accord::commands {

// The report as `user` may read it, with the charts drawn for it (when there is a public URL).
Message status_report(Context& context, const std::string& user, const ReportCharts& pictures = {});
Reply report_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
