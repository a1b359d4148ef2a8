// Environment overrides, validation and the description printed by `accord check-config`.
#include "config/settings.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>
#include <string_view>

namespace accord::config {
namespace {

std::string data_file(const Settings& s, const std::string& name) {
  std::string dir = s.storage.data_dir.empty() ? "." : s.storage.data_dir;
  if (dir.back() != '/') dir += '/';
  return dir + name;
}

bool is_secret_set(const std::string& value) {
  return !value.empty();
}

bool is_hex_key(const std::string& value) {
  return value.size() == 64 &&
         value.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

bool starts_with_https_or_http(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

bool is_loopback_ipv4(std::string_view host) {
  int octets = 0;
  int first = -1;
  std::size_t at = 0;
  while (at <= host.size()) {
    const auto end = std::min(host.find('.', at), host.size());
    unsigned value = 0;
    const auto [stop, error] = std::from_chars(host.data() + at, host.data() + end, value);
    if (error != std::errc{} || stop != host.data() + end || end == at || value > 255) return false;
    if (first < 0) first = static_cast<int>(value);
    ++octets;
    at = end + 1;
  }
  return octets == 4 && first == 127;
}

}  // namespace

namespace {

// The host of an http(s) URL's authority when it is this machine; false for anything malformed
// (a user@ part, a bad port).
bool loopback_authority(std::string_view rest) {
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  // user@host: what precedes '@' is not the host, whatever it looks like.
  if (authority.find('@') != std::string_view::npos) return false;
  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = authority.substr(1, close - 1);
    port = authority.substr(close + 1);
  } else if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon);
  }
  if (!port.empty() && (port.front() != ':' || port.size() == 1 ||
                        port.find_first_not_of("0123456789", 1) != std::string_view::npos))
    return false;
  return is_loopback_host(host);
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  std::string lower(host);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "localhost" || lower == "::1" || is_loopback_ipv4(lower);
}

bool is_https_or_loopback_http(const std::string& url) {
  if (url.rfind("https://", 0) == 0) return true;
  if (url.rfind("http://", 0) != 0) return false;
  return loopback_authority(std::string_view(url).substr(7));
}

bool is_loopback_url(const std::string& url) {
  if (url.rfind("https://", 0) == 0) return loopback_authority(std::string_view(url).substr(8));
  if (url.rfind("http://", 0) == 0) return loopback_authority(std::string_view(url).substr(7));
  return false;
}

namespace {

// "a, b c" -> {"a", "b", "c"}: a list in one environment variable.
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::string current;
  for (const char c : text + ",") {
    if (c == ',' || c == ' ') {
      if (!current.empty()) items.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return items;
}

}  // namespace

std::string Settings::database_path() const {
  return data_file(*this, "accord.db");
}

std::string Settings::database_location() const {
  return storage.url.empty() ? database_path() : storage.url;
}

std::string Settings::database_name() const {
  if (storage.url.empty()) return database_path();
  // postgresql://user:password@host/db → postgresql://user:***@host/db; a password given as a
  // query parameter (?password=…) is hidden the same way.
  std::string shown = storage.url;
  const auto scheme = shown.find("://");
  const auto at = shown.find('@', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme != std::string::npos && at != std::string::npos) {
    const auto colon = shown.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at) shown.replace(colon + 1, at - colon - 1, "***");
  }
  for (auto found = shown.find("password="); found != std::string::npos;
       found = shown.find("password=", found + 1)) {
    const auto end = shown.find('&', found);
    shown.replace(found + 9, (end == std::string::npos ? shown.size() : end) - found - 9, "***");
  }
  return shown;
}
std::string Settings::effective_public_url() const {
  std::string url = server.public_url;
  if (url.empty()) {
    const std::string host =
        server.host.find(':') != std::string::npos ? "[" + server.host + "]" : server.host;
    url =
        std::string(server.tls ? "https://" : "http://") + host + ":" + std::to_string(server.port);
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string Settings::cert_path() const {
  return server.cert_file.empty() ? data_file(*this, "tls/cert.pem") : server.cert_file;
}
std::string Settings::key_path() const {
  return server.key_file.empty() ? data_file(*this, "tls/key.pem") : server.key_file;
}

void parse_listen(const std::string& value, std::string& host, std::uint16_t& port) {
  const auto colon = value.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == value.size()) {
    throw ConfigError("listen address '" + value + "' must be host:port, e.g. 127.0.0.1:8443");
  }
  std::string parsed_host = value.substr(0, colon);
  if (parsed_host.front() == '[' && parsed_host.back() == ']') {
    parsed_host = parsed_host.substr(1, parsed_host.size() - 2);
  }
  const std::string port_text = value.substr(colon + 1);
  unsigned parsed_port = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), parsed_port);
  if (error != std::errc{} || end != port_text.data() + port_text.size() || parsed_port > 65535) {
    throw ConfigError("listen port '" + port_text + "' must be a number from 0 to 65535");
  }
  host = parsed_host;
  port = static_cast<std::uint16_t>(parsed_port);
}

