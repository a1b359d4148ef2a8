// The Bot Framework channel's signing keys: OpenID metadata names the JWKS, whose RSA keys (with
// the channels each key is endorsed for) are cached, refreshed daily, and refetched early when a
// token names an unknown key id, at most once an hour (reference/teams.md §2.1). Fetches run off
// the request threads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bot/teams/jwt.hpp"
#include "commands/core/clock.hpp"

namespace accord::bot::http {
class HttpClient;
}

namespace accord::bot::teams {

inline constexpr const char* kChannelOpenIdMetadataUrl =
    "https://login.botframework.com/v1/.well-known/openidconfiguration";

struct SigningKey {
  std::string kid;
  PublicKey key;
  std::vector<std::string> endorsements;  // channel ids; empty means the key is not restricted
};

// The RSA signing keys of a JWKS document; keys of other types, for other uses or malformed are
// left out. Empty if the document is not a JWKS at all.
std::vector<SigningKey> parse_jwks(const std::string& document);

// GETs a document; nullopt on any failure (network, non-200). Called by one thread at a time,
// the cache's own.
using DocumentFetcher = std::function<std::optional<std::string>(const std::string& url)>;

// The production fetcher over the outbound HTTPS client, which must outlive it. HttpClient is
// not thread-safe: give the cache a client of its own (the cache calls it one fetch at a time).
DocumentFetcher http_document_fetcher(http::HttpClient& client);

struct KeyCacheOptions {
  std::string metadata_url = kChannelOpenIdMetadataUrl;
  std::chrono::milliseconds refresh_interval = std::chrono::hours(24);
  std::chrono::milliseconds unknown_kid_refresh_interval = std::chrono::hours(1);
  // After a failed fetch, wait this long before trying again, so an outage of the key endpoint
  // does not turn every inbound request into an outbound one.
  std::chrono::milliseconds retry_interval = std::chrono::minutes(1);
  // How long after a fetch began a request with an unknown key id may still wait for it: a key
  // endpoint that is slow or never answers holds the request threads no longer than this.
  std::chrono::milliseconds unknown_kid_wait = std::chrono::seconds(1);
};

// Thread-safe. Fetches run on a thread of their own, one at a time, never on a caller's: a caller
// whose key is cached uses it at once, one whose key is unknown waits for a fetch under way only
// until `unknown_kid_wait` after it began.
class SigningKeyCache {
 public:
  SigningKeyCache(DocumentFetcher fetch, const commands::Clock& clock,
                  KeyCacheOptions options = {});
  ~SigningKeyCache();  // waits for a fetch under way
  SigningKeyCache(const SigningKeyCache&) = delete;
  SigningKeyCache& operator=(const SigningKeyCache&) = delete;

  // The key with this id. Starts a fetch if the cache is due, or if the id is unknown and the
  // last fetch is more than an hour old.
  std::optional<SigningKey> find(const std::string& kid);

  // Fetches now and waits for the result (at startup); false if the metadata or key set could
  // not be had.
  bool refresh();

 private:
  bool due_locked(store::Timestamp now) const;
  void start_fetch_locked(store::Timestamp now);
  void run_fetch(store::Timestamp started);
  std::optional<std::vector<SigningKey>> fetch_keys();

  DocumentFetcher fetch_;
  const commands::Clock& clock_;
  KeyCacheOptions options_;

  std::mutex mutex_;
  std::condition_variable fetched_;
  std::thread fetcher_;
  bool fetching_ = false;
  std::chrono::steady_clock::time_point fetch_began_{};
  std::map<std::string, SigningKey> keys_;
  std::optional<store::Timestamp> last_success_;
  std::optional<store::Timestamp> last_attempt_;
  std::size_t generation_ = 0;  // counts finished fetches, so waiters see theirs end
};

}  // namespace accord::bot::teams
