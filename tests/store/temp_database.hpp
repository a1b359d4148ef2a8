// Store test fixtures: a database of its own for each test, removed afterwards, and a project to
// hang rows on. A TempDatabase is an SQLite file (with its WAL files), or, when
// ACCORD_TEST_DATABASE_URL names a PostgreSQL server (tests/postgresql/with_cluster.sh), a fresh
// database on it: the same tests then run on either engine.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <libpq-fe.h>
#include <unistd.h>

#include "store/database.hpp"
#include "store/projects.hpp"

namespace accord::testing {

class TempPath {
 public:
  TempPath() {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = std::filesystem::temp_directory_path() /
            ("accord-test-" + std::to_string(::getpid()) + "-" + std::to_string(stamp) + "-" +
             std::to_string(counter++) + ".db");
  }
  ~TempPath() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal", "-lock"}) {
      std::filesystem::remove(path_.string() + suffix, ignored);
    }
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;

  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// The engine the tests run on: SQLite unless ACCORD_TEST_DATABASE_URL is set.
inline const char* postgresql_test_server() {
  const char* url = std::getenv("ACCORD_TEST_DATABASE_URL");
  return url && *url ? url : nullptr;
}

class TempDatabase {
 public:
  TempDatabase() {
    const char* server = postgresql_test_server();
    if (!server) return;
    static std::atomic<int> counter{0};
    name_ = "accord_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    admin("CREATE DATABASE " + name_);
    // postgresql://user@/DBNAME?host=… → the same with this test's database.
    const std::string base = server;
    const auto start = base.find('/', base.find("://") + 3);
    const auto end = base.find('?', start);
    url_ = base.substr(0, start + 1) + name_ + (end == std::string::npos ? "" : base.substr(end));
  }
  ~TempDatabase() {
    if (name_.empty()) return;
    try {
      admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
      // Left for the cluster's removal.
    }
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  // What store::Database opens: a file path or a postgresql:// URL.
  std::string str() const { return url_.empty() ? file_.str() : url_; }

 private:
  static void admin(const std::string& sql) {
    std::unique_ptr<PGconn, void (*)(PGconn*)> connection(PQconnectdb(postgresql_test_server()),
                                                          PQfinish);
    if (PQstatus(connection.get()) != CONNECTION_OK) {
      throw std::runtime_error(std::string("test PostgreSQL: ") + PQerrorMessage(connection.get()));
    }
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(connection.get(), sql.c_str()),
                                                          PQclear);
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      throw std::runtime_error("test PostgreSQL: " + sql + ": " +
                               PQresultErrorMessage(result.get()));
    }
  }

  TempPath file_;
  std::string name_;
  std::string url_;
};

// A Slack project bound to `channel` in workspace T1; returns its id.
inline std::int64_t new_project(store::Database& db, const std::string& channel) {
  store::Project project;
  project.platform = accord::store::Platform::slack;
  project.workspace = "T1";
  project.channel = channel;
  project.name = "Project " + channel;
  project.created_by = "U1";
  return store::Projects(db).create(project)->id;
}

}  // namespace accord::testing
