#include "bot/logging.hpp"

#include <algorithm>
#include <cstdio>
#include <random>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace accord::bot {
namespace {

thread_local std::string current_id;

// Set only while log_request logs its line.
struct RequestFields {
  bool active = false;
  std::string_view route;
  int status = 0;
  double duration_ms = 0;
};
thread_local RequestFields request_fields;

void append(spdlog::memory_buf_t& dest, std::string_view text) {
  dest.append(text.data(), text.data() + text.size());
}

// %q: " [r-abc]" in text logs; the bare id in JSON logs.
class RequestIdFlag final : public spdlog::custom_flag_formatter {
 public:
  explicit RequestIdFlag(bool bare) : bare_(bare) {}
  void format(const spdlog::details::log_msg&, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    if (bare_) {
      append(dest, current_id);
    } else if (!current_id.empty()) {
      append(dest, " [");
      append(dest, current_id);
      append(dest, "]");
    }
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<RequestIdFlag>(bare_);
  }

 private:
  bool bare_;
};

void append_json_escaped(spdlog::memory_buf_t& dest, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char c : text) {
    switch (c) {
      case '"':
        append(dest, "\\\"");
        break;
      case '\\':
        append(dest, "\\\\");
        break;
      case '\n':
        append(dest, "\\n");
        break;
      case '\r':
        append(dest, "\\r");
        break;
      case '\t':
        append(dest, "\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          const char escaped[] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xf], kHex[c & 0xf]};
          dest.append(escaped, escaped + sizeof(escaped));
        } else {
          dest.push_back(c);
        }
    }
  }
}

// %j: the message, escaped for a JSON string.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    append_json_escaped(dest, std::string_view(msg.payload.data(), msg.payload.size()));
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

// %R: ,"route":...,"status":...,"duration_ms":... on a request's line in JSON logs, else nothing.
class RequestFieldsFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    if (!request_fields.active) return;
    append(dest, R"(,"route":")");
    append_json_escaped(dest, request_fields.route);
    append(dest, R"(","status":)");
    append(dest, std::to_string(request_fields.status));
    append(dest, R"(,"duration_ms":)");
    char buffer[32];
    const int size = std::snprintf(buffer, sizeof(buffer), "%.3f", request_fields.duration_ms);
    append(dest, std::string_view(buffer, static_cast<std::size_t>(std::max(size, 0))));
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<RequestFieldsFlag>();
  }
};

}  // namespace

void init_logging(const config::LogSettings& settings) {
  auto logger = spdlog::stderr_color_mt("accord");
  const bool json = settings.format == "json";
  auto formatter = std::make_unique<spdlog::pattern_formatter>(
      json ? spdlog::pattern_time_type::utc : spdlog::pattern_time_type::local);
  formatter->add_flag<RequestIdFlag>('q', json);
  if (json) {
    formatter->add_flag<JsonMessageFlag>('j');
    formatter->add_flag<RequestFieldsFlag>('R');
    formatter->set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","request_id":"%q"%R,"message":"%j"})");
  } else {
    formatter->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$%q %v");
  }
  logger->set_formatter(std::move(formatter));
  logger->set_level(spdlog::level::from_str(settings.level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

std::string new_request_id(const char* prefix) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string id = prefix;
  for (int i = 0; i < 12; ++i, bits >>= 4) id.push_back(kHex[bits & 0xf]);
  return id;
}

void log_request(std::string_view method, std::string_view shown, std::string_view route,
                 int status, double seconds) {
  const double ms = seconds * 1000.0;
  request_fields = {true, route, status, ms};
  spdlog::info("{} {} -> {} in {:.2f} ms", method, shown, status, ms);
  request_fields = {};
}

LogScope::LogScope(const std::string& id) : previous_(std::move(current_id)) {
  current_id = id;
}

LogScope::~LogScope() {
  current_id = std::move(previous_);
}

}  // namespace accord::bot
