#include "bot/http/session.hpp"

namespace accord::bot::http::detail {

bool is_parse_error(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

Request to_request(bhttp::request<bhttp::string_body>& message) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  return request;
}

std::optional<net::ip::address> peer_of(beast::tcp_stream& stream) {
  error_code peer_error;
  const auto peer = stream.socket().remote_endpoint(peer_error);
  if (peer_error) return std::nullopt;
  auto address = peer.address();
  // An IPv4 client of a dual-stack listener shows as ::ffff:127.0.0.1.
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
  return address;
}

std::shared_ptr<bhttp::response<bhttp::string_body>> make_message(Response response,
                                                                  bool keep_alive,
                                                                  const std::string& request_id,
                                                                  unsigned version) {
  auto message = std::make_shared<bhttp::response<bhttp::string_body>>(
      static_cast<bhttp::status>(response.status), version);
  message->set(bhttp::field::server, "accord");
  if (!response.content_type.empty())
    message->set(bhttp::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) message->set(name, value);
  message->set("X-Request-Id", request_id);
  message->body() = std::move(response.body);
  message->keep_alive(keep_alive);
  message->prepare_payload();
  return message;
}

}  // namespace accord::bot::http::detail
