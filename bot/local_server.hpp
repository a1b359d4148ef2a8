// How the command-line tools (send, healthcheck) reach the server these settings describe, from
// the same machine.
#pragma once

#include <string>

#include "config/settings.hpp"

namespace accord::bot {

// "https://127.0.0.1:8443": the listen address, with a wildcard host replaced by loopback.
std::string local_server_url(const config::Settings& settings);
// The certificate to trust for it: the server's own (self-signed or not) when TLS is on.
std::string local_server_ca_file(const config::Settings& settings);

}  // namespace accord::bot
