#include "store/postgresql_backend.hpp"

#include <poll.h>

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include <libpq-fe.h>

#include "store/postgresql_schema.hpp"

namespace accord::store {
namespace {

// Type oids from PostgreSQL's catalog (pg_type.dat); stable across versions.
constexpr Oid kBool = 16;
constexpr Oid kBytea = 17;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kFloat4 = 700;
constexpr Oid kFloat8 = 701;
constexpr Oid kNumeric = 1700;

// Every unit of work holds this transaction-scoped advisory lock ("accord" in ASCII).
constexpr long long kWriterLock = 0x6163636f7264;
// Each project's lock is (kProjectLocks, id) in the two-key form ("proj"), apart from the above.
constexpr std::int32_t kProjectLocks = 0x70726f6a;

struct ResultFree {
  void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultFree>;

struct ConnectionFree {
  void operator()(PGconn* connection) const noexcept { PQfinish(connection); }
};
using Handle = std::unique_ptr<PGconn, ConnectionFree>;

std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

[[noreturn]] void fail(const PGresult* result, PGconn* connection, const std::string& what) {
  std::string message = result ? trimmed(PQresultErrorMessage(result)) : "";
  if (message.empty()) message = trimmed(PQerrorMessage(connection));
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  throw std::runtime_error("PostgreSQL: " + message +
                           (state ? " [" + std::string(state) + "]" : "") + " (" + what + ")");
}

// SQLite's `?` and `?N` parameters as PostgreSQL's `$N`, outside quoted text.
std::string to_dollar_parameters(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    std::size_t end = i + 1;
    while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') ++end;
    if (end > i + 1) {
      out += '$';
      out.append(sql.substr(i + 1, end - i - 1));
      i = end - 1;
    } else {
      out += '$' + std::to_string(++next);
    }
  }
  return out;
}

std::int64_t parse_integer(const char* text) {
  if (text[0] == 't') return 1;  // a boolean
  if (text[0] == 'f') return 0;
  std::int64_t value = 0;
  const auto* end = text + std::char_traits<char>::length(text);
  const auto parsed = std::from_chars(text, end, value);
  if (parsed.ec == std::errc() && parsed.ptr == end) return value;
  return static_cast<std::int64_t>(std::strtod(text, nullptr));  // numeric: SUM of bigints
}

std::string from_hex_bytea(const char* text) {
  // bytea in text form: "\x" and two hex digits per byte.
  std::size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
  if (!bytes) throw std::bad_alloc();
  std::string out(reinterpret_cast<const char*>(bytes), length);
  PQfreemem(bytes);
  return out;
}

}  // namespace

class PostgresqlConnection final : public Connection {
 public:
  explicit PostgresqlConnection(Handle handle) : handle_(std::move(handle)) {}
  ~PostgresqlConnection() override {
    closing_ = true;  // the session's prepared statements end with it: no DEALLOCATE each
    forget_cursors();
  }

  PGconn* handle() { return handle_.get(); }
  bool broken() const { return PQstatus(handle_.get()) != CONNECTION_OK; }
  bool closing() const { return closing_; }

  // A statement without parameters or rows (BEGIN, COMMIT, DDL); the command's status.
  std::string run(const char* sql) {
    Result result(PQexec(handle_.get(), sql));
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      fail(result.get(), handle_.get(), sql);
    }
    return PQcmdStatus(result.get());
  }

  void begin() override { begin_with("pg_advisory_xact_lock"); }

  // Shares the writer lock with other projects' units of work; lock_project() then excludes the
  // project's own. A unit of work for the whole database still waits for all of them.
  void begin_for_one_project() override { begin_with("pg_advisory_xact_lock_shared"); }

  // Reads see committed data only; they need no place in the writers' order.
  void begin_read_only() override { run("BEGIN READ ONLY"); }

  void lock_project(std::int64_t project_id) override {
    run(("SELECT pg_advisory_xact_lock(" + std::to_string(kProjectLocks) + ", " +
         std::to_string(static_cast<std::int32_t>(project_id)) + ")")
            .c_str());
  }

  void begin_with(const char* lock_function) {
    run("BEGIN");
    try {
      run((std::string("SELECT ") + lock_function + "(" + std::to_string(kWriterLock) + ")")
              .c_str());
    } catch (...) {
      rollback();
      throw;
    }
  }

