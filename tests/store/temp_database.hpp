// Store test fixtures: a database file of its own for each test, removed (with its WAL files)
// afterwards, and a project to hang rows on.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>

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