void apply_environment(Settings& s, const EnvLookup& lookup) {
  auto get = [&](const char* name) -> const char* {
    const char* value = lookup(name);
    return (value && *value) ? value : nullptr;
  };
  if (const char* v = get("ACCORD_LISTEN")) parse_listen(v, s.server.host, s.server.port);
  if (const char* v = get("ACCORD_DATA_DIR")) s.storage.data_dir = v;
  if (const char* v = get("ACCORD_DATABASE_URL")) s.storage.url = v;
  if (const char* v = get("ACCORD_TLS")) {
    const std::string value = v;
    if (value == "on") {
      s.server.tls = true;
    } else if (value == "off") {
      s.server.tls = false;
    } else {
      throw ConfigError("ACCORD_TLS must be 'on' or 'off', not '" + value + "'");
    }
  }
  if (const char* v = get("ACCORD_METRICS")) {
    const std::string value = v;
    if (value == "on" || value == "local") {
      s.server.metrics = true;
      s.server.metrics_local_only = value == "local";
    } else if (value == "off") {
      s.server.metrics = false;
    } else {
      throw ConfigError("ACCORD_METRICS must be 'on', 'local' or 'off', not '" + value + "'");
    }
  }
  if (const char* v = get("ACCORD_TLS_CERT")) s.server.cert_file = v;
  if (const char* v = get("ACCORD_TLS_KEY")) s.server.key_file = v;
  if (const char* v = get("ACCORD_SLACK_SIGNING_SECRET")) s.slack.signing_secret = v;
  if (const char* v = get("ACCORD_SLACK_BOT_TOKEN")) s.slack.bot_token = v;
  if (const char* v = get("ACCORD_SLACK_API_BASE")) s.slack.api_base = v;
  if (const char* v = get("ACCORD_SLACK_CLIENT_ID")) s.slack.client_id = v;
  if (const char* v = get("ACCORD_SLACK_CLIENT_SECRET")) s.slack.client_secret = v;
  if (const char* v = get("ACCORD_SLACK_OAUTH_BASE")) s.slack.oauth_base = v;
  if (const char* v = get("ACCORD_SECRET_KEY")) s.slack.secret_key = v;
  if (const char* v = get("ACCORD_TEAMS_APP_ID")) s.teams.app_id = v;
  if (const char* v = get("ACCORD_TEAMS_PLAYGROUND")) {
    const std::string value = v;
    if (value == "on") {
      s.teams.playground = true;
    } else if (value == "off") {
      s.teams.playground = false;
    } else {
      throw ConfigError("ACCORD_TEAMS_PLAYGROUND must be 'on' or 'off', not '" + value + "'");
    }
  }
  if (const char* v = get("ACCORD_TEAMS_APP_PASSWORD")) s.teams.app_password = v;
  if (const char* v = get("ACCORD_TEAMS_TENANT_ID")) s.teams.tenant_id = v;
  if (const char* v = get("ACCORD_TEAMS_OPENID_METADATA_URL")) s.teams.openid_metadata_url = v;
  if (const char* v = get("ACCORD_TEAMS_TOKEN_URL")) s.teams.token_url = v;
  if (const char* v = get("ACCORD_TEAMS_SERVICE_URL_HOSTS")) {
    s.teams.service_url_hosts = split_list(v);
  }
  if (const char* v = get("ACCORD_EXTRA_CA_FILE")) s.outbox.extra_ca_file = v;
  if (const char* v = get("ACCORD_PUBLIC_URL")) s.server.public_url = v;
  if (const char* v = get("ACCORD_LOG_FORMAT")) s.log.format = v;
  if (const char* v = get("ACCORD_LOG_LEVEL")) s.log.level = v;
}

