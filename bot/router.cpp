#include "bot/router.hpp"

#include <algorithm>

namespace accord::bot {

void Router::add(const std::string& method, const std::string& path, Route route) {
  auto& entry = routes_[path];
  entry.pattern = path;
  entry.methods[method] = std::move(route);
}

void Router::add_prefix(const std::string& method, const std::string& prefix, Route route) {
  auto& entry = prefixes_[prefix];
  entry.pattern = prefix + "*";
  entry.methods[method] = std::move(route);
}

std::vector<std::string> Router::patterns() const {
  std::vector<std::string> all;
  for (const auto& [path, entry] : routes_) all.push_back(entry.pattern);
  for (const auto& [prefix, entry] : prefixes_) all.push_back(entry.pattern);
  return all;
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
  const Entry& entry = by_path->second;
  const auto by_method = entry.methods.find(request.method);
  if (by_method == entry.methods.end()) {
    std::string allowed;
    for (const auto& [method, route] : entry.methods) {
      allowed += (allowed.empty() ? "" : ", ") + method;
    }
    auto response = http::Response::text(405, "method not allowed; use " + allowed + "\n");
    response.headers.emplace_back("Allow", allowed);
    response.route = entry.pattern;
    return response;
  }
  auto response = by_method->second(request);
  response.route = entry.pattern;
  return response;
}

}  // namespace accord::bot
