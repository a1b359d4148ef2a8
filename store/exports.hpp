// Files prepared for download (e.g. the decision log as CSV): stored under an unguessable token
// that is the whole of the download link, and served only until they expire.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::store {

// A report's chart: what to draw (JSON), drawn when fetched (commands/charts/chart_data.hpp).
inline constexpr std::string_view kChartContentType = "application/vnd.accord.chart+json";

struct Export {
  std::string token;  // 64 hex characters from the operating system's CSPRNG
  std::int64_t project_id = 0;
  std::string created_by;
  Timestamp created_at{};
  Timestamp expires_at{};
  std::string filename;      // suggested name for the download
  std::string content_type;  // e.g. "text/csv; charset=utf-8"
  std::string body;
};

// 32 random bytes as 64 lower-case hex characters. Throws if the CSPRNG fails.
std::string new_export_token();

class Exports {
 public:
  explicit Exports(Database& db) : db_(db) {}

  // Stores the file under a new token (the `token` given is ignored); returns the stored export.
  Export create(const Export& file);
  // The export with this token, unless it has expired by `now`.
  std::optional<Export> find_valid(const std::string& token, Timestamp now);
  // Deletes every export expired by `now`. A document's bytes (the decision log) are overwritten
  // in the database pages (SQLite's secure_delete), so it cannot be read back from the database
  // file, and Database::checkpoint() afterwards also clears the old copies from the WAL; a chart
  // (what members see in chat anyway, and made with every report) is simply deleted.
  struct Expired {
    int deleted = 0;    // files, images included
    int documents = 0;  // of those, the ones whose WAL copies want a checkpoint
  };
  Expired delete_expired(Timestamp now);
  // When the next export expires; nullopt when there is none.
  std::optional<Timestamp> next_expiry();

 private:
  Database& db_;
};

}  // namespace accord::store
