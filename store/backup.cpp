#include "store/backup.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include "store/database_lock.hpp"
#include "store/migrations.hpp"

namespace accord::store {
namespace fs = std::filesystem;
namespace {

// A temporary database file that is removed (with its journal) unless it was put in place.
class TemporaryDatabase {
 public:
  explicit TemporaryDatabase(std::string path) : path_(std::move(path)) {
    create_private_file(path_);
  }
  ~TemporaryDatabase() {
    if (!kept_) remove_database_files(path_);
  }
  TemporaryDatabase(const TemporaryDatabase&) = delete;
  TemporaryDatabase& operator=(const TemporaryDatabase&) = delete;

  const std::string& path() const { return path_; }
  void keep() { kept_ = true; }

 private:
  std::string path_;
  bool kept_ = false;
};

std::string temporary_name(const fs::path& beside, const char* what) {
  return (beside.parent_path() / ("." + beside.filename().string() + "." + what + "-" +
                                  std::to_string(::getpid()) + ".tmp"))
      .string();
}

std::string parent_directory(const fs::path& path) {
  return path.has_parent_path() ? path.parent_path().string() : std::string(".");
}

void require_accord_database(const DatabaseCheck& check, const std::string& path) {
  if (!check.accord_tables || check.schema_version < 1) {
    throw MaintenanceRefused(path + " is not an Accord database");
  }
  if (check.schema_version > latest_schema_version()) {
    throw MaintenanceRefused(path + " has schema version " + std::to_string(check.schema_version) +
                             ", newer than this build of Accord knows (" +
                             std::to_string(latest_schema_version()) +
                             "); restore it with a newer accord");
  }
  if (check.integrity != "ok") {
    throw MaintenanceRefused(path + " is damaged (integrity check: " + check.integrity + ")");
  }
}

// Moves `from` to `to`; without `overwrite`, fails rather than replace an existing file, even one
// created since we last looked.
void place(const std::string& from, const std::string& to, bool overwrite) {
  if (overwrite) {
    fs::rename(from, to);
    return;
  }
  if (::link(from.c_str(), to.c_str()) == 0) {
    fs::remove(from);
    return;
  }
  if (errno == EEXIST) throw MaintenanceRefused(to + " already exists; use --force to replace it");
  // File systems without hard links: a plain rename after a last look.
  if (fs::exists(to)) throw MaintenanceRefused(to + " already exists; use --force to replace it");
  fs::rename(from, to);
}

// "accord.db.before-restore-20261127T160000Z", or with "-2", "-3" ... if that exists already.
std::string replaced_copy_name(const std::string& database_path, Timestamp now) {
  std::string stamp = format_utc(std::chrono::floor<std::chrono::seconds>(now));
  std::erase_if(stamp, [](char c) { return c == '-' || c == ':'; });
  const std::string base = database_path + ".before-restore-" + stamp;
  std::string name = base;
  for (int n = 2; fs::exists(name) || fs::exists(name + "-wal"); ++n) {
    name = base + "-" + std::to_string(n);
  }
  return name;
}

}  // namespace

BackupReport backup_database(Database& source, const std::string& target,
                             const BackupOptions& options) {
  const fs::path target_path(target);
  if (fs::is_directory(target_path)) {
    throw MaintenanceRefused(target + " is a directory; give the backup a file name");
  }
  const std::string live = source.sqlite().getFilename();
  if (fs::weakly_canonical(target_path) == fs::weakly_canonical(live)) {
    throw MaintenanceRefused(target + " is the live database itself; choose another file");
  }
  if (!options.overwrite && fs::exists(target_path)) {
    throw MaintenanceRefused(target + " already exists; use --force to replace it");
  }

  TemporaryDatabase temporary(temporary_name(target_path, "backup"));
  BackupReport report;
  {
    SQLite::Database copy(temporary.path(), SQLite::OPEN_READWRITE);
    {
      const ConnectionHold hold(source);
      copy_database(source.sqlite(), copy, options.pacing);
    }
    // The live database is in WAL mode; the backup is one file that needs no -wal beside it.
    copy.exec("PRAGMA journal_mode=DELETE");
    const auto check = check_database(copy);
    if (check.integrity != "ok") {
      throw std::runtime_error("the backup failed its integrity check: " + check.integrity);
    }
    report.schema_version = check.schema_version;
  }
  sync_path(temporary.path());
  place(temporary.path(), target, options.overwrite);
  temporary.keep();
  sync_path(parent_directory(target_path));

  report.path = target;
  report.size_bytes = fs::file_size(target_path);
  return report;
}

RestoreReport restore_database(const std::string& source_file, const std::string& database_path,
                               Timestamp now, int busy_timeout_ms) {
  if (!fs::is_regular_file(source_file)) {
    throw MaintenanceRefused(source_file + " is not a file");
  }
  RestoreReport report;
  try {
    SQLite::Database source(source_file, SQLite::OPEN_READONLY);
    const auto check = check_database(source);
    require_accord_database(check, source_file);
    report.restored_schema_version = check.schema_version;
  } catch (const SQLite::Exception& error) {
    throw MaintenanceRefused(source_file + " is not a readable SQLite database (" + error.what() +
                             ")");
  }

  const fs::path live(database_path);
  if (live.has_parent_path()) fs::create_directories(live.parent_path());
  {
    auto exclusive = DatabaseLock::try_exclusive(database_path);
    if (!exclusive) {
      throw MaintenanceRefused(
          "the database " + database_path +
          " is in use (a running `accord serve`, or another accord command); stop it first, then "
          "restore");
    }

    // Copy and migrate beside the live file, so the final step is a rename on one file system.
    TemporaryDatabase restored(temporary_name(live, "restore"));
    {
      SQLite::Database source(source_file, SQLite::OPEN_READONLY);
      SQLite::Database copy(restored.path(), SQLite::OPEN_READWRITE);
      copy.setBusyTimeout(busy_timeout_ms);
      copy_database(source, copy);
      copy.exec("PRAGMA journal_mode=DELETE");
      migrate(copy);
      const auto check = check_database(copy);
      require_accord_database(check, restored.path());
    }
    sync_path(restored.path());

    if (fs::exists(live)) {
      // Fold the WAL into the old file first, so the copy we keep is complete on its own. A
      // damaged file is still replaced (that may be why we restore); its WAL moves along with it.
      try {
        SQLite::Database old(database_path, SQLite::OPEN_READWRITE);
        old.setBusyTimeout(busy_timeout_ms);
        if (old.execAndGet("PRAGMA wal_checkpoint(TRUNCATE)").getInt() != 0) {
          throw MaintenanceRefused("the database " + database_path +
                                   " is busy (another program has it open); stop it first");
        }
      } catch (const SQLite::Exception& error) {
        const int code = error.getErrorCode() & 0xff;
        if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB) throw;
      }
      report.replaced_copy = replaced_copy_name(database_path, now);
      for (const char* suffix : {"-wal", "-shm"}) {
        if (fs::exists(database_path + suffix)) {
          fs::rename(database_path + suffix, report.replaced_copy + suffix);
        }
      }
      fs::rename(live, report.replaced_copy);
    }
    fs::rename(restored.path(), live);
    restored.keep();
    sync_path(parent_directory(live));
  }  // the exclusive lock is released here; opening takes a shared one

  Database database(database_path, busy_timeout_ms);
  report.schema_version = database.schema_version();
  return report;
}

}  // namespace accord::store
