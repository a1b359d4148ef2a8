// The server's own routes beside Slack's and Teams': readiness, export downloads and the test
// clock of the end-to-end tests.
#pragma once

#include <memory>

#include "bot/http/message.hpp"
#include "bot/outbox_worker.hpp"
#include "bot/scheduler_loop.hpp"
#include "commands/core/clock.hpp"
#include "store/database.hpp"

namespace accord::bot {

// GET /readyz: 200 with the outbox's pending and dead counts, 503 when the database fails.
http::Response readiness(store::Database& db);

// GET /exports/<token>: a file prepared by `log export`.
http::Response download_export(store::Database& db, const commands::Clock& clock,
                               const http::Request& request);

// GET /charts/<token>.png: a chart drawn for a report, shown inline until it expires.
http::Response chart_image(store::Database& db, const commands::Clock& clock,
                           const http::Request& request);

// The test clock of ACCORD_TEST_CLOCK, or null when it is not set.
std::unique_ptr<commands::ManualClock> test_clock_from_environment();

// POST /test/clock: moves the test clock and runs what fell due.
http::Response advance_test_clock(commands::ManualClock& clock, SchedulerLoop& scheduler,
                                  OutboxWorker& worker, const http::Request& request);

}  // namespace accord::bot