  void commit() override {
    // COMMIT of a transaction that failed answers ROLLBACK rather than an error.
    if (run("COMMIT") != "COMMIT") {
      throw std::runtime_error("PostgreSQL: the transaction was rolled back, not committed");
    }
  }

  void rollback() noexcept override {
    try {
      if (PQtransactionStatus(handle_.get()) != PQTRANS_IDLE) run("ROLLBACK");
    } catch (...) {
      // The connection is gone: the server has rolled back already.
    }
  }

  std::string next_statement_name() { return "accord_" + std::to_string(++statements_); }

 protected:
  std::unique_ptr<Cursor> prepare(std::string_view sql) override;

 private:
  Handle handle_;
  std::uint64_t statements_ = 0;
  bool closing_ = false;
};

namespace {

class PostgresqlCursor final : public Cursor {
 public:
  PostgresqlCursor(PostgresqlConnection& connection, std::string_view sql)
      : Cursor(std::string(sql)), connection_(connection), name_(connection.next_statement_name()) {
    const std::string translated = to_dollar_parameters(sql);
    Result prepared(PQprepare(connection_.handle(), name_.c_str(), translated.c_str(), 0, nullptr));
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      fail(prepared.get(), connection_.handle(), translated);
    }
    Result described(PQdescribePrepared(connection_.handle(), name_.c_str()));
    if (!described || PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
      fail(described.get(), connection_.handle(), translated);
    }
    parameters_.resize(static_cast<std::size_t>(PQnparams(described.get())));
  }

  ~PostgresqlCursor() override {
    // A copy beyond the cache's keep frees its server-side statement; a closing or broken
    // connection takes them all along.
    if (!connection_.closing() && !connection_.broken()) {
      Result ignored(PQexec(connection_.handle(), ("DEALLOCATE " + name_).c_str()));
    }
  }

  void bind_null(int index) override { parameter(index) = Parameter{}; }
  void bind_integer(int index, std::int64_t value) override {
    parameter(index) = Parameter{std::to_string(value), false, true};
  }
  void bind_real(int index, double value) override {
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);  // round-trips
    parameter(index) = Parameter{std::string(buffer, written.ptr), false, true};
  }
  void bind_text(int index, std::string_view value) override {
    parameter(index) = Parameter{std::string(value), false, true};
  }
  void bind_blob(int index, std::string_view bytes) override {
    parameter(index) = Parameter{std::string(bytes), true, true};
  }

  bool step() override {
    if (!result_) {
      execute();
      row_ = 0;
    } else {
      ++row_;
    }
    return row_ < PQntuples(result_.get());
  }

  int exec() override {
    execute();
    const char* changed = PQcmdTuples(result_.get());
    return changed[0] ? std::atoi(changed) : 0;
  }

  int column_count() override { return result_ ? PQnfields(result_.get()) : 0; }
  std::string column_name(int index) override { return PQfname(result_.get(), index); }
  ColumnType column_type(int index) override {
    if (PQgetisnull(result_.get(), row_, index)) return ColumnType::null;
    switch (PQftype(result_.get(), index)) {
      case kBool:
      case kInt2:
      case kInt4:
      case kInt8:
        return ColumnType::integer;
      case kFloat4:
      case kFloat8:
      case kNumeric:
        return ColumnType::real;
      case kBytea:
        return ColumnType::blob;
      default:
        return ColumnType::text;
    }
  }
  std::int64_t column_integer(int index) override {
    if (PQgetisnull(result_.get(), row_, index)) return 0;
    return parse_integer(PQgetvalue(result_.get(), row_, index));
  }
  double column_real(int index) override {
    if (PQgetisnull(result_.get(), row_, index)) return 0;
    return std::strtod(PQgetvalue(result_.get(), row_, index), nullptr);
  }
  std::string column_text(int index) override {
    return {PQgetvalue(result_.get(), row_, index),
            static_cast<std::size_t>(PQgetlength(result_.get(), row_, index))};
  }
  std::string column_blob(int index) override {
    if (PQgetisnull(result_.get(), row_, index)) return {};
    if (PQftype(result_.get(), index) != kBytea) return column_text(index);
    return from_hex_bytea(PQgetvalue(result_.get(), row_, index));
  }

  void reset() override { result_.reset(); }
  void clear() noexcept override {
    result_.reset();
    for (auto& parameter : parameters_) parameter = Parameter{};
  }

 private:
  struct Parameter {
    std::string value;
    bool binary = false;
    bool set = false;  // else NULL
  };

  Parameter& parameter(int index) {
    if (index < 1 || static_cast<std::size_t>(index) > parameters_.size()) {
      throw std::out_of_range("no parameter " + std::to_string(index) + " in: " + sql());
    }
    return parameters_[static_cast<std::size_t>(index) - 1];
  }

  void execute() {
    const auto count = parameters_.size();
    std::vector<const char*> values(count);
    std::vector<int> lengths(count);
    std::vector<int> formats(count);
    for (std::size_t i = 0; i < count; ++i) {
      const auto& parameter = parameters_[i];
      values[i] = parameter.set ? parameter.value.c_str() : nullptr;
      lengths[i] = static_cast<int>(parameter.value.size());
      formats[i] = parameter.binary ? 1 : 0;
    }
    result_.reset(PQexecPrepared(connection_.handle(), name_.c_str(), static_cast<int>(count),
                                 values.data(), lengths.data(), formats.data(), 0));
    const auto status = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      Result failed = std::move(result_);
      fail(failed.get(), connection_.handle(), sql());
    }
  }

  PostgresqlConnection& connection_;
  const std::string name_;
  std::vector<Parameter> parameters_;
  Result result_;
  int row_ = 0;
};

}  // namespace

