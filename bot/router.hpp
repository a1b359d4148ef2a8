// The route table: method + path to handler. Unknown paths get 404 and known paths with the
// wrong method 405, each logged by the server like any other request.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "bot/http/message.hpp"

namespace accord::bot {

class Router {
 public:
  using Route = std::function<http::Response(const http::Request&)>;

  void add(const std::string& method, const std::string& path, Route route);
  // A route for every path under `prefix` (which ends with '/'), e.g. "/exports/".
  void add_prefix(const std::string& method, const std::string& prefix, Route route);
  // Sets the response's route to the pattern that matched ("/exports/*" for a prefix).
  http::Response handle(const http::Request& request) const;
  // Every route pattern, as handle() names them.
  std::vector<std::string> patterns() const;

 private:
  struct Entry {
    std::string pattern;
    std::map<std::string, Route> methods;
  };
  std::map<std::string, Entry> routes_;    // path -> its routes
  std::map<std::string, Entry> prefixes_;  // prefix -> its routes
};

}  // namespace accord::bot