std::vector<std::string> validate(const Settings& s) {
  std::vector<std::string> problems;
  if (s.server.host.empty()) problems.emplace_back("server.listen needs a host");
  if (!is_https_or_loopback_http(s.slack.api_base)) {
    problems.emplace_back(
        "slack.api_base must start with https:// (http:// only to this machine, for a local "
        "test): bot tokens travel there");
  }
  if (!s.server.public_url.empty() && !starts_with_https_or_http(s.server.public_url)) {
    problems.emplace_back("server.public_url must start with https:// (or http://)");
  }
  if (s.log.format != "text" && s.log.format != "json") {
    problems.emplace_back("log.format must be 'text' or 'json', not '" + s.log.format + "'");
  }
  static const char* const kLevels[] = {"trace", "debug", "info", "warn", "error"};
  bool level_known = false;
  for (const char* level : kLevels) level_known = level_known || s.log.level == level;
  if (!level_known) problems.emplace_back("log.level must be trace, debug, info, warn or error");
  if (s.outbox.max_backoff < s.outbox.initial_backoff) {
    problems.emplace_back("outbox.max_backoff must not be shorter than outbox.initial_backoff");
  }
  if (s.storage.data_dir.empty()) problems.emplace_back("storage.data_dir must not be empty");
  if (!s.storage.url.empty() && !s.storage.url.starts_with("postgresql://") &&
      !s.storage.url.starts_with("postgres://")) {
    problems.emplace_back(
        "storage.url (ACCORD_DATABASE_URL) must be a PostgreSQL URL, postgresql://user@host/db; "
        "leave it unset for SQLite in storage.data_dir");
  }
  if (s.slack.oauth_enabled()) {
    if (s.slack.client_id.empty() || s.slack.client_secret.empty()) {
      problems.emplace_back(
          "OAuth install needs both slack.client_id and slack.client_secret "
          "(ACCORD_SLACK_CLIENT_ID, ACCORD_SLACK_CLIENT_SECRET); set neither for single-token "
          "mode");
    }
    if (s.slack.secret_key.empty()) {
      problems.emplace_back(
          "OAuth install stores each workspace's token encrypted and needs ACCORD_SECRET_KEY: 64 "
          "hex characters, e.g. from `openssl rand -hex 32` (single-token mode needs no key)");
    }
    if (!is_https_or_loopback_http(s.slack.oauth_base)) {
      problems.emplace_back(
          "slack.oauth_base must start with https:// (http:// only to this machine, for a local "
          "test)");
    }
    if (s.slack.scopes.empty()) problems.emplace_back("slack.scopes must name the bot scopes");
  }
  if (!s.slack.secret_key.empty() && !is_hex_key(s.slack.secret_key)) {
    problems.emplace_back(
        "ACCORD_SECRET_KEY must be 64 hex characters (32 bytes), e.g. from "
        "`openssl rand -hex 32`");
  }
  if (!s.slack.bot_token.empty() && s.slack.bot_token.rfind("xoxb-", 0) != 0 &&
      s.slack.bot_token.rfind("xoxe.xoxb-", 0) != 0) {
    problems.emplace_back("slack.bot_token should be a bot token (it starts with xoxb-)");
  }
  if (s.teams.playground) {
    // Activities without a token are accepted in this mode: nobody but this machine may send them.
    if (!is_loopback_host(s.server.host)) {
      problems.emplace_back(
          "teams.playground (ACCORD_TEAMS_PLAYGROUND) accepts Teams activities without a token, so "
          "Accord must listen on this machine only: set server.listen / ACCORD_LISTEN to "
          "127.0.0.1:<port>, not " +
          s.server.host);
    }
    if (!s.teams.app_password.empty()) {
      problems.emplace_back(
          "teams.playground (ACCORD_TEAMS_PLAYGROUND) is for trying Accord without a tenant; it "
          "cannot be combined with a Teams app password (real credentials): turn one of them off");
    }
  }
  if (s.teams.enabled() && !s.teams.playground) {
    if (s.teams.app_password.empty()) {
      problems.emplace_back(
          "Teams needs the bot's client secret too (teams.app_password, "
          "ACCORD_TEAMS_APP_PASSWORD)");
    }
    if (!is_https_or_loopback_http(s.teams.openid_metadata_url)) {
      problems.emplace_back(
          "teams.openid_metadata_url must start with https:// (http:// only to this machine, for "
          "a local test)");
    }
    if (!is_https_or_loopback_http(s.teams.effective_token_url())) {
      problems.emplace_back(
          "teams.token_url must start with https:// (http:// only to this machine, for a local "
          "test)");
    }
    if (s.teams.service_url_hosts.empty()) {
      problems.emplace_back("teams.service_url_hosts must list at least one Bot Connector host");
    }
  }
  return problems;
}

