// A database file of its own for each test, removed (with its WAL files) afterwards.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>

#include <unistd.h>

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
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path_.string() + suffix, ignored);
    }
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;

  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace accord::testing
