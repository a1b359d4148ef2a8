// The `accord` subcommands: serve, check-config, migrate and send, each taking the effective
// settings (defaults, then the TOML file, then the environment).
#pragma once

#include <string>

#include "config/settings.hpp"

namespace accord::bot {

int serve(const config::Settings& settings);
int migrate(const config::Settings& settings);

struct SendOptions {
  std::string user = "U1";
  std::string channel = "C1";
  std::string team = "T1";
  std::string text;  // "/accord help" or just "help"
  // The name the server's certificate is checked for, when it is not the listen address.
  std::string server_name;
};
int send(const config::Settings& settings, const SendOptions& options);

// The signing secret in effect: the configured one, or a development secret kept in the data
// directory (created on first use) so `serve` and `send` agree without any setup.
std::string signing_secret(const config::Settings& settings, bool create_if_missing);

}  // namespace accord::bot