std::unique_ptr<Cursor> PostgresqlConnection::prepare(std::string_view sql) {
  return std::make_unique<PostgresqlCursor>(*this, sql);
}

bool is_postgresql_url(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

PostgresqlBackend::PostgresqlBackend(const std::string& url, PostgresqlOptions options)
    : url_(url), options_(options) {
  // The server may be starting as well: try again until the timeout, then say why.
  const auto deadline = std::chrono::steady_clock::now() + options_.connect_timeout;
  std::unique_ptr<PostgresqlConnection> first;
  for (;;) {
    try {
      first = connect();
      break;
    } catch (const std::runtime_error& error) {
      // A server that is down or starting may come; a wrong name or password will not.
      const std::string_view why = error.what();
      const bool lasting = why.find("does not exist") != std::string_view::npos ||
                           why.find("authentication failed") != std::string_view::npos ||
                           why.find("password") != std::string_view::npos ||
                           why.find("invalid") != std::string_view::npos;
      if (lasting || std::chrono::steady_clock::now() >= deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
  }
  idle_.push_back(first.get());
  all_.push_back(std::move(first));
  create_schema_if_empty();
}

PostgresqlBackend::~PostgresqlBackend() = default;

std::unique_ptr<PostgresqlConnection> PostgresqlBackend::connect() {
  Handle handle(PQconnectdb(url_.c_str()));
  if (!handle) throw std::bad_alloc();
  if (PQstatus(handle.get()) != CONNECTION_OK) {
    // libpq's reason names the host or socket, never the password; callers say which URL.
    throw std::runtime_error("cannot connect to PostgreSQL: " +
                             trimmed(PQerrorMessage(handle.get())));
  }
  auto connection = std::make_unique<PostgresqlConnection>(std::move(handle));
  // Times are milliseconds in BIGINT columns, so the session's zone never matters; quiet NOTICEs.
  connection->run("SET client_min_messages = warning");
  return connection;
}

void PostgresqlBackend::create_schema_if_empty() {
  {
    auto& pg = static_cast<PostgresqlConnection&>(acquire());
    struct Release {
      PostgresqlBackend& backend;
      Connection& connection;
      ~Release() { backend.release(connection); }
    } release{*this, pg};
    pg.begin();  // the writer lock: one replica creates the schema, the others then see it
    try {
      Result found(PQexec(pg.handle(), "SELECT to_regclass('schema_version') IS NOT NULL"));
      if (!found || PQresultStatus(found.get()) != PGRES_TUPLES_OK) {
        fail(found.get(), pg.handle(), "looking for the schema");
      }
      if (std::string_view(PQgetvalue(found.get(), 0, 0)) != "t") {
        pg.run(std::string(postgresql_schema()).c_str());
      }
      Result current(PQexec(pg.handle(), "SELECT version FROM schema_version"));
      if (!current || PQresultStatus(current.get()) != PGRES_TUPLES_OK ||
          PQntuples(current.get()) != 1) {
        fail(current.get(), pg.handle(), "reading the schema version");
      }
      const auto migrations = postgresql_migrations();
      for (int version = std::atoi(PQgetvalue(current.get(), 0, 0)) + 1;
           version <= kPostgresqlSchemaVersion; ++version) {
        const auto step =
            migrations[static_cast<std::size_t>(version - kPostgresqlBaseVersion - 1)];
        pg.run(std::string(step).c_str());
        pg.run(("UPDATE schema_version SET version = " + std::to_string(version)).c_str());
      }
      pg.commit();
    } catch (...) {
      pg.rollback();
      throw;
    }
  }
  const int version = schema_version();
  if (version > kPostgresqlSchemaVersion) {
    throw std::runtime_error("the PostgreSQL database is at schema version " +
                             std::to_string(version) + ", newer than this build knows (" +
                             std::to_string(kPostgresqlSchemaVersion) +
                             "): run the Accord that wrote it, or a newer one");
  }
}

Connection& PostgresqlBackend::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      auto* connection = idle_.back();
      idle_.pop_back();
      if (!connection->broken()) return *connection;
      // Replaced, not reset in place: its cached statements went with the old session.
      lock.unlock();
      std::unique_ptr<PostgresqlConnection> fresh;
      try {
        fresh = connect();
      } catch (...) {
        lock.lock();
        idle_.push_back(connection);
        released_.notify_one();
        throw;
      }
      lock.lock();
      auto* replaced = fresh.get();
      for (auto& owned : all_) {
        if (owned.get() == connection) owned = std::move(fresh);
      }
      return *replaced;
    }
    if (all_.size() < static_cast<std::size_t>(options_.pool_size)) {
      lock.unlock();
      auto fresh = connect();
      lock.lock();
      auto* added = fresh.get();
      all_.push_back(std::move(fresh));
      return *added;
    }
    released_.wait(lock);
  }
}

