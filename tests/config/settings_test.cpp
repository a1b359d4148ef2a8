// Configuration: the example file is valid, mistakes name the key and line, the environment
// overrides the file, and the description never shows secrets.
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "config/settings.hpp"

using accord::config::ConfigError;
using accord::config::Settings;

namespace {

accord::config::EnvLookup env(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> const char* {
    const auto it = values.find(name);
    return it == values.end() ? nullptr : it->second.c_str();
  };
}

std::string error_of(const std::string& toml) {
  try {
    accord::config::load_text(toml, "test.toml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the example configuration loads and equals the embedded defaults") {
  const Settings example =
      accord::config::load_file(ACCORD_SOURCE_DIR "/config/accord.example.toml");
  const Settings defaults;
  CHECK(example.server.host == defaults.server.host);
  CHECK(example.server.port == defaults.server.port);
  CHECK(example.server.tls == defaults.server.tls);
  CHECK(example.server.body_limit == defaults.server.body_limit);
  CHECK(example.server.metrics == defaults.server.metrics);
  CHECK(example.server.metrics_local_only == defaults.server.metrics_local_only);
  CHECK(example.slack.api_base == defaults.slack.api_base);
  CHECK(example.slack.client_id == defaults.slack.client_id);
  CHECK(example.slack.client_secret == defaults.slack.client_secret);
  CHECK(example.slack.oauth_base == defaults.slack.oauth_base);
  CHECK(example.slack.scopes == defaults.slack.scopes);
  CHECK(example.slack.install_state_ttl == defaults.slack.install_state_ttl);
  CHECK(example.slack.install_links_per_client == defaults.slack.install_links_per_client);
  CHECK(example.server.max_connections == defaults.server.max_connections);
  CHECK(example.slack.token_refresh_margin == defaults.slack.token_refresh_margin);
  CHECK_FALSE(example.slack.oauth_enabled());
  CHECK(example.storage.data_dir == defaults.storage.data_dir);
  CHECK(example.outbox.max_attempts == defaults.outbox.max_attempts);
  CHECK(accord::config::validate(example).empty());
}

TEST_CASE("keys are read with their types") {
  const Settings s = accord::config::load_text(R"(
[server]
listen = "0.0.0.0:9443"
tls = false
body_limit = 2048
header_timeout = 3
[slack]
api_base = "https://127.0.0.1:9999/api"
[log]
format = "json"
)",
                                               "t.toml");
  CHECK(s.server.host == "0.0.0.0");
  CHECK(s.server.port == 9443);
  CHECK_FALSE(s.server.tls);
  CHECK(s.server.body_limit == 2048);
  CHECK(s.server.header_timeout == std::chrono::seconds(3));
  CHECK(s.slack.api_base == "https://127.0.0.1:9999/api");
  CHECK(s.log.format == "json");
}

TEST_CASE("mistakes in the file name the key and the line") {
  CHECK_THAT(error_of("[server]\nprot = 1\n"),
             Catch::Contains("server.prot") && Catch::Contains("test.toml:2"));
  CHECK_THAT(error_of("[server]\nthreads = \"two\"\n"), Catch::Contains("server.threads"));
  CHECK_THAT(error_of("[server]\nthreads = 0\n"), Catch::Contains("from 1 to 64"));
  CHECK_THAT(error_of("[nonsense]\n"), Catch::Contains("nonsense"));
  CHECK_THAT(error_of("[server\n"), Catch::Contains("test.toml:1"));
  CHECK_THAT(error_of("[server]\nlisten = \"localhost\"\n"), Catch::Contains("host:port"));
}

// Found by tests/fuzz/fuzz_config: a bad listen address was the one mistake reported without
// the file, line and key.
TEST_CASE("a bad listen address names the key and the line") {
  CHECK_THAT(error_of("[server]\n\nlisten = \"0..0:.00443\"\n"),
             Catch::StartsWith("test.toml:3: 'server.listen': ") &&
                 Catch::Contains("must be a number from 0 to 65535"));
  CHECK_THAT(error_of("[server]\nlisten = \":8443\"\n"),
             Catch::StartsWith("test.toml:2: 'server.listen': ") && Catch::Contains("host:port"));
}

// Found by tests/fuzz/fuzz_config: this malformed value trips an internal assertion in toml++
// when its assertions are compiled in; the library Accord links reports a parse error.
TEST_CASE("a malformed date value is a parse error with the line") {
  CHECK_THAT(error_of("server = 1\n[[slack]]\n[outbox.extra]\nx = 2024-01-0= 1\n"),
             Catch::StartsWith("test.toml:"));
}

TEST_CASE("environment overrides win over the file") {
  Settings s;
  accord::config::apply_environment(s, env({{"ACCORD_LISTEN", "[::1]:7000"},
                                            {"ACCORD_DATA_DIR", "/tmp/accord-x"},
                                            {"ACCORD_TLS", "off"},
                                            {"ACCORD_SLACK_SIGNING_SECRET", "s3cret"},
                                            {"ACCORD_SLACK_BOT_TOKEN", "xoxb-1"},
                                            {"ACCORD_SLACK_API_BASE", "https://example.test/api"},
                                            {"ACCORD_EXTRA_CA_FILE", "/tmp/ca.pem"}}));
  CHECK(s.server.host == "::1");
  CHECK(s.server.port == 7000);
  CHECK_FALSE(s.server.tls);
  CHECK(s.database_path() == "/tmp/accord-x/accord.db");
  CHECK(s.cert_path() == "/tmp/accord-x/tls/cert.pem");
  CHECK(s.slack.signing_secret == "s3cret");
  CHECK(s.slack.bot_token == "xoxb-1");
  CHECK(s.slack.api_base == "https://example.test/api");
  CHECK(s.outbox.extra_ca_file == "/tmp/ca.pem");
  CHECK(s.effective_public_url() == "http://[::1]:7000");
  accord::config::apply_environment(s, env({{"ACCORD_PUBLIC_URL", "https://accord.example.com/"}}));
  CHECK(s.effective_public_url() == "https://accord.example.com");

  CHECK_THROWS_AS(accord::config::apply_environment(s, env({{"ACCORD_TLS", "yes"}})), ConfigError);
  CHECK(s.server.metrics);
  CHECK_FALSE(s.server.metrics_local_only);
  accord::config::apply_environment(s, env({{"ACCORD_METRICS", "local"}}));
  CHECK(s.server.metrics);
  CHECK(s.server.metrics_local_only);
  accord::config::apply_environment(s, env({{"ACCORD_METRICS", "off"}}));
  CHECK_FALSE(s.server.metrics);
  CHECK_THROWS_AS(accord::config::apply_environment(s, env({{"ACCORD_METRICS", "yes"}})),
                  ConfigError);
  CHECK_THROWS_AS(accord::config::apply_environment(s, env({{"ACCORD_LISTEN", "1.2.3.4:99999"}})),
                  ConfigError);
}

TEST_CASE(
    "PostgreSQL comes from the URL in the file or the environment, its password never shown") {
  Settings s = accord::config::load_text(
      "[storage]\nurl = \"postgresql://accord@db.internal/accord\"\n", "test.toml");
  CHECK(s.database_location() == "postgresql://accord@db.internal/accord");
  accord::config::apply_environment(
      s, env({{"ACCORD_DATABASE_URL",
               "postgresql://accord:pa55word@db.internal:5433/accord?sslmode=require"}}));
  CHECK(s.database_location() ==
        "postgresql://accord:pa55word@db.internal:5433/accord?sslmode=require");
  CHECK(s.database_name() == "postgresql://accord:***@db.internal:5433/accord?sslmode=require");
  CHECK_THAT(accord::config::describe(s), !Catch::Contains("pa55word"));
  CHECK_THAT(accord::config::describe(s), Catch::Contains("PostgreSQL postgresql://accord:***@"));
  s.storage.url = "postgresql://accord@/accord?host=/run/pg&password=pa55word";
  CHECK(s.database_name() == "postgresql://accord@/accord?host=/run/pg&password=***");
  CHECK(accord::config::validate(s).empty());

  s.storage.url = "mysql://accord@db/accord";
  const auto problems = accord::config::validate(s);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("ACCORD_DATABASE_URL"));

  s.storage.url.clear();  // SQLite: the file in data_dir
  CHECK(s.database_location() == s.database_path());
}

TEST_CASE("validation explains unusable settings") {
  Settings s;
  s.slack.api_base = "ftp://slack";
  s.log.format = "xml";
  s.slack.bot_token = "not-a-token";
  const auto problems = accord::config::validate(s);
  REQUIRE(problems.size() == 3);
  CHECK_THAT(problems[0], Catch::Contains("api_base"));
}

TEST_CASE("the description says whether secrets are set but never shows them") {
  Settings s;
  s.slack.signing_secret = "very-secret-value";
  s.slack.bot_token = "xoxb-secret-token";
  const std::string text = accord::config::describe(s);
  CHECK_THAT(text, Catch::Contains("signing secret    set"));
  CHECK_THAT(text, !Catch::Contains("very-secret-value"));
  CHECK_THAT(text, !Catch::Contains("xoxb-secret-token"));
}

TEST_CASE("OAuth mode is configured from the environment and needs the secret key") {
  Settings s;
  CHECK_FALSE(s.slack.oauth_enabled());
  accord::config::apply_environment(s,
                                    env({{"ACCORD_SLACK_CLIENT_ID", "1234.5678"},
                                         {"ACCORD_SLACK_CLIENT_SECRET", "client-secret-value"},
                                         {"ACCORD_SLACK_OAUTH_BASE", "https://127.0.0.1:9999"}}));
  CHECK(s.slack.oauth_enabled());
  CHECK(s.slack.client_id == "1234.5678");
  CHECK(s.slack.oauth_base == "https://127.0.0.1:9999");
  auto problems = accord::config::validate(s);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("ACCORD_SECRET_KEY"));

