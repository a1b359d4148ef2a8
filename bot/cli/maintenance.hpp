// The operator's subcommands beside `serve`: send, migrate, backup, restore, export, copy-data,
// leadership and healthcheck.
// Each prints what it did and returns the process exit code: 0 done, 1 failed, 2 refused (the
// message says what to change).
#pragma once

#include <cstdint>
#include <string>

#include "config/settings.hpp"

namespace accord::bot {

// `send`: signs a slash command as Slack would, posts it to the running server, prints the reply.
struct SendOptions {
  std::string user = "U1";
  std::string channel = "C1";
  std::string team = "T1";
  std::string text;  // "/accord help" or just "help"
  // The name the server's certificate is checked for, when it is not the listen address.
  std::string server_name;
};
int send(const config::Settings& settings, const SendOptions& options);

// `migrate`: creates or upgrades the database schema and says at which version it is.
int migrate(const config::Settings& settings);

struct BackupCommand {
  std::string file;
  bool force = false;  // replace an existing file
};
int backup(const config::Settings& settings, const BackupCommand& command);

int restore(const config::Settings& settings, const std::string& file);

struct ExportCommand {
  std::int64_t project = 0;
  std::string output;  // empty: standard output
  bool include_problem_reports = false;
  bool include_restricted_documents = false;
};
int export_project(const config::Settings& settings, const ExportCommand& command);

// `copy-data --to postgresql://…`: moves a SQLite deployment (the configured data directory's
// database, not in use) into an empty PostgreSQL database and says what it moved.
int copy_data(const config::Settings& settings, const std::string& to);

// `role grant-leadership|revoke-leadership`: leadership is not the pm's to give, so the first
// leadership of a project comes from whoever runs the server. The person is told as usual.
struct LeadershipCommand {
  std::int64_t project = 0;
  std::string user;  // the platform's user id (Slack U…, Teams 29:…)
  bool grant = true;
  // `role add|remove --role R`: any role by its name; empty: leadership (grant-/revoke-leadership).
  std::string role;
};
int change_leadership(const config::Settings& settings, const LeadershipCommand& command);

// GET /healthz of the server on this machine (or `url`); 0 when it answers 200.
// `server_name`: the name the server's certificate is checked for (default: the URL's host).
int healthcheck(const config::Settings& settings, const std::string& url,
                const std::string& server_name = {});

}  // namespace accord::bot
