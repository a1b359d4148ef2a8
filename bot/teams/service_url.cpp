#include "bot/teams/service_url.hpp"

#include <algorithm>
#include <cctype>

#include <boost/url/parse.hpp>

namespace accord::bot::teams {
namespace {

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

}  // namespace

bool is_allowed_service_url(std::string_view url, const std::vector<std::string>& allowed_hosts) {
  const auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || parsed->has_userinfo()) return false;
  const std::string host = lowercase(parsed->encoded_host());
  if (host.empty()) return false;

  const std::string scheme = lowercase(parsed->scheme());
  std::string default_port;
  if (scheme == "https") {
    default_port = "443";
  } else if (scheme == "http" && is_loopback(host)) {
    default_port = "80";
  } else {
    return false;
  }
  const std::string port =
      parsed->has_port() && !parsed->port().empty() ? std::string(parsed->port()) : default_port;

  for (const auto& entry : allowed_hosts) {
    const std::string allowed = lowercase(entry);
    // "host:port", "[v6]:port", or a bare host ("[v6]" has colons but no port).
    const auto colon = allowed.rfind(':');
    const bool has_port =
        colon != std::string::npos && allowed.find(']', colon) == std::string::npos;
    const std::string allowed_host = has_port ? allowed.substr(0, colon) : allowed;
    const std::string allowed_port = has_port ? allowed.substr(colon + 1) : default_port;
    if (allowed_host == host && allowed_port == port) return true;
  }
  return false;
}

}  // namespace accord::bot::teams
