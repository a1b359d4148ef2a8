// The route table: method + path to handler. Unknown paths get 404 and known paths with the
// wrong method 405, each logged by the server like any other request.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "bot/http/message.hpp"

namespace accord::bot {

class Router {
 public:
  using Route = std::function<http::Response(const http::Request&)>;

  void add(const std::string& method, const std::string& path, Route route);
  // A route for every path under `prefix` (which ends with '/'), e.g. "/exports/".
  void add_prefix(const std::string& method, const std::string& prefix, Route route);
  http::Response handle(const http::Request& request) const;

 private:
  std::map<std::string, std::map<std::string, Route>> routes_;    // path -> method -> route
  std::map<std::string, std::map<std::string, Route>> prefixes_;  // prefix -> method -> route
};

}  // namespace accord::bot
