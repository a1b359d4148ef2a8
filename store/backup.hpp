// `accord backup` and `accord restore`: a consistent copy of the live database taken while the
// server keeps running, and putting such a copy back in place of the database.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "store/database.hpp"
#include "store/database_copy.hpp"
#include "store/time.hpp"

namespace accord::store {

// Refused for a reason the operator can fix (the target exists, the file is not an Accord
// database, a server is running); the message says what to do.
class MaintenanceRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BackupOptions {
  bool overwrite = false;
  CopyPacing pacing;
};

struct BackupReport {
  std::string path;
  std::uintmax_t size_bytes = 0;
  int schema_version = 0;
};

// Writes a snapshot of `source` to `target`: first to a private temporary file beside it, which
// is checked (PRAGMA integrity_check) and synced, then moved into place. The result is one
// self-contained file (rollback-journal mode), readable by the owner only.
BackupReport backup_database(Database& source, const std::string& target,
                             const BackupOptions& options = {});

struct RestoreReport {
  int restored_schema_version = 0;  // as found in the backup
  int schema_version = 0;           // after migrating
  std::string replaced_copy;        // where the replaced database was kept; empty if there was none
};

// Replaces the database at `database_path` with the backup `source_file`, which must be an intact
// Accord database no newer than this build. Refused while any process has the database open (see
// database_lock.hpp). The replaced database is kept as <database>.before-restore-<UTC time>.
RestoreReport restore_database(const std::string& source_file, const std::string& database_path,
                               Timestamp now, int busy_timeout_ms = 5000);

}  // namespace accord::store
