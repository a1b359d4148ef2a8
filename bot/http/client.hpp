// An HTTPS (and plain HTTP, for local tests) client for outbound calls. It verifies the peer
// against the system CA store plus an optional extra CA file, sends SNI, checks the host name,
// bounds every step with a timeout and keeps one connection per origin for reuse.
// Not thread-safe: each thread that calls out owns its own client.
#pragma once

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accord::bot::http {

struct ClientOptions {
  std::string extra_ca_file;
  std::chrono::seconds timeout{10};
  std::size_t response_limit = 8 * 1024 * 1024;
  // Certificates trusted as they are, though none is a CA's root: what a local server is
  // configured with (its own chain, self-signed or not). Empty: none.
  std::string pinned_certificates_file;
  // The name the server's certificate must carry, also sent as SNI. Empty: the URL's host.
  std::string server_name;
};

struct ClientRequest {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string_view header(std::string_view name) const;
};

// A call that did not produce an HTTP response (bad URL, DNS, connect, TLS, timeout).
// The message names the host and the step, never headers or bodies.
class ClientError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The TLS handshake failed because the server's certificate is not trusted or not for the name.
class CertificateError : public ClientError {
 public:
  using ClientError::ClientError;
};

class HttpClient {
 public:
  explicit HttpClient(ClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  ClientResponse perform(const ClientRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace accord::bot::http
