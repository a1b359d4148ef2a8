#include "store/database_copy.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

namespace accord::store {
namespace {

struct BackupFinisher {
  void operator()(sqlite3_backup* backup) const { sqlite3_backup_finish(backup); }
};

std::runtime_error sqlite_error(const char* step, sqlite3* db) {
  return std::runtime_error(std::string(step) + ": " + sqlite3_errmsg(db));
}

}  // namespace

void copy_database(SQLite::Database& source, SQLite::Database& destination,
                   const CopyPacing& pacing) {
  // Pin one snapshot of the source for the whole copy (rolled back at the end: nothing written).
  SQLite::Transaction snapshot(source, SQLite::TransactionBehavior::DEFERRED);
  source.execAndGet("SELECT count(*) FROM sqlite_schema");

  sqlite3* to = destination.getHandle();
  std::unique_ptr<sqlite3_backup, BackupFinisher> backup(
      sqlite3_backup_init(to, "main", source.getHandle(), "main"));
  if (!backup) throw sqlite_error("cannot start the backup", to);

  std::chrono::milliseconds waited{0};
  for (;;) {
    const int rc = sqlite3_backup_step(backup.get(), pacing.pages_per_step);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_OK) {
      if (pacing.on_step) {
        pacing.on_step(sqlite3_backup_remaining(backup.get()),
                       sqlite3_backup_pagecount(backup.get()));
      }
      continue;
    }
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited < pacing.busy_limit) {
      std::this_thread::sleep_for(pacing.busy_pause);
      waited += pacing.busy_pause;
      continue;
    }
    throw std::runtime_error(std::string("the backup failed: ") + sqlite3_errstr(rc));
  }
  if (sqlite3_backup_finish(backup.release()) != SQLITE_OK) {
    throw sqlite_error("the backup failed", to);
  }
}

DatabaseCheck check_database(SQLite::Database& db) {
  DatabaseCheck check;
  check.schema_version = db.execAndGet("PRAGMA user_version").getInt();
  check.accord_tables = db.execAndGet(
                              "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                              "('projects', 'roles', 'objectives', 'decision_log', 'outbox')")
                            .getInt() == 5;
  SQLite::Statement integrity(db, "PRAGMA integrity_check(20)");
  while (integrity.executeStep()) {
    if (!check.integrity.empty()) check.integrity += "; ";
    check.integrity += integrity.getColumn(0).getString();
  }
  return check;
}

void create_private_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  ::close(fd);
}

void sync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot sync " + path + ": " + std::strerror(error));
}

void remove_database_files(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::filesystem::remove(path + suffix, ignored);
  }
}

}  // namespace accord::store
