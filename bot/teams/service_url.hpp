// Which serviceUrls the bot may send its Connector token to (reference/teams.md §3.6): an exact
// host allowlist, never a suffix match, since anyone can register a name under trafficmanager.net.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace accord::bot::teams {

// Whether `url` is an absolute https URL (http only for a loopback host, for tests) without
// userinfo, whose host or host:port is one of `allowed_hosts`, compared case-insensitively.
// An entry without a port allows the scheme's default port only.
bool is_allowed_service_url(std::string_view url, const std::vector<std::string>& allowed_hosts);

}  // namespace accord::bot::teams
