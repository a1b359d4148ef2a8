// `accord serve`: wires the store, the core, the Slack and Teams sides, the outbox worker and the
// server, and shuts them down in order.
#include "bot/serve/serve.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "bot/http/client.hpp"
#include "bot/http/self_signed.hpp"
#include "bot/http/server.hpp"
#include "bot/http_metrics.hpp"
#include "bot/metrics_endpoint.hpp"
#include "bot/outbox_worker.hpp"
#include "bot/page/page_routes.hpp"
#include "bot/router.hpp"
#include "bot/scheduler_loop.hpp"
#include "bot/serve/platforms.hpp"
#include "bot/serve/process.hpp"
#include "bot/serve/routes.hpp"
#include "bot/slack/delivery.hpp"
#include "bot/slack/oauth_routes.hpp"
#include "bot/slack/signing_secret.hpp"
#include "bot/slack/slack_routes.hpp"
#include "bot/slack/web_api.hpp"
#include "bot/teams/teams_routes.hpp"
#include "commands/charts/charts.hpp"
#include "commands/core/dispatcher.hpp"
#include "commands/project/project_page.hpp"
#include "commands/project/report_charts.hpp"
#include "commands/time/calendar.hpp"
#include "store/database.hpp"
#include "store/outbox.hpp"
#include "store/postgresql_backend.hpp"
#include "store/schedule.hpp"

namespace accord::bot {

int serve(const config::Settings& settings) {
  const std::size_t open_file_limit = raise_open_file_limit();
  keep_freed_memory();
  std::filesystem::create_directories(settings.storage.data_dir);
  if (settings.slack.signing_secret.empty()) {
    slack::signing_secret(settings, true);
    spdlog::warn(
        "no Slack signing secret is configured: using a development secret kept in {} "
        "(`accord send` uses it too). Set ACCORD_SLACK_SIGNING_SECRET to connect a workspace.",
        slack::dev_secret_path(settings));
  }
  if (settings.server.tls && settings.server.cert_file.empty() &&
      http::ensure_self_signed_certificate(settings.cert_path(), settings.key_path())) {
    spdlog::info("generated a self-signed TLS certificate: {} (key {})", settings.cert_path(),
                 settings.key_path());
  }

  if (!settings.storage.url.empty()) {
    spdlog::info("connecting to PostgreSQL at {}", settings.database_name());
  }
  store::Database db(settings.database_location(), settings.storage.busy_timeout_ms);
  spdlog::info("database {} at schema version {}", settings.database_name(), db.schema_version());
  db.checkpoint_in_background();

  commands::SystemClock system_clock;
  const auto test_clock = test_clock_from_environment();
  const commands::Clock& clock =
      test_clock ? static_cast<const commands::Clock&>(*test_clock) : system_clock;
  if (test_clock) {
    spdlog::warn("test clock in use: time stands at {} until POST /test/clock moves it",
                 store::format_utc(clock.now()));
  }
  // Chart images and page links need an address Slack, Teams and browsers reach: one the operator
  // set, not the listening address Accord falls back to.
  commands::Dispatcher dispatcher(db, clock, settings.effective_public_url(),
                                  !settings.server.public_url.empty());

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
  // Every platform this process delivers to, by its enum (bot/platform.hpp).
  slack::SlackDelivery slack_delivery(db, delivery_clock, api, workspaces);
  Platforms platforms;
  platforms.add(store::Platform::slack, slack_delivery);
  if (teams.delivery) platforms.add(store::Platform::teams, *teams.delivery);
  // Named by host and port: a replica restarted after a crash takes back what it had claimed.
  OutboxWorker worker(db, delivery_clock, platforms, settings.outbox, &delivery_metrics,
                      replica_name(settings.server.port));
  SchedulerLoop scheduler(
      db, clock, settings.effective_public_url(), [&worker] { worker.wake(); }, &scheduler_metrics,
      !settings.server.public_url.empty());

  slack::SlackRoutes slack_routes(
      {slack::signing_secret(settings, false), settings.slack.signature_window,
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
    teams_routes.emplace(
        *teams.auth, db, dispatcher, clock, settings.storage.event_dedupe_retention,
        [&worker, &scheduler] {
          worker.wake_if_queued();
          scheduler.wake_if_rescheduled();
        },
        settings.teams.playground);
    router.add("POST", "/api/messages", [&](const auto& r) { return teams_routes->messages(r); });
    if (settings.teams.playground) {
      // The Playground probes the endpoint with HEAD before it connects and calls any other
      // answer (405) "cannot connect".
      router.add("HEAD", "/api/messages", [](const auto&) { return http::Response::empty(200); });
    }
  }
  router.add_prefix("GET", "/exports/",
                    [&](const auto& r) { return download_export(db, clock, r); });
  router.add_prefix("GET", std::string(commands::kChartPath),
                    [&](const auto& r) { return chart_image(db, clock, r); });
  page::PageRoutes page_routes(db, clock, settings.effective_public_url());
  router.add_prefix("GET", std::string(commands::kPagePath) + "/",
                    [&](const auto& r) { return page_routes.landing(r); });
  router.add_prefix("POST", std::string(commands::kPagePath) + "/",
                    [&](const auto& r) { return page_routes.open_link(r); });
  router.add("GET", std::string(commands::kPagePath),
             [&](const auto& r) { return page_routes.show(r); });
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

  auto options = server_options(settings, open_file_limit);
  // Handlers run on threads of their own, never on the threads that accept connections and
  // read and write TLS. On PostgreSQL a request's database work waits on the network (and on other
  // replicas' units of work): as many threads as the connection pool holds. On SQLite, one: there
  // is one writer, and two request threads taking turns at it spent about a quarter of each
  // request's CPU waiting for and waking each other (README, Benchmarks).
  options.handler_threads =
      db.engine() == store::Engine::postgresql ? store::PostgresqlOptions{}.pool_size : 1;
  // Group commit: the requests that wait for that one thread are handled in one SQLite
  // transaction, each in a savepoint of its own, and committed together; their answers go out
  // only after the commit (so an answered request is as durable as before) and become 500s if
  // it fails. A command's WAL frames and file locks are then shared with its neighbours'.
  if (db.engine() == store::Engine::sqlite) {
    options.handler_batch = [&db, &scheduler, &worker](const std::function<void()>& run_all) {
      std::optional<store::CommitGroup> group;
      try {
        group.emplace(db);
      } catch (const std::exception& error) {
        // The writer is busy past the busy timeout (another process): each on its own, as ever.
        spdlog::warn("handling requests one by one: {}", error.what());
      }
      const auto rescheduled = store::Schedule::changed_so_far();
      const auto queued = store::Outbox::queued_so_far();
      run_all();
      if (!group) return true;
      try {
        group->commit();
      } catch (const std::exception& error) {
        spdlog::error("a group commit failed, its requests are answered 500: {}", error.what());
        return false;
      }
      // Each request woke the workers for what it wrote, but a worker that looked before this
      // commit (the scheduler reads beside the writer) did not see it: they look again now.
      if (store::Schedule::changed_so_far() != rescheduled) scheduler.wake();
      if (store::Outbox::queued_so_far() != queued) worker.wake();
      return true;
    };
  }
  http::Server server(
      std::move(options),
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
  // The font caches the charts filled live as long as the process: freed for leak checkers.
  commands::charts::release_drawing_caches();
  spdlog::info("stopped cleanly");
  return 0;
}

}  // namespace accord::bot