  accord::config::apply_environment(s, env({{"ACCORD_SECRET_KEY", "abc"}}));
  problems = accord::config::validate(s);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("64 hex"));

  const std::string key(64, 'a');
  accord::config::apply_environment(s, env({{"ACCORD_SECRET_KEY", key.c_str()}}));
  CHECK(accord::config::validate(s).empty());

  const std::string text = accord::config::describe(s);
  CHECK_THAT(text, Catch::Contains("OAuth install"));
  CHECK_THAT(text, Catch::Contains("client secret     set"));
  CHECK_THAT(text, Catch::Contains("secret key        set"));
  CHECK_THAT(text, !Catch::Contains("client-secret-value"));
  CHECK_THAT(text, !Catch::Contains(key));

  Settings half;
  half.slack.client_id = "1234.5678";
  half.slack.secret_key = key;
  problems = accord::config::validate(half);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("client_secret"));
}

TEST_CASE("the secret key is never read from the file") {
  CHECK_THAT(error_of("[slack]\nsecret_key = \"00\"\n"), Catch::Contains("slack.secret_key"));
}

TEST_CASE("Teams is configured from the file or the environment, secrets never shown") {
  Settings s = accord::config::load_text(R"(
[teams]
app_id = "11111111-2222-3333-4444-555555555555"
tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47"
service_url_hosts = ["smba.trafficmanager.net"]
)",
                                         "test.toml");
  CHECK(s.teams.enabled());
  CHECK(s.teams.effective_token_url() ==
        "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token");
  auto problems = accord::config::validate(s);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("ACCORD_TEAMS_APP_PASSWORD"));

  accord::config::apply_environment(
      s, env({{"ACCORD_TEAMS_APP_PASSWORD", "teams-secret-value"},
              {"ACCORD_TEAMS_TOKEN_URL", "http://127.0.0.1:9/t/oauth2/v2.0/token"},
              {"ACCORD_TEAMS_OPENID_METADATA_URL", "http://127.0.0.1:9/v1/openid"},
              {"ACCORD_TEAMS_SERVICE_URL_HOSTS", "127.0.0.1:9, smba.trafficmanager.net"}}));
  CHECK(accord::config::validate(s).empty());
  CHECK(s.teams.effective_token_url() == "http://127.0.0.1:9/t/oauth2/v2.0/token");
  CHECK(s.teams.service_url_hosts ==
        std::vector<std::string>{"127.0.0.1:9", "smba.trafficmanager.net"});
  const std::string text = accord::config::describe(s);
  CHECK_THAT(text, Catch::Contains("teams password    set"));
  CHECK_THAT(text, !Catch::Contains("teams-secret-value"));

  SECTION("without a tenant, the multi-tenant authority") {
    Settings multi;
    CHECK(multi.teams.effective_token_url() ==
          "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");
    CHECK_FALSE(multi.teams.enabled());
  }
  SECTION("plain http goes to this machine only: the secret and the keys travel there") {
    s.teams.token_url = "http://login.example.com/t/oauth2/v2.0/token";
    problems = accord::config::validate(s);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("teams.token_url"));
  }
  SECTION("a host list of the wrong type names the key") {
    CHECK_THAT(error_of("[teams]\nservice_url_hosts = \"a\"\n"),
               Catch::Contains("teams.service_url_hosts"));
  }
}

