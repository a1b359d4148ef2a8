// Store faults for tests: the database refuses a write, or a commit fails after the workflow and
// its reply were written. Each is a trigger in the test's own database (SQLite's or PostgreSQL's),
// named after what it does, so a test body says which failure it stages rather than how.
#pragma once

#include <string>

#include <unistd.h>

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

#include "store/database.hpp"
#include "store/statement.hpp"

namespace accord::testing {

// Every INSERT into `table` (that matches `when`, an SQL condition on NEW, if given) fails with
// `message` until allow_inserts() drops the trigger.
inline void run_sql(store::Database& db, const std::string& sql) {
  store::Statement(db, sql).exec();
}

inline void refuse_inserts(store::Database& db, const std::string& table,
                           const std::string& when = {},
                           const std::string& message = "the store refused the write") {
  if (db.engine() == store::Engine::postgresql) {
    run_sql(db, "CREATE FUNCTION refuse_" + table +
                    "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '" + message +
                    "'; END $$");
    run_sql(db, "CREATE TRIGGER refuse_" + table + " BEFORE INSERT ON " + table + " FOR EACH ROW " +
                    (when.empty() ? std::string() : "WHEN (" + when + ") ") +
                    "EXECUTE FUNCTION refuse_" + table + "()");
    return;
  }
  db.sqlite().exec("CREATE TRIGGER refuse_" + table + " BEFORE INSERT ON " + table +
                   (when.empty() ? std::string() : " WHEN " + when) +
                   " BEGIN SELECT RAISE(ABORT, '" + message + "'); END");
}

inline void allow_inserts(store::Database& db, const std::string& table) {
  if (db.engine() == store::Engine::postgresql) {
    run_sql(db, "DROP TRIGGER refuse_" + table + " ON " + table);
    return;
  }
  db.sqlite().exec("DROP TRIGGER refuse_" + table);
}

// The transaction that inserts into `table` fails at COMMIT, after everything in it was written:
// the insert adds a row that breaks a deferred foreign key, which SQLite checks only then.
inline void fail_commit_after_insert(store::Database& db, const std::string& table) {
  if (db.engine() == store::Engine::postgresql) {
    run_sql(db,
            "CREATE TABLE doomed (project BIGINT REFERENCES projects (id) DEFERRABLE INITIALLY "
            "DEFERRED)");
    run_sql(db,
            "CREATE FUNCTION doom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO "
            "doomed VALUES (-1); RETURN NEW; END $$");
    run_sql(db, "CREATE TRIGGER doom AFTER INSERT ON " + table +
                    " FOR EACH ROW EXECUTE FUNCTION doom()");
    return;
  }
  db.sqlite().exec(
      "CREATE TABLE doomed (project INTEGER REFERENCES projects (id) DEFERRABLE INITIALLY "
      "DEFERRED); CREATE TRIGGER doom AFTER INSERT ON " +
      table + " BEGIN INSERT INTO doomed VALUES (-1); END");
}

// The process ends at once, as under kill -9 (nothing unwinds, nothing commits), the moment this
// connection inserts into `table`. For a forked child that plays the server. SQLite only: a
// PostgreSQL server cannot end its client (the tests that use it are tagged [sqlite]).
inline void die_on_insert(store::Database& db, const std::string& table) {
  db.sqlite().createFunction("die_now", 0, false, nullptr,
                             [](sqlite3_context*, int, sqlite3_value**) { ::_exit(0); });
  db.sqlite().exec("CREATE TEMP TRIGGER die AFTER INSERT ON " + table +
                   " BEGIN SELECT die_now(); END");
}

// How many rows `table` holds (that match `where`, if given), read in a transaction of its own.
inline int count_rows(store::Database& db, const std::string& table,
                      const std::string& where = {}) {
  store::Transaction tx(db);
  store::Statement count(
      db, "SELECT COUNT(*) FROM " + table + (where.empty() ? std::string() : " WHERE " + where));
  count.executeStep();
  return count.getColumn(0).getInt();
}

}  // namespace accord::testing
