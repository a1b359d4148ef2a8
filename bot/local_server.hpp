// How the command-line tools (send, healthcheck) reach the server these settings describe, from
// the same machine.
#pragma once

#include <chrono>
#include <string>

#include "bot/http/client.hpp"
#include "config/settings.hpp"

namespace accord::bot {

// "https://127.0.0.1:8443": the listen address, with a wildcard host replaced by loopback.
std::string local_server_url(const config::Settings& settings);

// A client for it that trusts what the server is configured with (its own certificate chain,
// self-signed or CA-issued), the extra CA file and the system store. `server_name`: the name its
// certificate must carry when that is not the listen address (a certificate for a DNS name).
http::ClientOptions local_server_client(const config::Settings& settings,
                                        std::chrono::seconds timeout,
                                        const std::string& server_name = {});

}  // namespace accord::bot
