// Loading settings from TOML: every key is known, typed and range-checked, and a mistake names
// the key and the line so `accord check-config` can explain it.
#include "config/settings.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

namespace accord::config {
namespace {

std::string where(const toml::node& node, const std::string& source) {
  const auto& begin = node.source().begin;
  return source + ":" + std::to_string(begin.line);
}

// Reads the keys of one table, checking types; remembers which keys were consumed so that the
// leftovers can be reported as unknown.
class TableReader {
 public:
  TableReader(const toml::table* table, std::string prefix, std::string source)
      : table_(table), prefix_(std::move(prefix)), source_(std::move(source)) {}

  void read(const char* key, std::string& out) {
    if (const auto* node = take(key)) {
      const auto value = node->value<std::string>();
      if (!value) fail(*node, key, "a string");
      out = *value;
    }
  }

  void read(const char* key, std::vector<std::string>& out) {
    if (const auto* node = take(key)) {
      const auto* array = node->as_array();
      if (!array) fail(*node, key, "an array of strings");
      std::vector<std::string> values;
      for (const auto& element : *array) {
        const auto value = element.value<std::string>();
        if (!value) fail(*node, key, "an array of strings");
        values.push_back(*value);
      }
      out = std::move(values);
    }
  }

  void read(const char* key, bool& out) {
    if (const auto* node = take(key)) {
      const auto value = node->value<bool>();
      if (!value) fail(*node, key, "true or false");
      out = *value;
    }
  }

  template <typename Int>
  void read(const char* key, Int& out, std::int64_t min, std::int64_t max) {
    if (const auto* node = take(key)) {
      const auto value = node->value<std::int64_t>();
      if (!value || *value < min || *value > max) {
        fail(*node, key,
             "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      }
      out = static_cast<Int>(*value);
    }
  }

  template <typename Rep, typename Period>
  void read(const char* key, std::chrono::duration<Rep, Period>& out, std::int64_t min,
            std::int64_t max) {
    Rep count = out.count();
    read(key, count, min, max);
    out = std::chrono::duration<Rep, Period>(count);
  }

  // A string that `parse` turns into settings; its ConfigError is given the key and the line too.
  template <typename Parse>
  void read_parsed(const char* key, Parse parse) {
    std::string value;
    read(key, value);
    if (value.empty()) return;
    try {
      parse(value);
    } catch (const ConfigError& error) {
      throw ConfigError(where(*table_->get(key), source_) + ": '" + prefix_ + key +
                        "': " + error.what());
    }
  }

  // A key handled elsewhere (a nested table), so not unknown.
  void allow(const char* key) { used_.insert(key); }

  void reject_unknown() const {
    if (!table_) return;
    for (const auto& [key, node] : *table_) {
      if (!used_.contains(std::string(key.str()))) {
        throw ConfigError(where(node, source_) + ": unknown key '" + prefix_ +
                          std::string(key.str()) +
                          "' (see config/accord.example.toml for the keys Accord knows)");
      }
    }
  }

 private:
  const toml::node* take(const char* key) {
    used_.insert(key);
    return table_ ? table_->get(key) : nullptr;
  }

  [[noreturn]] void fail(const toml::node& node, const char* key, const std::string& expected) {
    throw ConfigError(where(node, source_) + ": '" + prefix_ + key + "' must be " + expected);
  }

  const toml::table* table_;
  std::string prefix_;
  std::string source_;
  std::set<std::string> used_;
};

const toml::table* section(const toml::table& root, const char* name, const std::string& source) {
  const auto* node = root.get(name);
  if (!node) return nullptr;
  if (!node->is_table())
    throw ConfigError(where(*node, source) + ": '" + name + "' must be a table");
  return node->as_table();
}

}  // namespace

Settings load_text(const std::string& text, const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << source_name << ":" << error.source().begin.line << ": " << error.description();
    throw ConfigError(message.str());
  }

  Settings s;
  constexpr std::int64_t kDay = std::int64_t{24} * 3600;

