#include "bot/http/message.hpp"

#include <strings.h>

namespace accord::bot::http {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string Request::path() const {
  const auto query = target.find('?');
  return query == std::string::npos ? target : target.substr(0, query);
}

std::string Request::client_address(bool behind_proxy) const {
  std::string_view forwarded = behind_proxy ? header("X-Forwarded-For") : std::string_view{};
  if (forwarded.empty()) return peer_address;
  if (const auto comma = forwarded.rfind(','); comma != std::string_view::npos)
    forwarded.remove_prefix(comma + 1);
  while (!forwarded.empty() && forwarded.front() == ' ') forwarded.remove_prefix(1);
  while (!forwarded.empty() && forwarded.back() == ' ') forwarded.remove_suffix(1);
  return forwarded.empty() ? peer_address : std::string(forwarded.substr(0, 64));
}

std::string_view Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) return value;
  }
  return {};
}

std::size_t Request::header_count(std::string_view name) const {
  std::size_t count = 0;
  for (const auto& header : headers) count += same_name(header.first, name) ? 1 : 0;
  return count;
}

Response Response::text(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response Response::json(int status, std::string body) {
  Response response;
  response.status = status;
  response.content_type = "application/json; charset=utf-8";
  response.body = std::move(body);
  return response;
}

Response Response::empty(int status) {
  Response response;
  response.status = status;
  response.content_type.clear();
  return response;
}

}  // namespace accord::bot::http
