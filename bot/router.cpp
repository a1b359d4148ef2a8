#include "bot/router.hpp"

#include <algorithm>

namespace accord::bot {

void Router::add(const std::string& method, const std::string& path, Route route) {
  routes_[path][method] = std::move(route);
}

void Router::add_prefix(const std::string& method, const std::string& prefix, Route route) {
  prefixes_[prefix][method] = std::move(route);
}

http::Response Router::handle(const http::Request& request) const {
  const std::string path = request.path();
  auto by_path = routes_.find(path);
  if (by_path == routes_.end()) {
    by_path = std::find_if(prefixes_.begin(), prefixes_.end(), [&](const auto& entry) {
      return path.size() > entry.first.size() && path.rfind(entry.first, 0) == 0;
    });
    if (by_path == prefixes_.end()) return http::Response::text(404, "not found\n");
  }
  const auto by_method = by_path->second.find(request.method);
  if (by_method == by_path->second.end()) {
    std::string allowed;
    for (const auto& [method, route] : by_path->second) {
      allowed += (allowed.empty() ? "" : ", ") + method;
    }
    auto response = http::Response::text(405, "method not allowed; use " + allowed + "\n");
    response.headers.emplace_back("Allow", allowed);
    return response;
  }
  return by_method->second(request);
}

}  // namespace accord::bot
