// Accord's configuration: one plain struct with the embedded defaults, loaded from TOML and then
// overridden from the environment. Every limit and timeout the server uses is named here.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace accord::config {

using std::chrono::seconds;

struct ServerSettings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8443;
  bool tls = true;
  std::string cert_file;  // empty: <data_dir>/tls/cert.pem, generated on first start
  std::string key_file;   // empty: <data_dir>/tls/key.pem
  int threads = 2;
  std::size_t body_limit = 1024 * 1024;
  std::size_t header_limit = 16 * 1024;
  seconds handshake_timeout{10};
  seconds header_timeout{10};
  seconds body_timeout{30};
  seconds write_timeout{10};
  seconds idle_timeout{60};
  seconds shutdown_grace{10};
  // Connections held at once (each holds buffers and TLS state). Beyond, a newcomer takes the
  // place of the oldest connection still waiting on its client; see server.hpp.
  std::size_t max_connections = 1000;
  // The address people and Slack reach Accord at, for links it hands out (downloads). Empty:
  // derived from the listen address.
  std::string public_url;
  // GET /metrics (Prometheus text). It holds no secrets; metrics_local_only serves it only to
  // clients on this machine that did not come through a proxy.
  bool metrics = true;
  bool metrics_local_only = false;
};

struct SlackSettings {
  std::string signing_secret;  // empty: a development secret is generated in the data directory
  std::string bot_token;       // single-workspace mode
  std::string api_base = "https://slack.com/api";
  seconds signature_window{300};
  // OAuth v2 install into any workspace (both set: OAuth mode, and bot_token is not used).
  std::string client_id;
  std::string client_secret;
  std::string oauth_base = "https://slack.com";  // where installers are sent to authorize
  std::string scopes = "commands,chat:write,users:read,im:write";
  seconds install_state_ttl{600};     // how long an "Add to Slack" link may take to come back
  int install_links_per_client = 10;  // links outstanding at once for one client address
  seconds token_refresh_margin{300};  // rotating tokens are refreshed this long before expiry
  // 64 hex characters: the AES-256 key that encrypts stored tokens. From ACCORD_SECRET_KEY only,
  // never from the file.
  std::string secret_key;

  bool oauth_enabled() const { return !client_id.empty() || !client_secret.empty(); }
};

// Microsoft Teams through the Bot Framework (reference/teams.md). Enabled by an app id.
struct TeamsSettings {
  std::string app_id;        // the Azure Bot's Microsoft App ID (a GUID): tokens' audience
  std::string app_password;  // its client secret, for the Connector token; never logged
  // The app's Entra tenant: single-tenant token URL. Empty: the legacy multi-tenant
  // "botframework.com" authority.
  std::string tenant_id;
  std::string openid_metadata_url =
      "https://login.botframework.com/v1/.well-known/openidconfiguration";
  // Empty: https://login.microsoftonline.com/<tenant_id or botframework.com>/oauth2/v2.0/token
  std::string token_url;
  // Hosts (host or host:port, exact) whose serviceUrls may receive the bot's token.
  std::vector<std::string> service_url_hosts{
      "smba.trafficmanager.net", "smba.infra.gcc.teams.microsoft.com",
      "smba.infra.gov.teams.microsoft.us", "smba.infra.dod.teams.microsoft.us"};

  // Local mode for Microsoft's Agents Playground (README, "Try the Teams side without a tenant"):
  // activities without a token are accepted, and answers sent without one, but only from and to a
  // loopback serviceUrl. validate() refuses it unless Accord listens on loopback only and no app
  // password is configured, so it cannot be left on for a real deployment.
  bool playground = false;

  bool enabled() const { return !app_id.empty() || playground; }
  // The app id tokens are checked for; in playground mode without one, a fixed local name.
  std::string effective_app_id() const { return app_id.empty() ? "accord-playground" : app_id; }
  std::string effective_token_url() const;
};

struct StorageSettings {
  std::string data_dir = "data";
  // postgresql://… runs on PostgreSQL (ACCORD_DATABASE_URL); empty: SQLite in data_dir.
  std::string url;
  int busy_timeout_ms = 5000;
  seconds event_dedupe_retention{24 * 3600};
};

struct OutboxSettings {
  int max_attempts = 8;
  seconds initial_backoff{2};
  seconds max_backoff{600};
  seconds poll_interval{1};
  std::chrono::milliseconds per_channel_interval{1000};
  seconds request_timeout{10};
  std::string extra_ca_file;  // extra trusted CAs for outbound HTTPS, beside the system store
};

struct LogSettings {
  std::string level = "info";   // trace, debug, info, warn, error
  std::string format = "text";  // text or json
};

struct Settings {
  ServerSettings server;
  SlackSettings slack;
  TeamsSettings teams;
  StorageSettings storage;
  OutboxSettings outbox;
  LogSettings log;

  // The SQLite file in data_dir (backups, restore and the lock are about this file).
  std::string database_path() const;
  // What the store opens: storage.url when set, else database_path().
  std::string database_location() const;
  // The same for messages and logs: a URL's password is never shown.
  std::string database_name() const;
  std::string cert_path() const;
  std::string key_path() const;
  // public_url, or scheme://host:port of the listen address; never ends with '/'.
  std::string effective_public_url() const;
};

// A configuration that cannot be used, with a message that says what to change.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a TOML file over the defaults. Unknown keys and wrong types are errors that name the key.
Settings load_file(const std::string& path);

// Same, from TOML text (the file name is only used in messages).
Settings load_text(const std::string& text, const std::string& source_name);

using EnvLookup = std::function<const char*(const char*)>;

// Applies the ACCORD_* environment overrides. Throws ConfigError for a malformed value.
void apply_environment(Settings& settings, const EnvLookup& lookup);

// Problems that make the settings unusable (empty when they are fine).
std::vector<std::string> validate(const Settings& settings);

// A human-readable account of the effective settings for `accord check-config`; secrets are shown
// only as set / not set.
std::string describe(const Settings& settings);

// https://..., or http:// to this machine only (localhost, 127.0.0.0/8, [::1]): the test for
// every URL that secrets, tokens or signing keys travel to or come from.
bool is_https_or_loopback_http(const std::string& url);

// http:// or https:// to this machine (localhost, 127.0.0.0/8, [::1]).
bool is_loopback_url(const std::string& url);
// localhost, 127.0.0.0/8 or ::1 (without brackets).
bool is_loopback_host(std::string_view host);

// Parses "host:port" (IPv6 as "[::1]:8443"). Throws ConfigError.
void parse_listen(const std::string& value, std::string& host, std::uint16_t& port);

}  // namespace accord::config
