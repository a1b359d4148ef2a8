#include "bot/local_server.hpp"

namespace accord::bot {

std::string local_server_url(const config::Settings& settings) {
  std::string host = settings.server.host;
  if (host == "0.0.0.0" || host == "::") host = "127.0.0.1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return std::string(settings.server.tls ? "https://" : "http://") + host + ":" +
         std::to_string(settings.server.port);
}

http::ClientOptions local_server_client(const config::Settings& settings,
                                        std::chrono::seconds timeout,
                                        const std::string& server_name) {
  http::ClientOptions options;
  options.extra_ca_file = settings.outbox.extra_ca_file;
  options.timeout = timeout;
  if (settings.server.tls) options.pinned_certificates_file = settings.cert_path();
  options.server_name = server_name;
  return options;
}

}  // namespace accord::bot
