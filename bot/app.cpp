// `accord serve`: wires the store, the core, the Slack and Teams sides, the outbox worker and the
// server, and shuts them down in order.
#include "bot/app.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/rand.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "bot/http/client.hpp"
#include "bot/http/self_signed.hpp"
#include "bot/http/server.hpp"
#include "bot/http_metrics.hpp"
#include "bot/metrics_endpoint.hpp"
#include "bot/outbox_worker.hpp"
#include "bot/router.hpp"
#include "bot/scheduler_loop.hpp"
#include "bot/slack/oauth_client.hpp"
#include "bot/slack/oauth_routes.hpp"
#include "bot/slack/slack_routes.hpp"
#include "bot/slack/web_api.hpp"
#include "bot/slack/workspace_tokens.hpp"
#include "bot/teams/auth.hpp"
#include "bot/teams/connector.hpp"
#include "bot/teams/delivery.hpp"
#include "bot/teams/openid.hpp"
#include "bot/teams/teams_routes.hpp"
#include "commands/core/dispatcher.hpp"
#include "commands/time/calendar.hpp"
#include "store/database.hpp"
#include "store/exports.hpp"
#include "store/installations.hpp"
#include "store/migrations.hpp"
#include "store/outbox.hpp"
#include "store/token_cipher.hpp"

namespace accord::bot {
namespace {

std::string dev_secret_path(const config::Settings& settings) {
  return (std::filesystem::path(settings.storage.data_dir) / "dev_signing_secret").string();
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
    throw std::runtime_error("cannot generate random bytes");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const auto byte : buffer) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0xf]);
  }
  return out;
}

// File descriptors kept for what is not a client connection: the database and its WAL, logs,
// outbound connections, the listening socket.
constexpr std::size_t kReservedFiles = 64;

http::ServerOptions server_options(const config::Settings& settings, std::size_t open_file_limit) {
  http::ServerOptions options;
  options.max_connections = settings.server.max_connections;
  if (open_file_limit > kReservedFiles &&
      options.max_connections > open_file_limit - kReservedFiles) {
    options.max_connections = open_file_limit - kReservedFiles;
    spdlog::warn("server.max_connections lowered from {} to {} to fit the open file limit ({})",
                 settings.server.max_connections, options.max_connections, open_file_limit);
  }
  options.host = settings.server.host;
  options.port = settings.server.port;
  options.tls = settings.server.tls;
  options.cert_file = settings.cert_path();
  options.key_file = settings.key_path();
  options.threads = settings.server.threads;
  options.body_limit = settings.server.body_limit;
  options.header_limit = settings.server.header_limit;
  options.handshake_timeout = settings.server.handshake_timeout;
  options.header_timeout = settings.server.header_timeout;
  options.body_timeout = settings.server.body_timeout;
  options.write_timeout = settings.server.write_timeout;
  options.idle_timeout = settings.server.idle_timeout;
  options.shutdown_grace = settings.server.shutdown_grace;
  return options;
}

http::Response readiness(store::Database& db) {
  try {
    store::Transaction tx(db);
    store::Outbox outbox(db);
    const int pending = outbox.count(store::OutboxStatus::pending);
    // Dead letters: messages given up on after their last attempt, kept for an admin to see.
    const int dead = outbox.count(store::OutboxStatus::dead);
    return http::Response::json(
        200, nlohmann::json{{"status", "ready"}, {"outbox_pending", pending}, {"outbox_dead", dead}}
                 .dump());
  } catch (const std::exception& error) {
    spdlog::error("not ready: {}", error.what());
    return http::Response::json(503, R"({"status":"database unavailable"})");
  }
}

