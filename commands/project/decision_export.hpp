// The decision log as files: CSV for spreadsheets, Markdown to append to a statement of work.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/decision_log.hpp"
#include "store/projects.hpp"

namespace accord::commands {

// One CSV field, quoted as RFC 4180 requires (commas, quotes, line breaks); a leading = + - @
// gets an apostrophe so a spreadsheet shows it as text instead of running it as a formula.
std::string csv_field(std::string_view value);

// A header row, then one row per decision in the order given; CRLF line ends.
std::string decisions_csv(const std::vector<store::Decision>& decisions);

// "Decisions — <project> — exported <date>": the approvals of the period first (actions naming
// approve or accept), then every decision, oldest first as given.
std::string decisions_markdown(const store::Project& project, store::Timestamp exported_at,
                               const std::vector<store::Decision>& decisions);

// A before/after value in a few words: JSON objects and lists flattened, long text cut.
std::string short_value(const std::string& value, std::size_t max_characters = 80);

}  // namespace accord::commands
