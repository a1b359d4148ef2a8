// Logging setup: spdlog, human-readable by default or JSON lines, with the current request id on
// every line logged while a request is handled. Never pass secrets, tokens or bodies to a logger.
#pragma once

#include <string>
#include <string_view>

#include "config/settings.hpp"

namespace accord::bot {

void init_logging(const config::LogSettings& settings);

// A short random id for one request (or one delivery), e.g. "r-3f9a1c07be42".
std::string new_request_id(const char* prefix = "r-");

// The one line logged per answered request: "POST /slack/commands -> 200 in 1.52 ms"; JSON logs
// also carry "route", "status" and "duration_ms" fields. `shown` is the route pattern, or the
// path when no route matched (a prefix route's path may hold a credential, e.g. an export token).
void log_request(std::string_view method, std::string_view shown, std::string_view route,
                 int status, double seconds);

// Tags every log line on this thread with the id while the scope lives.
class LogScope {
 public:
  explicit LogScope(const std::string& id);
  ~LogScope();
  LogScope(const LogScope&) = delete;
  LogScope& operator=(const LogScope&) = delete;

 private:
  std::string previous_;
};

}  // namespace accord::bot
