#include "bot/local_server.hpp"

namespace accord::bot {

std::string local_server_url(const config::Settings& settings) {
  std::string host = settings.server.host;
  if (host == "0.0.0.0" || host == "::") host = "127.0.0.1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return std::string(settings.server.tls ? "https://" : "http://") + host + ":" +
         std::to_string(settings.server.port);
}

std::string local_server_ca_file(const config::Settings& settings) {
  return settings.server.tls ? settings.cert_path() : std::string();
}

}  // namespace accord::bot
