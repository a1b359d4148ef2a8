// The accord executable's command line: every subcommand, its options and help, and the exit
// codes (0 done, 1 failed, 2 refused or misconfigured).
#include "bot/cli/cli.hpp"

#include <cstdlib>
#include <iostream>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "bot/cli/maintenance.hpp"
#include "bot/logging.hpp"
#include "bot/serve/serve.hpp"
#include "config/settings.hpp"

namespace accord::bot {
namespace {

config::Settings load_settings(const std::string& config_path) {
  auto settings = config_path.empty() ? config::Settings{} : config::load_file(config_path);
  config::apply_environment(settings, [](const char* name) { return std::getenv(name); });
  return settings;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Accord: the customer-contractor bot for Slack and Teams"};
  app.require_subcommand(1);
  std::string config_path;
  app.add_option("-c,--config", config_path, "TOML configuration file (default: built-in defaults)")
      ->check(CLI::ExistingFile);

  auto* serve = app.add_subcommand("serve", "Run the HTTPS server");
  auto* check = app.add_subcommand("check-config", "Validate the configuration and explain it");
  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  auto* send = app.add_subcommand("send", "Sign a slash command as Slack would and send it");
  SendOptions send_options;
  send->add_option("--user", send_options.user, "Slack user id of the sender")
      ->capture_default_str();
  send->add_option("--channel", send_options.channel, "Slack channel id")->capture_default_str();
  send->add_option("--team", send_options.team, "Slack team (workspace) id")->capture_default_str();
  send->add_option("--servername", send_options.server_name,
                   "Name the server's certificate is checked for (default: the listen host)");
  send->add_option("text", send_options.text, "The command, e.g. \"/accord help\"")->required();

  auto* backup = app.add_subcommand("backup", "Copy the database to a file (the server may run)");
  BackupCommand backup_options;
  backup->add_option("file", backup_options.file, "The backup file to write")->required();
  backup->add_flag("--force", backup_options.force, "Replace the file if it exists");
  auto* restore =
      app.add_subcommand("restore", "Replace the database with a backup (server stopped)");
  std::string restore_file;
  restore->add_option("file", restore_file, "The backup to restore")
      ->required()
      ->check(CLI::ExistingFile);
  auto* export_command = app.add_subcommand("export", "Write everything of one project as JSON");
  ExportCommand export_options;
  export_command->add_option("--project", export_options.project, "The project's id")->required();
  export_command->add_option("-o,--output", export_options.output,
                             "File to write (default: standard output)");
  export_command->add_flag("--include-problem-reports", export_options.include_problem_reports,
                           "Include the confidential problem reports (left out by default)");
  export_command->add_flag("--include-restricted-documents",
                           export_options.include_restricted_documents,
                           "Include documents shared with some roles only (left out by default)");
  auto* copy_data = app.add_subcommand(
      "copy-data",
      "Copy this SQLite deployment into an empty PostgreSQL database (server stopped)");
  std::string copy_to;
  copy_data->add_option("--to", copy_to, "The PostgreSQL database, postgresql://user@host/name")
      ->required();
  auto* role = app.add_subcommand("role", "Give or take a project's leadership (not the pm's to)");
  role->require_subcommand(1);
  LeadershipCommand leadership_options;
  auto* grant_leadership = role->add_subcommand("grant-leadership", "Make someone leadership");
  auto* revoke_leadership = role->add_subcommand("revoke-leadership", "Take leadership away");
  auto* add_role = role->add_subcommand("add", "Give someone any role, as the operator");
  auto* remove_role = role->add_subcommand("remove", "Take a role away, as the operator");
  for (auto* sub : {grant_leadership, revoke_leadership, add_role, remove_role}) {
    sub->add_option("--project", leadership_options.project, "The project's id")->required();
    sub->add_option("--user", leadership_options.user, "The person's platform user id")->required();
  }
  for (auto* sub : {add_role, remove_role}) {
    sub->add_option("--role", leadership_options.role,
                    "customer, delegate, sponsor, pm, lead, dev, qa or leadership")
        ->required();
  }
  auto* healthcheck = app.add_subcommand("healthcheck", "Exit 0 if the local server answers");
  std::string healthcheck_url;
  healthcheck->add_option("--url", healthcheck_url,
                          "URL to GET (default: /healthz at the configured listen address)");
  std::string healthcheck_server_name;
  healthcheck->add_option("--servername", healthcheck_server_name,
                          "Name the server's certificate is checked for (default: the URL's host)");

  for (auto* sub : {serve, check, migrate, send, backup, restore, export_command, copy_data, role,
                    grant_leadership, revoke_leadership, add_role, remove_role, healthcheck}) {
    sub->add_option("-c,--config", config_path, "TOML configuration file")
        ->check(CLI::ExistingFile);
  }
  CLI11_PARSE(app, argc, argv);

  config::Settings settings;
  try {
    settings = load_settings(config_path);
  } catch (const config::ConfigError& error) {
    std::cerr << "configuration error: " << error.what() << "\n";
    return 2;
  }
  const auto problems = config::validate(settings);

  if (check->parsed()) {
    std::cout << config::describe(settings);
    if (problems.empty()) {
      std::cout << "\nThe configuration is valid.\n";
      return 0;
    }
    for (const auto& problem : problems) std::cerr << "problem: " << problem << "\n";
    return 2;
  }
  if (!problems.empty()) {
    for (const auto& problem : problems) std::cerr << "configuration error: " << problem << "\n";
    return 2;
  }

  try {
    if (send->parsed()) return bot::send(settings, send_options);
    if (healthcheck->parsed())
      return bot::healthcheck(settings, healthcheck_url, healthcheck_server_name);
    bot::init_logging(settings.log);
    if (migrate->parsed()) return bot::migrate(settings);
    if (backup->parsed()) return bot::backup(settings, backup_options);
    if (restore->parsed()) return bot::restore(settings, restore_file);
    if (export_command->parsed()) return bot::export_project(settings, export_options);
    if (copy_data->parsed()) return bot::copy_data(settings, copy_to);
    if (role->parsed()) {
      leadership_options.grant = grant_leadership->parsed() || add_role->parsed();
      return bot::change_leadership(settings, leadership_options);
    }
    return bot::serve(settings);
  } catch (const std::exception& error) {
    spdlog::critical("{}", error.what());
    return 1;
  }
}

}  // namespace accord::bot
