// Host name lookups with a deadline. getaddrinfo cannot be cancelled, so a lookup runs on a
// thread of its own and the caller stops waiting at the deadline; an abandoned lookup ends on its
// own later, and only a few may be left running at once.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

namespace accord::bot::http {

using Endpoints = std::vector<boost::asio::ip::tcp::endpoint>;
// A blocking lookup: the endpoints of host:port, or a ClientError.
using Lookup = std::function<Endpoints(const std::string& host, const std::string& port)>;

// The system resolver (getaddrinfo).
Endpoints system_lookup(const std::string& host, const std::string& port);

// host:port's endpoints within `timeout`; an IP address needs no lookup. Throws ClientError
// naming the host when the lookup fails, takes too long or too many are still running.
Endpoints resolve_within(const std::string& host, const std::string& port,
                         std::chrono::milliseconds timeout, const Lookup& lookup = system_lookup);

}  // namespace accord::bot::http