// GET /exports/<token>: a file prepared by `log export`. The unguessable token, handed privately
// to a project member and valid for 24 hours, is the credential.
http::Response download_export(store::Database& db, const commands::Clock& clock,
                               const http::Request& request) {
  const std::string token = request.path().substr(std::string_view("/exports/").size());
  const bool well_formed =
      token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
  std::optional<store::Export> file;
  if (well_formed) {
    store::Transaction tx(db);
    file = store::Exports(db).find_valid(token, clock.now());
  }
  if (!file) {
    return http::Response::text(404,
                                "This download link is unknown or has expired (links last 24 "
                                "hours). Run /accord log export again for a new one.\n");
  }
  http::Response response;
  response.content_type = file->content_type;
  response.body = std::move(file->body);
  std::string name = file->filename;
  std::erase_if(
      name, [](char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; });
  response.headers = {{"Content-Disposition", "attachment; filename=\"" + name + "\""},
                      {"Cache-Control", "no-store"},
                      {"X-Content-Type-Options", "nosniff"}};
  return response;
}

// ACCORD_TEST_CLOCK=<ISO-8601 instant>: a clock that starts there and stands still until
// POST /test/clock moves it. For end-to-end tests only.
std::unique_ptr<commands::ManualClock> test_clock_from_environment() {
  const char* value = std::getenv("ACCORD_TEST_CLOCK");
  if (value == nullptr || *value == '\0') return nullptr;
  const auto start = commands::parse_instant(value);
  if (!start) {
    throw std::runtime_error(std::string("ACCORD_TEST_CLOCK is not an ISO-8601 instant such as "
                                         "2026-11-27T16:00:00Z: ") +
                             value);
  }
  return std::make_unique<commands::ManualClock>(*start);
}

// POST /test/clock {"advance_seconds": N}: moves the test clock, runs every job that fell due and
// answers once their messages are queued. Served only on the test clock, only to loopback.
http::Response advance_test_clock(commands::ManualClock& clock, SchedulerLoop& scheduler,
                                  OutboxWorker& worker, const http::Request& request) {
  // A proxy on this machine makes every client look local: a forwarded request is not.
  if (!request.peer_loopback || !request.header("X-Forwarded-For").empty() ||
      !request.header("Forwarded").empty()) {
    return http::Response::text(403, "only from this machine\n");
  }
  const auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (!body.is_object() || !body.contains("advance_seconds") ||
      !body["advance_seconds"].is_number_integer() ||
      body["advance_seconds"].get<long long>() < 0 ||
      body["advance_seconds"].get<long long>() > 10LL * 365 * 24 * 3600) {
    return http::Response::json(
        400,
        R"({"error":"send {\"advance_seconds\": N} with a whole number of seconds, 0 or more"})");
  }
  const auto seconds = body["advance_seconds"].get<long long>();
  // Step through the interval so each job runs at (about) its own instant, not all at the end.
  auto remaining = std::chrono::milliseconds(std::chrono::seconds(seconds));
  int ran = scheduler.run_now();
  while (remaining.count() > 0) {
    const auto next = commands::Scheduler(scheduler.database(), clock).next_due();
    auto step = remaining;
    if (next && *next > clock.now()) {
      step = std::min(step,
                      std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock.now()));
    }
    clock.advance(step);
    remaining -= step;
    ran += scheduler.run_now();
  }
  worker.wake();
  return http::Response::json(
      200, nlohmann::json{{"now", store::format_utc(clock.now())}, {"jobs_run", ran}}.dump());
}

// Every connection is a file descriptor: take all the process may have (the soft limit is often
// 1024), so thousands of idle clients do not lock out real ones. Returns the limit in force (0:
// unknown).
std::size_t raise_open_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur < limit.rlim_max) {
    const auto before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) == 0) {
      spdlog::debug("open file limit raised from {} to {}", before, limit.rlim_cur);
    } else {
      limit.rlim_cur = before;
    }
  }
  return limit.rlim_cur == RLIM_INFINITY ? 0 : static_cast<std::size_t>(limit.rlim_cur);
}

// glibc gives freed memory back to the kernel as soon as a little collects at the top of a heap,
// and every request then faults it in again: under load that was a brk or madvise (with a TLB
// shootdown across cores) per request. Peak memory is unchanged; after a spike each malloc arena
// (one per busy thread) may keep up to 64 MiB of it for the next. Fixing the trim threshold also
// fixes the mmap threshold, so it is raised to match: blocks up to 4 MiB come from the heap
// rather than a fresh mapping each time.
void keep_freed_memory() {
  constexpr int kTrimThreshold = 64 << 20;
  constexpr int kTopPad = 1 << 20;
  constexpr int kMmapThreshold = 4 << 20;
  ::mallopt(M_TRIM_THRESHOLD, kTrimThreshold);
  ::mallopt(M_TOP_PAD, kTopPad);
  ::mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
}

