// `accord serve`: the HTTPS server with everything behind it, until SIGINT or SIGTERM.
#pragma once

#include "config/settings.hpp"

namespace accord::bot {

int serve(const config::Settings& settings);

}  // namespace accord::bot
