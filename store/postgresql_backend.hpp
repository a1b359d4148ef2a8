// PostgreSQL behind the backend seam (libpq): a pool of connections to one database, each with
// its own prepared statements. A unit of work is BEGIN … COMMIT on one pooled connection; it
// first takes a transaction-scoped advisory lock, so units of work that write run one at a time
// across every replica, as they do on SQLite's single writer (the repositories read, then write:
// "the next number", "the version after the last"). A command's unit of work (Scope::one_project)
// takes that lock shared and then its project's exclusively, so different projects' commands
// run side by side. Reads outside a unit of work do not wait.
//
// A connection that breaks (the server restarted) fails the work in flight; the pool replaces it
// before handing it out again. An empty database gets the whole schema at once
// (postgresql_schema.hpp), under a lock, so replicas starting together do not race.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/backend.hpp"

namespace accord::store {

struct PostgresqlOptions {
  int pool_size = 8;
  // How long opening waits for the server to accept connections (it may be starting too).
  std::chrono::milliseconds connect_timeout{30000};
};

class PostgresqlConnection;

class PostgresqlBackend final : public Backend {
 public:
  // Connects to `url` (a libpq URI, postgresql://…), creating the schema in an empty database.
  // Throws with libpq's reason when it cannot (the URL is not repeated: it may hold a password).
  PostgresqlBackend(const std::string& url, PostgresqlOptions options = {});
  ~PostgresqlBackend() override;

  Engine engine() const override { return Engine::postgresql; }
  Connection& acquire() override;
  void release(Connection& connection) noexcept override;
  int schema_version() override;
  // LISTEN on a connection of its own, outside the pool.
  std::unique_ptr<Notifications> listen(const std::string& channel) override;

 private:
  std::unique_ptr<PostgresqlConnection> connect();
  void create_schema_if_empty();

  const std::string url_;
  const PostgresqlOptions options_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<PostgresqlConnection>> all_;
  std::vector<PostgresqlConnection*> idle_;
};

bool is_postgresql_url(const std::string& location);

}  // namespace accord::store
