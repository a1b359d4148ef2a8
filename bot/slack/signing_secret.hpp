// The Slack signing secret in effect: the configured one, or a development secret kept in the data
// directory (created on first use) so `serve` and `send` agree without any setup.
#pragma once

#include <string>

#include "config/settings.hpp"

namespace accord::bot::slack {

std::string signing_secret(const config::Settings& settings, bool create_if_missing);

// Where the development secret is kept (named in the warning `serve` logs when it uses one).
std::string dev_secret_path(const config::Settings& settings);

}  // namespace accord::bot::slack
