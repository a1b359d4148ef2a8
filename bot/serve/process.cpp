#include "bot/serve/process.hpp"

#include <malloc.h>
#include <sys/resource.h>

#include <spdlog/spdlog.h>

namespace accord::bot {
namespace {

// File descriptors kept for what is not a client connection: the database and its WAL, logs,
// outbound connections, the listening socket.
constexpr std::size_t kReservedFiles = 64;

}  // namespace

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

}  // namespace accord::bot
