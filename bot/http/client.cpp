#include "bot/http/client.hpp"

#include <map>
#include <optional>

#include <strings.h>

#include <openssl/ssl.h>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include "bot/http/resolve.hpp"

namespace accord::bot::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

struct Target {
  bool tls = true;
  std::string host;
  std::string port;
  std::string path;  // path and query

  std::string origin() const { return (tls ? "https://" : "http://") + host + ":" + port; }
  // host[:port] as the Host header wants it: IPv6 in brackets, the port unless it is the default.
  std::string host_header() const {
    std::string value = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port != (tls ? "443" : "80")) value += ":" + port;
    return value;
  }
};

Target parse_target(const std::string& url) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed) throw ClientError("invalid URL");
  Target target;
  const std::string scheme(parsed->scheme());
  if (scheme != "https" && scheme != "http")
    throw ClientError("unsupported URL scheme '" + scheme + "'");
  target.tls = scheme == "https";
  target.host = std::string(parsed->encoded_host_address());
  if (target.host.size() > 2 && target.host.front() == '[') {
    target.host = target.host.substr(1, target.host.size() - 2);
  }
  if (target.host.empty()) throw ClientError("URL without a host");
  target.port = parsed->has_port() ? std::string(parsed->port()) : (target.tls ? "443" : "80");
  target.path = std::string(parsed->encoded_path());
  if (target.path.empty()) target.path = "/";
  if (parsed->has_query()) target.path += "?" + std::string(parsed->encoded_query());
  return target;
}

bool is_ip_address(const std::string& host) {
  error_code ec;
  net::ip::make_address(host, ec);
  return !ec;
}

// One kept-alive connection to one origin.
struct Connection {
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  beast::flat_buffer buffer;
  bool reused = false;

  beast::tcp_stream& lowest() { return plain ? *plain : beast::get_lowest_layer(*secure); }
};

}  // namespace

std::string_view ClientResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), key.size()) == 0) {
      return value;
    }
  }
  return {};
}

struct HttpClient::Impl {
  explicit Impl(ClientOptions client_options)
      : options(std::move(client_options)), tls(ssl::context::tls_client) {
    tls.set_verify_mode(ssl::verify_peer);
    tls.set_default_verify_paths();
    SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
    if (!options.extra_ca_file.empty()) {
      try {
        tls.load_verify_file(options.extra_ca_file);
      } catch (const std::exception& error) {
        throw ClientError("cannot load the extra CA file '" + options.extra_ca_file +
                          "': " + error.what());
      }
    }
    if (!options.pinned_certificates_file.empty()) {
      try {
        tls.load_verify_file(options.pinned_certificates_file);
      } catch (const std::exception& error) {
        throw ClientError("cannot load the certificate '" + options.pinned_certificates_file +
                          "': " + error.what());
      }
      // A trusted certificate ends the chain even when it is not a self-signed root.
      X509_STORE_set_flags(SSL_CTX_get_cert_store(tls.native_handle()), X509_V_FLAG_PARTIAL_CHAIN);
    }
  }

  // Runs one asynchronous operation to completion under the client's timeout.
  template <typename Start>
  error_code run(Connection* connection, Start&& start) {
    error_code result;
    if (connection) connection->lowest().expires_after(options.timeout);
    start([&result](error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  std::unique_ptr<Connection> connect(const Target& target) {
    auto connection = std::make_unique<Connection>();
    const auto endpoints =
        resolve_within(target.host, target.port,
                       std::chrono::duration_cast<std::chrono::milliseconds>(options.timeout));
    error_code ec;

    if (!target.tls) {
      connection->plain.emplace(ioc);
    } else {
      connection->secure.emplace(ioc, tls);
      auto* handle = connection->secure->native_handle();
      const std::string& name = options.server_name.empty() ? target.host : options.server_name;
      if (!is_ip_address(name)) SSL_set_tlsext_host_name(handle, name.c_str());
      connection->secure->set_verify_callback(ssl::host_name_verification(name));
    }
    ec = run(connection.get(), [&](auto handler) {
      connection->lowest().async_connect(
          endpoints, [handler](error_code e, const auto&) mutable { handler(e); });
    });
    if (ec) throw ClientError("cannot connect to " + target.origin() + ": " + ec.message());
    if (target.tls) {
      ec = run(connection.get(), [&](auto handler) {
        connection->secure->async_handshake(ssl::stream_base::client, handler);
      });
      if (ec) {
        const std::string message =
            "TLS handshake with " + target.origin() + " failed: " + ec.message();
        if (SSL_get_verify_result(connection->secure->native_handle()) != X509_V_OK)
          throw CertificateError(message);
        throw ClientError(message);
      }
    }
    return connection;
  }

  // Sends the request on the connection; nullopt if the connection turned out to be stale.
  std::optional<ClientResponse> exchange(Connection& connection, const Target& target,
                                         const ClientRequest& request) {
    bhttp::request<bhttp::string_body> message(bhttp::string_to_verb(request.method), target.path,
                                               11);
    message.set(bhttp::field::host, target.host_header());
    message.set(bhttp::field::user_agent, "accord/0.1");
    for (const auto& [name, value] : request.headers) message.set(name, value);
    message.body() = request.body;
    message.keep_alive(true);
    message.prepare_payload();

    auto write = [&](auto handler) {
      if (connection.plain) {
        bhttp::async_write(*connection.plain, message, handler);
      } else {
        bhttp::async_write(*connection.secure, message, handler);
      }
    };
    error_code ec = run(&connection, write);
    if (ec) {
      if (connection.reused) return std::nullopt;
      throw ClientError("cannot send to " + target.origin() + ": " + ec.message());
    }

    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(options.response_limit);
    auto read = [&](auto handler) {
      if (connection.plain) {
        bhttp::async_read(*connection.plain, connection.buffer, parser, handler);
      } else {
        bhttp::async_read(*connection.secure, connection.buffer, parser, handler);
      }
    };
    ec = run(&connection, read);
    if (ec) {
      // A kept-alive connection the server had already closed fails before any response byte.
      if (connection.reused && ec == bhttp::error::end_of_stream) return std::nullopt;
      throw ClientError("no response from " + target.origin() + ": " + ec.message());
    }
    auto& response = parser.get();
    ClientResponse result;
    result.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
      result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    result.body = std::move(response.body());
    if (!response.keep_alive()) connections.erase(target.origin());
    return result;
  }

  ClientOptions options;
  net::io_context ioc;
  ssl::context tls;
  std::map<std::string, std::unique_ptr<Connection>> connections;
};

HttpClient::HttpClient(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

HttpClient::~HttpClient() = default;

ClientResponse HttpClient::perform(const ClientRequest& request) {
  const Target target = parse_target(request.url);
  const std::string origin = target.origin();
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto& slot = impl_->connections[origin];
    if (!slot) {
      try {
        slot = impl_->connect(target);
      } catch (...) {
        impl_->connections.erase(origin);
        throw;
      }
    } else {
      slot->reused = true;
    }
    try {
      auto response = impl_->exchange(*slot, target, request);
      if (response) return *response;
    } catch (...) {
      impl_->connections.erase(origin);
      throw;
    }
    impl_->connections.erase(origin);  // stale: reconnect once
  }
  throw ClientError("connection to " + origin + " keeps closing");
}

}  // namespace accord::bot::http
