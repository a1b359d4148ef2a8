#include "bot/serve/routes.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "commands/charts/chart_data.hpp"
#include "commands/project/report_charts.hpp"
#include "commands/time/calendar.hpp"
#include "commands/time/scheduler.hpp"
#include "store/exports.hpp"
#include "store/outbox.hpp"
#include "store/random_token.hpp"

namespace accord::bot {

http::Response readiness(store::Database& db) {
  try {
    store::Transaction tx(db, store::Scope::read_only);  // waits for no writer
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
  const bool well_formed = store::is_hex_token(token, 64);
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

// GET /charts/<token>.png: a report's chart, drawn from its stored data. Like an export, the
// unguessable token is the credential; Slack and Teams fetch it to show the image, so it is
// served inline, and only the charts among the stored files are served here.
http::Response chart_image(store::Database& db, const commands::Clock& clock,
                           const http::Request& request) {
  const std::string path = request.path();
  std::string_view name = path;
  name.remove_prefix(commands::kChartPath.size());
  std::optional<store::Export> file;
  if (name.ends_with(".png") && store::is_hex_token(name.substr(0, name.size() - 4), 64)) {
    store::Transaction tx(db, store::Scope::read_only);
    file = store::Exports(db).find_valid(std::string(name.substr(0, name.size() - 4)), clock.now());
  }
  if (!file || file->content_type != store::kChartContentType) {
    return http::Response::text(404,
                                "This chart is unknown or has expired. Run /accord report for "
                                "a new one.\n");
  }
  // Drawing takes milliseconds: on a slow-work thread, not the one every request waits for.
  http::Response pending;
  pending.deferred = [data = std::move(file->body)] {
    const auto chart = nlohmann::json::parse(data, nullptr, false);
    try {
      http::Response response;
      response.content_type = "image/png";
      response.body = commands::charts::draw(chart, commands::charts::Format::png);
      response.headers = {{"Cache-Control", "private, max-age=3600"},
                          {"X-Content-Type-Options", "nosniff"}};
      return response;
    } catch (const std::invalid_argument& error) {
      spdlog::error("a stored chart does not draw: {}", error.what());
      return http::Response::text(500, "This chart could not be drawn.\n");
    }
  };
  return pending;
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
  // The scheduler's jobs run on a slow-work thread, not on the handler thread: there the
  // requests' group commit holds the database, and the scheduler would wait for it forever.
  http::Response pending;
  pending.deferred = [&clock, &scheduler, &worker, seconds] {
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
  };
  return pending;
}

}  // namespace accord::bot
