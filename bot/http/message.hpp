// Plain HTTP request/response values passed between the server and the route handlers, so that
// handlers (and their tests) never depend on Beast.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accord::bot::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query as sent
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string request_id;      // assigned by the server, for logs
  bool peer_loopback = false;  // the connection came from this machine (127.0.0.0/8, ::1)
  std::string peer_address;    // the connection's remote IP address, as text

  std::string path() const;
  // Who sent the request, for per-client limits: the peer's address, or behind a reverse proxy
  // (`behind_proxy`) the address the proxy appended last to X-Forwarded-For, which the client
  // cannot forge (what it sent itself comes before).
  std::string client_address(bool behind_proxy) const;
  // The header's value, or empty; names compare case-insensitively.
  std::string_view header(std::string_view name) const;
  std::size_t header_count(std::string_view name) const;
};

// The route label of a request no route matched.
inline constexpr std::string_view kUnmatchedRoute = "other";

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // The route pattern that answered, e.g. "/exports/*", for logs and metrics (never the raw
  // path); points into the Router, which outlives the server. Empty: no route matched.
  std::string_view route;
  // Set by a route whose answer needs slow work (an outbound call): the server runs it on a
  // thread of its own, keeping the request threads free, and sends the response it returns
  // (with this response's route). Nothing else of this response is sent.
  std::function<Response()> deferred;

  static Response text(int status, std::string body);
  static Response json(int status, std::string body);
  static Response empty(int status = 200);
};

}  // namespace accord::bot::http
