// Who is using a database file. Every process that opens the database (serve, migrate, backup,
// export) holds a shared lock on "<database>-lock" for as long as it has it open; `accord restore`
// takes the lock exclusively, so it can only swap the file when nobody has it open, and nobody can
// open it while it does. flock(2) locks are released by the kernel when a process dies, so a
// crash leaves nothing stale behind. SQLite's own locks cannot tell this: in WAL mode an idle
// server holds no lock a second connection could test for.
#pragma once

#include <optional>
#include <string>

namespace accord::store {

class DatabaseLock {
 public:
  // Shared: throws std::runtime_error while a restore holds the lock exclusively.
  static DatabaseLock shared(const std::string& database_path);
  // Exclusive: nullopt when any other process (or another Database in this one) has it open.
  static std::optional<DatabaseLock> try_exclusive(const std::string& database_path);

  ~DatabaseLock();
  DatabaseLock(DatabaseLock&& other) noexcept;
  DatabaseLock& operator=(DatabaseLock&& other) noexcept;
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

std::string lock_path(const std::string& database_path);

}  // namespace accord::store
