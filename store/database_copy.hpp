// Copying a SQLite database with the online backup API (safe while other connections write),
// checking a copy, and the file-system steps around it: private files, syncing, placing.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace SQLite {
class Database;
}

namespace accord::store {

struct CopyPacing {
  int pages_per_step = 256;  // 1 MB at the default page size
  std::chrono::milliseconds busy_pause{10};
  std::chrono::milliseconds busy_limit{30000};  // give up after being busy this long in total
  // Called after each step with the pages still to copy and the total (progress; tests commit
  // between steps through it).
  std::function<void(int remaining, int total)> on_step;
};

// Copies the main database of `source` into `destination`, a connection nobody else uses. The
// copy is one snapshot of `source`: it is read inside a single read transaction, which in WAL mode
// does not hold up writers and keeps concurrent commits from restarting the copy.
void copy_database(SQLite::Database& source, SQLite::Database& destination,
                   const CopyPacing& pacing = {});

struct DatabaseCheck {
  int schema_version = 0;
  bool accord_tables = false;  // the tables every Accord schema has
  std::string integrity;       // "ok", or what PRAGMA integrity_check found
};
DatabaseCheck check_database(SQLite::Database& db);

// Creates an empty file at `path` readable and writable by the owner only; fails if it exists.
void create_private_file(const std::string& path);
// Flushes a file, or a directory's entries, to stable storage.
void sync_path(const std::string& path);
// Removes `path` and SQLite's companion files (-journal, -wal, -shm); ignores missing ones.
void remove_database_files(const std::string& path);

}  // namespace accord::store