std::string TeamsSettings::effective_token_url() const {
  if (!token_url.empty()) return token_url;
  return "https://login.microsoftonline.com/" +
         (tenant_id.empty() ? "botframework.com" : tenant_id) + "/oauth2/v2.0/token";
}

std::string describe(const Settings& s) {
  std::ostringstream out;
  const char* scheme = s.server.tls ? "https" : "http";
  out << "listen            " << scheme << "://" << s.server.host << ":" << s.server.port << "\n";
  if (s.server.tls) {
    out << "tls certificate   " << s.cert_path()
        << (s.server.cert_file.empty() ? " (generated on first start if missing)" : "") << "\n";
    out << "tls key           " << s.key_path() << "\n";
  } else {
    out << "tls               off (plain HTTP, for running behind a TLS-terminating proxy)\n";
  }
  out << "public URL        " << s.effective_public_url() << "\n";
  out << "database          " << (s.storage.url.empty() ? "SQLite " : "PostgreSQL ")
      << s.database_name() << "\n";
  out << "body limit        " << s.server.body_limit << " bytes\n";
  out << "worker threads    " << s.server.threads << "\n";
  out << "connections       at most " << s.server.max_connections << "\n";
  out << "metrics           "
      << (!s.server.metrics             ? "off"
          : s.server.metrics_local_only ? "GET /metrics, to this machine only"
                                        : "GET /metrics")
      << "\n";
  out << "slack api         " << s.slack.api_base << "\n";
  out << "signing secret    "
      << (is_secret_set(s.slack.signing_secret)
              ? "set"
              : "not set (a development secret is generated in the data directory)")
      << "\n";
  if (s.slack.oauth_enabled()) {
    out << "slack mode        OAuth install: each workspace installs at "
        << s.effective_public_url() << "/slack/install and is served with its own token\n";
    out << "client id         " << (s.slack.client_id.empty() ? "not set" : s.slack.client_id)
        << "\n";
    out << "client secret     " << (is_secret_set(s.slack.client_secret) ? "set" : "not set")
        << "\n";
    out << "oauth base        " << s.slack.oauth_base << "\n";
    out << "scopes            " << s.slack.scopes << "\n";
    out << "secret key        "
        << (is_secret_set(s.slack.secret_key) ? "set" : "not set (required in OAuth mode)") << "\n";
    if (is_secret_set(s.slack.bot_token)) {
      out << "bot token         set, but not used in OAuth mode\n";
    }
  } else {
    out << "slack mode        single token: one bot token serves every request\n";
    out << "bot token         "
        << (is_secret_set(s.slack.bot_token) ? "set"
                                             : "not set (messages wait in the outbox until it is)")
        << "\n";
  }
  if (s.teams.playground) {
    out << "teams             PLAYGROUND mode: POST /api/messages without a token, from and to "
           "this machine only (Microsoft 365 Agents Playground)\n";
  } else if (s.teams.enabled()) {
    out << "teams             POST /api/messages for app " << s.teams.app_id << "\n";
    out << "teams password    " << (is_secret_set(s.teams.app_password) ? "set" : "not set")
        << "\n";
    out << "teams token URL   " << s.teams.effective_token_url() << "\n";
    out << "teams metadata    " << s.teams.openid_metadata_url << "\n";
    out << "teams hosts       ";
    for (std::size_t i = 0; i < s.teams.service_url_hosts.size(); ++i) {
      out << (i ? ", " : "") << s.teams.service_url_hosts[i];
    }
    out << "\n";
  } else {
    out << "teams             off (set teams.app_id / ACCORD_TEAMS_APP_ID to enable)\n";
  }
  out << "extra CA file     " << (s.outbox.extra_ca_file.empty() ? "none" : s.outbox.extra_ca_file)
      << "\n";
  out << "log               " << s.log.level << ", " << s.log.format << "\n";
  return out.str();
}

}  // namespace accord::config