// Refuses to start when ACCORD_SECRET_KEY cannot open the tokens already stored (it was
// changed): every workspace would otherwise fail one message at a time.
void check_secret_key(store::Database& db, const store::TokenCipher& cipher) {
  try {
    store::Transaction tx(db);
    store::Installations(db, cipher).check_readable();
  } catch (const store::TokenCipherError&) {
    throw std::runtime_error(
        "ACCORD_SECRET_KEY does not decrypt the tokens stored in the database: use the key they "
        "were stored with (or reinstall every workspace after deleting the installations)");
  }
}

// The two Slack modes (README, "Slack modes"): OAuth installs, each workspace with its own
// encrypted token, or one configured token for every workspace.
struct SlackAccess {
  std::unique_ptr<store::TokenCipher> cipher;  // OAuth mode only
  std::unique_ptr<slack::OAuthClient> oauth;   // OAuth mode only
  std::unique_ptr<slack::WorkspaceTokens> workspaces;
};

SlackAccess slack_access(const config::Settings& settings, store::Database& db,
                         const http::ClientOptions& client_options, const commands::Clock& clock) {
  SlackAccess access;
  if (!settings.slack.oauth_enabled()) {
    access.workspaces = std::make_unique<slack::SingleToken>(settings.slack.bot_token);
    return access;
  }
  access.cipher =
      std::make_unique<store::TokenCipher>(store::TokenCipher::from_hex(settings.slack.secret_key));
  check_secret_key(db, *access.cipher);
  access.oauth =
      std::make_unique<slack::OAuthClient>(client_options, settings.slack.api_base,
                                           settings.slack.client_id, settings.slack.client_secret);
  access.workspaces = std::make_unique<slack::InstalledTokens>(
      db, *access.cipher, *access.oauth, clock, settings.slack.token_refresh_margin);
  spdlog::info("Slack OAuth mode: workspaces install at {}/slack/install",
               settings.effective_public_url());
  if (!settings.slack.bot_token.empty()) {
    spdlog::warn(
        "ACCORD_SLACK_BOT_TOKEN is ignored in OAuth mode: each workspace uses the token of its "
        "own installation");
  }
  return access;
}

// Microsoft Teams (reference/teams.md), when an app id is configured: the channel's signing keys
// (with an HTTP client of their own: the key cache fetches on request threads), the Connector for
// delivery and the authenticator for /api/messages.
struct TeamsAccess {
  std::unique_ptr<http::HttpClient> keys_client;
  std::unique_ptr<teams::SigningKeyCache> keys;
  std::unique_ptr<teams::ChannelAuthenticator> auth;
  std::unique_ptr<http::HttpClient> connector_client;
  std::unique_ptr<teams::Connector> connector;
  std::unique_ptr<teams::TeamsDelivery> delivery;
};

TeamsAccess teams_access(const config::Settings& settings, store::Database& db,
                         const http::ClientOptions& client_options, const commands::Clock& clock,
                         const commands::Clock& delivery_clock) {
  TeamsAccess access;
  const auto& teams = settings.teams;
  if (!teams.enabled()) return access;
  access.keys_client = std::make_unique<http::HttpClient>(client_options);
  teams::KeyCacheOptions key_options;
  key_options.metadata_url = teams.openid_metadata_url;
  access.keys = std::make_unique<teams::SigningKeyCache>(
      teams::http_document_fetcher(*access.keys_client), delivery_clock, key_options);
  teams::ChannelAuthOptions auth_options;
  auth_options.app_id = teams.app_id;
  auth_options.service_url_hosts = teams.service_url_hosts;
  access.auth = std::make_unique<teams::ChannelAuthenticator>(*access.keys, clock, auth_options);
  access.connector_client = std::make_unique<http::HttpClient>(client_options);
  access.connector = std::make_unique<teams::Connector>(
      *access.connector_client, delivery_clock,
      teams::ConnectorOptions{teams.app_id, teams.app_password, teams.effective_token_url(),
                              teams.service_url_hosts});
  access.delivery = std::make_unique<teams::TeamsDelivery>(db, *access.connector, delivery_clock);
  if (!access.keys->refresh()) {
    spdlog::warn(
        "the Bot Framework signing keys could not be fetched from {} yet; Teams requests "
        "are refused until they can be",
        teams.openid_metadata_url);
  }
  spdlog::info("Microsoft Teams: POST /api/messages for app {}", teams.app_id);
  return access;
}

}  // namespace