  TableReader server(section(root, "server", source_name), "server.", source_name);
  server.read_parsed("listen", [&](const std::string& listen) {
    parse_listen(listen, s.server.host, s.server.port);
  });
  server.read("tls", s.server.tls);
  server.read("cert_file", s.server.cert_file);
  server.read("key_file", s.server.key_file);
  server.read("threads", s.server.threads, 1, 64);
  server.read("body_limit", s.server.body_limit, 1024, std::int64_t{64} * 1024 * 1024);
  server.read("header_limit", s.server.header_limit, 1024, std::int64_t{1024} * 1024);
  server.read("handshake_timeout", s.server.handshake_timeout, 1, 300);
  server.read("header_timeout", s.server.header_timeout, 1, 300);
  server.read("body_timeout", s.server.body_timeout, 1, 600);
  server.read("write_timeout", s.server.write_timeout, 1, 300);
  server.read("idle_timeout", s.server.idle_timeout, 1, 3600);
  server.read("shutdown_grace", s.server.shutdown_grace, 0, 300);
  server.read("max_connections", s.server.max_connections, 16, 1000000);
  server.read("public_url", s.server.public_url);
  server.read("metrics", s.server.metrics);
  server.read("metrics_local_only", s.server.metrics_local_only);
  server.reject_unknown();

  TableReader slack(section(root, "slack", source_name), "slack.", source_name);
  slack.read("signing_secret", s.slack.signing_secret);
  slack.read("bot_token", s.slack.bot_token);
  slack.read("api_base", s.slack.api_base);
  slack.read("signature_window", s.slack.signature_window, 1, 3600);
  slack.read("client_id", s.slack.client_id);
  slack.read("client_secret", s.slack.client_secret);
  slack.read("oauth_base", s.slack.oauth_base);
  slack.read("scopes", s.slack.scopes);
  slack.read("install_state_ttl", s.slack.install_state_ttl, 60, 3600);
  slack.read("install_links_per_client", s.slack.install_links_per_client, 1, 1000);
  slack.read("token_refresh_margin", s.slack.token_refresh_margin, 0, std::int64_t{6} * 3600);
  slack.reject_unknown();

  TableReader teams(section(root, "teams", source_name), "teams.", source_name);
  teams.read("app_id", s.teams.app_id);
  teams.read("app_password", s.teams.app_password);
  teams.read("tenant_id", s.teams.tenant_id);
  teams.read("openid_metadata_url", s.teams.openid_metadata_url);
  teams.read("token_url", s.teams.token_url);
  teams.read("service_url_hosts", s.teams.service_url_hosts);
  teams.read("playground", s.teams.playground);
  teams.reject_unknown();

  TableReader storage(section(root, "storage", source_name), "storage.", source_name);
  storage.read("data_dir", s.storage.data_dir);
  storage.read("url", s.storage.url);
  storage.read("busy_timeout_ms", s.storage.busy_timeout_ms, 0, 600000);
  storage.read("event_dedupe_retention", s.storage.event_dedupe_retention, 600, 30 * kDay);
  storage.reject_unknown();

  TableReader outbox(section(root, "outbox", source_name), "outbox.", source_name);
  outbox.read("max_attempts", s.outbox.max_attempts, 1, 100);
  outbox.read("initial_backoff", s.outbox.initial_backoff, 1, 3600);
  outbox.read("max_backoff", s.outbox.max_backoff, 1, kDay);
  outbox.read("poll_interval", s.outbox.poll_interval, 1, 60);
  outbox.read("per_channel_interval_ms", s.outbox.per_channel_interval, 0, 60000);
  outbox.read("request_timeout", s.outbox.request_timeout, 1, 120);
  outbox.read("extra_ca_file", s.outbox.extra_ca_file);
  outbox.reject_unknown();

  TableReader log(section(root, "log", source_name), "log.", source_name);
  log.read("level", s.log.level);
  log.read("format", s.log.format);
  log.reject_unknown();

  TableReader top(&root, "", source_name);
  for (const char* name : {"server", "slack", "teams", "storage", "outbox", "log"}) top.allow(name);
  top.reject_unknown();
  return s;
}

Settings load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("cannot read the configuration file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return load_text(text.str(), path);
}

}  // namespace accord::config