void PostgresqlBackend::release(Connection& connection) noexcept {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(&static_cast<PostgresqlConnection&>(connection));
  }
  released_.notify_one();
}

namespace {

class PostgresqlNotifications final : public Notifications {
 public:
  PostgresqlNotifications(std::string url, std::string channel)
      : url_(std::move(url)), channel_(std::move(channel)) {
    connect();
  }

  bool wait(std::chrono::milliseconds timeout) override {
    if (!connection_ || PQstatus(connection_.get()) != CONNECTION_OK) {
      // Down (the server restarted): try again after the timeout, and then count it as a
      // signal, since one may have been sent meanwhile.
      std::this_thread::sleep_for(timeout);
      return connect();
    }
    if (consume()) return true;
    pollfd socket{PQsocket(connection_.get()), POLLIN, 0};
    const int ready = ::poll(&socket, 1, static_cast<int>(timeout.count()));
    if (ready <= 0) return false;  // nothing (or interrupted): the caller's poll covers it
    if (PQconsumeInput(connection_.get()) == 0) {
      connection_.reset();  // lost: reconnect on the next wait
      return true;
    }
    return consume();
  }

 private:
  // True when connected and listening.
  bool connect() {
    connection_.reset(PQconnectdb(url_.c_str()));
    if (!connection_ || PQstatus(connection_.get()) != CONNECTION_OK) {
      connection_.reset();
      return false;
    }
    char* escaped = PQescapeIdentifier(connection_.get(), channel_.c_str(), channel_.size());
    if (escaped == nullptr) {
      connection_.reset();
      return false;
    }
    const std::string sql = std::string("LISTEN ") + escaped;
    PQfreemem(escaped);
    Result result(PQexec(connection_.get(), sql.c_str()));
    if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      connection_.reset();
      return false;
    }
    return true;
  }

  bool consume() {
    bool any = false;
    while (PGnotify* notice = PQnotifies(connection_.get())) {
      any = true;
      PQfreemem(notice);
    }
    return any;
  }

  const std::string url_;
  const std::string channel_;
  Handle connection_;
};

}  // namespace

std::unique_ptr<Notifications> PostgresqlBackend::listen(const std::string& channel) {
  return std::make_unique<PostgresqlNotifications>(url_, channel);
}

int PostgresqlBackend::schema_version() {
  auto& connection = static_cast<PostgresqlConnection&>(acquire());
  Result result(PQexec(connection.handle(), "SELECT version FROM schema_version"));
  const bool ok =
      result && PQresultStatus(result.get()) == PGRES_TUPLES_OK && PQntuples(result.get()) == 1;
  const int version = ok ? std::atoi(PQgetvalue(result.get(), 0, 0)) : 0;
  release(connection);
  if (!ok) fail(result.get(), connection.handle(), "reading the schema version");
  return version;
}

}  // namespace accord::store