TEST_CASE("plain http is for this machine only, however the address is written") {
  using accord::config::is_https_or_loopback_http;
  for (const char* local : {"http://127.0.0.1:9/api", "http://localhost/api", "http://LOCALHOST:80",
                            "http://[::1]:9/x", "http://127.1.2.3/", "https://slack.com/api"}) {
    CHECK(is_https_or_loopback_http(local));
  }
  for (const char* remote :
       {"http://slack.example.com/api", "http://127.0.0.1:80@evil.example/api",
        "http://localhost.evil.example/", "http://127.0.0.1.evil.example/", "http://[::2]/",
        "http://127.0.0.1:9x/", "http://127.0.0.256/", "ftp://127.0.0.1/", "http://"}) {
    CHECK_FALSE(is_https_or_loopback_http(remote));
  }
  Settings s;
  s.slack.api_base = "http://slack.example.com/api";
  const auto problems = accord::config::validate(s);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("slack.api_base must start with https://"));
}

// Agents Playground mode takes activities without a token: it must not be possible to leave it
// on where anyone but this machine could send one, or beside real Teams credentials.
TEST_CASE("the Playground mode is for this machine only, and never with real credentials") {
  Settings s = accord::config::load_text("[teams]\nplayground = true\n", "test.toml");
  CHECK(s.teams.playground);
  CHECK(s.teams.enabled());
  CHECK(s.teams.effective_app_id() == "accord-playground");
  CHECK(accord::config::validate(s).empty());  // the default listen address is 127.0.0.1
  CHECK_THAT(accord::config::describe(s), Catch::Contains("PLAYGROUND"));

  SECTION("listening beyond loopback") {
    accord::config::apply_environment(s, env({{"ACCORD_LISTEN", "0.0.0.0:8443"}}));
    const auto problems = accord::config::validate(s);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("127.0.0.1") && Catch::Contains("0.0.0.0"));
  }
  SECTION("with an app password") {
    s.teams.app_password = "teams-secret-value";
    const auto problems = accord::config::validate(s);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("password") && !Catch::Contains("teams-secret-value"));
  }
  SECTION("turned off from the environment, and only 'on' or 'off' understood") {
    accord::config::apply_environment(s, env({{"ACCORD_TEAMS_PLAYGROUND", "off"}}));
    CHECK_FALSE(s.teams.playground);
    CHECK_FALSE(s.teams.enabled());
    CHECK_THROWS_WITH(
        accord::config::apply_environment(s, env({{"ACCORD_TEAMS_PLAYGROUND", "true"}})),
        Catch::Contains("'on' or 'off'"));
  }
  SECTION("loopback URLs, http or https, are this machine's") {
    using accord::config::is_loopback_url;
    CHECK(is_loopback_url("http://localhost:56150/_connector"));
    CHECK(is_loopback_url("https://127.0.0.1:8443/"));
    CHECK(is_loopback_url("http://[::1]:9/x"));
    CHECK_FALSE(is_loopback_url("https://smba.trafficmanager.net/teams/"));
    CHECK_FALSE(is_loopback_url("http://127.0.0.1:80@evil.example/"));
    CHECK_FALSE(is_loopback_url("ftp://127.0.0.1/"));
  }
}
