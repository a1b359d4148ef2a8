// What `serve` asks of the process before it listens: file descriptors for every connection, a
// heap that keeps freed memory, and the server's options sized to fit.
#pragma once

#include <cstddef>

#include "bot/http/server.hpp"
#include "config/settings.hpp"

namespace accord::bot {

// Raises the soft open-file limit to the hard one; returns the limit in force (0: unknown).
std::size_t raise_open_file_limit();

// Tunes glibc's malloc so freed memory is kept for the next request rather than returned at once.
void keep_freed_memory();

// The HTTP server's options from the settings, with max_connections lowered to fit the limit.
http::ServerOptions server_options(const config::Settings& settings, std::size_t open_file_limit);

}  // namespace accord::bot