std::string signing_secret(const config::Settings& settings, bool create_if_missing) {
  if (!settings.slack.signing_secret.empty()) return settings.slack.signing_secret;
  const std::string path = dev_secret_path(settings);
  if (std::ifstream in{path}) {
    std::string secret;
    std::getline(in, secret);
    if (!secret.empty()) return secret;
  }
  if (!create_if_missing) return {};
  std::filesystem::create_directories(settings.storage.data_dir);
  const std::string secret = random_hex(16) + "\n";
  // Created readable by the owner only, from the first byte.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || ::write(fd, secret.data(), secret.size()) != static_cast<ssize_t>(secret.size())) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot write the development signing secret to " + path);
  }
  ::close(fd);
  return secret.substr(0, secret.size() - 1);
}

int serve(const config::Settings& settings) {
  const std::size_t open_file_limit = raise_open_file_limit();
  keep_freed_memory();
  std::filesystem::create_directories(settings.storage.data_dir);
  if (settings.slack.signing_secret.empty()) {
    signing_secret(settings, true);
    spdlog::warn(
        "no Slack signing secret is configured: using a development secret kept in {} "
        "(`accord send` uses it too). Set ACCORD_SLACK_SIGNING_SECRET to connect a workspace.",
        dev_secret_path(settings));
  }
  if (settings.server.tls && settings.server.cert_file.empty() &&
      http::ensure_self_signed_certificate(settings.cert_path(), settings.key_path())) {
    spdlog::info("generated a self-signed TLS certificate: {} (key {})", settings.cert_path(),
                 settings.key_path());
  }

  store::Database db(settings.database_path(), settings.storage.busy_timeout_ms);
  spdlog::info("database {} at schema version {}", settings.database_path(), db.schema_version());
  db.checkpoint_in_background();

  commands::SystemClock system_clock;
  const auto test_clock = test_clock_from_environment();
  const commands::Clock& clock =
      test_clock ? static_cast<const commands::Clock&>(*test_clock) : system_clock;
  if (test_clock) {
    spdlog::warn("test clock in use: time stands at {} until POST /test/clock moves it",
                 store::format_utc(clock.now()));
  }
  commands::Dispatcher dispatcher(db, clock, settings.effective_public_url());

  http::ClientOptions client_options;
  client_options.extra_ca_file = settings.outbox.extra_ca_file;
  client_options.timeout = settings.outbox.request_timeout;
  http::HttpClient client(client_options);
  slack::HttpSlackApi api(client, settings.slack.api_base);
  // Delivery paces and retries in real time, even when the workflows' clock stands still.
  commands::RunningClock running_clock(clock);
  const commands::Clock& delivery_clock =
      test_clock ? static_cast<const commands::Clock&>(running_clock) : clock;

  const SlackAccess access = slack_access(settings, db, client_options, delivery_clock);
  slack::WorkspaceTokens& workspaces = *access.workspaces;
  DeliveryMetrics delivery_metrics;
  commands::SchedulerMetrics scheduler_metrics;
  const TeamsAccess teams = teams_access(settings, db, client_options, clock, delivery_clock);
  OutboxWorker worker(db, delivery_clock, api, workspaces, settings.outbox, &delivery_metrics,
                      teams.delivery.get());
  SchedulerLoop scheduler(
      db, clock, settings.effective_public_url(), [&worker] { worker.wake(); }, &scheduler_metrics);

  slack::SlackRoutes slack_routes(
      {signing_secret(settings, false), settings.slack.signature_window,
       settings.storage.event_dedupe_retention, settings.effective_public_url() + "/slack/install"},
      db, dispatcher, workspaces, clock, [&worker, &scheduler] {
        worker.wake_if_queued();
        scheduler.wake_if_rescheduled();
      });
  Router router;
  router.add("GET", "/healthz", [](const auto&) { return http::Response::text(200, "ok\n"); });
  router.add("GET", "/readyz", [&db](const auto&) { return readiness(db); });
  router.add("POST", "/slack/commands", [&](const auto& r) { return slack_routes.commands(r); });
  router.add("POST", "/slack/interactive",
             [&](const auto& r) { return slack_routes.interactive(r); });
  router.add("POST", "/slack/events", [&](const auto& r) { return slack_routes.events(r); });
  std::optional<slack::OAuthRoutes> oauth_routes;
  if (access.oauth) {
    oauth_routes.emplace(
        slack::OAuthRoutesOptions{settings.slack.client_id, settings.slack.scopes,
                                  settings.slack.oauth_base,
                                  settings.effective_public_url() + "/slack/oauth_redirect",
                                  settings.slack.install_state_ttl,
                                  settings.slack.install_links_per_client, !settings.server.tls},
        db, *access.cipher, *access.oauth, clock);
    router.add("GET", "/slack/install", [&](const auto& r) { return oauth_routes->install(r); });
    router.add("GET", "/slack/oauth_redirect",
               [&](const auto& r) { return oauth_routes->redirect(r); });
  }
  std::optional<teams::TeamsRoutes> teams_routes;
  if (teams.auth) {
    teams_routes.emplace(*teams.auth, db, dispatcher, clock,
                         settings.storage.event_dedupe_retention, [&worker, &scheduler] {
                           worker.wake_if_queued();
                           scheduler.wake_if_rescheduled();
                         });
    router.add("POST", "/api/messages", [&](const auto& r) { return teams_routes->messages(r); });
  }
  router.add_prefix("GET", "/exports/",
                    [&](const auto& r) { return download_export(db, clock, r); });
  if (test_clock) {
    router.add("POST", "/test/clock", [&](const auto& r) {
      return advance_test_clock(*test_clock, scheduler, worker, r);
    });
  }

  // Registered last but for itself, so every route has its series from the start.
  std::vector<std::string> routes = router.patterns();
  if (settings.server.metrics) routes.emplace_back("/metrics");
  HttpMetrics http_metrics(routes);
  std::optional<MetricsEndpoint> metrics;
  if (settings.server.metrics) {
    metrics.emplace(MetricsSources{http_metrics, delivery_metrics, scheduler_metrics, db},
                    settings.server.metrics_local_only);
    router.add("GET", "/metrics", [&](const auto& r) { return metrics->handle(r); });
  }

  http::Server server(
      server_options(settings, open_file_limit),
      [&router](const http::Request& request) { return router.handle(request); },
      [&http_metrics](const http::Answered& answered) {
        http_metrics.observe(answered.route, answered.method, answered.status, answered.seconds);
      },
      [&http_metrics](http::ConnectionEvent event) { http_metrics.observe(event); });
  const auto port = server.listen();
  worker.start();
  scheduler.start();
  spdlog::info("Accord is listening on {}://{}:{}", settings.server.tls ? "https" : "http",
               settings.server.host, port);

  server.run();

  scheduler.stop();
  worker.stop();
  const auto checkpoints = db.checkpoint_stats();
  spdlog::info("WAL checkpoints: {} in the background, {} by a commit", checkpoints.background,
               checkpoints.inline_runs);
  db.checkpoint();
  spdlog::info("stopped cleanly");
  return 0;
}

int migrate(const config::Settings& settings) {
  std::filesystem::create_directories(settings.storage.data_dir);
  store::Database db(settings.database_path(), settings.storage.busy_timeout_ms);
  std::cout << "database " << settings.database_path() << " is at schema version "
            << db.schema_version() << " (latest " << store::latest_schema_version() << ")\n";
  return 0;
}

}  // namespace accord::bot
