#include "bot/cli/maintenance.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "bot/http/client.hpp"
#include "bot/local_server.hpp"
#include "commands/project/role_commands.hpp"
#include "commands/time/calendar.hpp"
#include "store/backup.hpp"
#include "store/database_lock.hpp"
#include "store/engine_copy.hpp"
#include "store/migrations.hpp"
#include "store/postgresql_backend.hpp"
#include "store/project_export.hpp"
#include "store/projects.hpp"
#include "store/roles.hpp"

namespace accord::bot {
namespace {

constexpr std::chrono::seconds kHealthcheckTimeout{5};

store::Timestamp now() {
  return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// A server run with ACCORD_TEST_CLOCK lives at that instant (and later): a change made beside it
// is stamped then, so what it queues is due on the server's clock too.
store::Timestamp server_now() {
  const char* test_clock = std::getenv("ACCORD_TEST_CLOCK");
  if (test_clock != nullptr && *test_clock != '\0') {
    if (const auto start = commands::parse_instant(test_clock)) return *start;
  }
  return now();
}

// Opening creates a database where there is none; the maintenance commands want an existing one.
bool database_exists(const config::Settings& settings, const char* command) {
  // A PostgreSQL server says for itself whether it is there.
  if (!settings.storage.url.empty()) return true;
  if (std::filesystem::exists(settings.database_path())) return true;
  std::cerr << "accord " << command << ": there is no database at " << settings.database_path()
            << " (check --config and ACCORD_DATA_DIR)\n";
  return false;
}

// Writes `text` to `path`, readable by the owner only: an export holds the customer's data.
void write_private(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = written && ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!synced) {
    std::filesystem::remove(temporary);
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
  }
  std::filesystem::rename(temporary, path);
}

}  // namespace

// backup and restore copy the SQLite file; PostgreSQL has its own tools for that.
bool sqlite_only(const config::Settings& settings, const char* command) {
  if (settings.storage.url.empty()) return true;
  std::cerr << "accord " << command << " copies the SQLite file; this configuration uses "
            << "PostgreSQL (" << settings.database_name() << "): use pg_dump and pg_restore "
            << "(README, \"Running several replicas\")\n";
  return false;
}

int backup(const config::Settings& settings, const BackupCommand& command) {
  if (!sqlite_only(settings, "backup")) return 2;
  if (!database_exists(settings, "backup")) return 2;
  try {
    store::Database db(settings.database_location(), settings.storage.busy_timeout_ms);
    const auto report = store::backup_database(db, command.file, {command.force, {}});
    std::cout << "backed up " << settings.database_path() << " to " << report.path << ": "
              << report.size_bytes << " bytes, schema version " << report.schema_version
              << ", integrity ok\n";
    return 0;
  } catch (const store::MaintenanceRefused& refused) {
    std::cerr << "accord backup: " << refused.what() << "\n";
    return 2;
  }
}

int restore(const config::Settings& settings, const std::string& file) {
  if (!sqlite_only(settings, "restore")) return 2;
  try {
    std::filesystem::create_directories(settings.storage.data_dir);
    const auto report = store::restore_database(file, settings.database_path(), now(),
                                                settings.storage.busy_timeout_ms);
    std::cout << "restored " << file << " (schema version " << report.restored_schema_version
              << ") into " << settings.database_path() << ", now at schema version "
              << report.schema_version << "\n";
    if (!report.replaced_copy.empty()) {
      std::cout << "the database it replaced is kept as " << report.replaced_copy << "\n";
    }
    return 0;
  } catch (const store::MaintenanceRefused& refused) {
    std::cerr << "accord restore: " << refused.what() << "\n";
    return 2;
  }
}

int export_project(const config::Settings& settings, const ExportCommand& command) {
  if (!database_exists(settings, "export")) return 2;
  store::Database db(settings.database_location(), settings.storage.busy_timeout_ms);
  const auto document = store::export_project(
      db, command.project, now(),
      {command.include_problem_reports, command.include_restricted_documents});
  if (!document) {
    std::cerr << "accord export: there is no project " << command.project << ".";
    const auto projects = store::describe_projects(db);
    if (projects.empty()) std::cerr << " The database holds no projects.";
    if (!projects.empty()) std::cerr << " The projects are:";
    std::cerr << "\n";
    for (const auto& line : projects) std::cerr << "  " << line << "\n";
    return 2;
  }
  if (command.output.empty()) {
    std::cout << *document;
  } else {
    write_private(command.output, *document);
    std::cerr << "exported project " << command.project << " to " << command.output << " ("
              << document->size() << " bytes)\n";
  }
  if (!command.include_problem_reports) {
    std::cerr << "problem reports are not included: they are confidential. Add "
                 "--include-problem-reports to include them.\n";
  }
  if (!command.include_restricted_documents) {
    std::cerr << "documents for some roles only are not included. Add "
                 "--include-restricted-documents to include them.\n";
  }
  return 0;
}

int change_leadership(const config::Settings& settings, const LeadershipCommand& command) {
  const std::string name =
      command.role.empty() ? (command.grant ? "role grant-leadership" : "role revoke-leadership")
                           : (command.grant ? "role add" : "role remove");
  const auto role = command.role.empty() ? std::optional(store::Role::leadership)
                                         : store::parse_role(command.role);
  if (!role) {
    std::cerr << "accord " << name << ": '" << command.role
              << "' is not a role. Roles: customer, delegate, sponsor, pm, lead, dev, qa, "
                 "leadership\n";
    return 2;
  }
  if (!database_exists(settings, name.c_str())) return 2;
  const bool plausible_id =
      !command.user.empty() && command.user.size() <= 200 &&
      std::none_of(command.user.begin(), command.user.end(), [](unsigned char c) {
        return std::isspace(c) || c == '<' || c == '>' || c == '@' || std::iscntrl(c);
      });
  if (!plausible_id) {
    std::cerr << "accord " << name
              << ": give the person's platform user id, e.g. --user U0123ABCD (Slack) or "
                 "--user 29:1a2b… (Teams), without <@ >\n";
    return 2;
  }
  store::Database db(settings.database_location(), settings.storage.busy_timeout_ms);
  const auto outcome = commands::change_role_as_operator(db, command.project, command.user, *role,
                                                         command.grant, server_now());
  if (!outcome.changed) {
    std::cerr << "accord " << name << ": " << outcome.message << "\n";
    if (!store::Projects(db).find(command.project)) {
      for (const auto& line : store::describe_projects(db)) std::cerr << "  " << line << "\n";
    }
    return 2;
  }
  std::cout << outcome.message << "\n";
  return 0;
}

int healthcheck(const config::Settings& settings, const std::string& url,
                const std::string& server_name) {
  http::ClientRequest request;
  request.method = "GET";
  request.url = url.empty() ? local_server_url(settings) + "/healthz" : url;
  try {
    http::HttpClient client(local_server_client(settings, kHealthcheckTimeout, server_name));
    const auto response = client.perform(request);
    if (response.status == 200) {
      std::cout << request.url << ": ok\n";
      return 0;
    }
    std::cerr << "accord healthcheck: " << request.url << " answered HTTP " << response.status
              << "\n";
  } catch (const std::exception& error) {
    std::cerr << "accord healthcheck: cannot reach " << request.url << ": " << error.what() << "\n";
  }
  return 1;
}

int copy_data(const config::Settings& settings, const std::string& to) {
  if (!settings.storage.url.empty()) {
    std::cerr << "accord copy-data moves a SQLite deployment to PostgreSQL; this configuration "
              << "already uses PostgreSQL (" << settings.database_name() << ")\n";
    return 2;
  }
  config::Settings target = settings;
  target.storage.url = to;
  if (!store::is_postgresql_url(to)) {
    std::cerr << "accord copy-data: --to takes a PostgreSQL URL, "
              << "postgresql://user@host/database (got " << target.database_name() << ")\n";
    return 2;
  }
  if (!database_exists(settings, "copy-data")) return 2;
  // Whatever a running server wrote after the copy would be left behind: it must be stopped.
  if (!store::DatabaseLock::try_exclusive(settings.database_path())) {
    std::cerr << "accord copy-data: " << settings.database_path() << " is in use (a server or "
              << "another accord command has it open); stop it first, so nothing written "
              << "after the copy is left behind\n";
    return 2;
  }
  store::Database source(settings.database_path(), settings.storage.busy_timeout_ms);
  store::Database destination(to, settings.storage.busy_timeout_ms);
  std::vector<store::CopiedTable> copied;
  try {
    copied = store::copy_rows(source, destination);
  } catch (const store::DestinationNotEmpty& error) {
    std::cerr << "accord copy-data: " << error.what() << "; copy into a new, empty database "
              << "(createdb), nothing was changed\n";
    return 2;
  }
  std::int64_t rows = 0;
  for (const auto& table : copied) rows += table.rows;
  std::cout << "copied " << rows << " rows in " << copied.size() << " tables from "
            << settings.database_path() << " to " << target.database_name() << " (schema version "
            << destination.schema_version() << "):\n";
  for (const auto& table : copied) {
    if (table.rows > 0) std::cout << "  " << table.table << " " << table.rows << "\n";
  }
  std::cout << "Start the replicas with ACCORD_DATABASE_URL set to it. The SQLite file is left "
               "as it was.\n";
  return 0;
}

int migrate(const config::Settings& settings) {
  if (settings.storage.url.empty()) std::filesystem::create_directories(settings.storage.data_dir);
  store::Database db(settings.database_location(), settings.storage.busy_timeout_ms);
  std::cout << "database " << settings.database_name() << " is at schema version "
            << db.schema_version() << " (latest " << store::latest_schema_version() << ")\n";
  return 0;
}

}  // namespace accord::bot
