#include "bot/teams/openid.hpp"

#include <exception>
#include <utility>

#include <spdlog/spdlog.h>

#include "bot/http/client.hpp"
#include "config/settings.hpp"

namespace accord::bot::teams {
namespace {

const nlohmann::json* field_of(const nlohmann::json& object, const char* name) {
  const auto found = object.find(name);
  return found == object.end() ? nullptr : &*found;
}

bool is_nonempty_string(const nlohmann::json* value) {
  return value != nullptr && value->is_string() && !value->get_ref<const std::string&>().empty();
}

// Absent → no restriction; present but not an array of strings → nullopt, so a malformed key is
// dropped rather than trusted for every channel.
std::optional<std::vector<std::string>> endorsements_of(const nlohmann::json& jwk) {
  const auto* endorsements = field_of(jwk, "endorsements");
  if (endorsements == nullptr) return std::vector<std::string>{};
  if (!endorsements->is_array()) return std::nullopt;
  std::vector<std::string> channels;
  for (const auto& channel : *endorsements) {
    if (!channel.is_string()) return std::nullopt;
    channels.push_back(channel.get<std::string>());
  }
  return channels;
}

std::optional<SigningKey> signing_key_of(const nlohmann::json& jwk) {
  if (!jwk.is_object()) return std::nullopt;
  const auto* kty = field_of(jwk, "kty");
  const auto* kid = field_of(jwk, "kid");
  const auto* n = field_of(jwk, "n");
  const auto* e = field_of(jwk, "e");
  const auto* use = field_of(jwk, "use");
  const auto* alg = field_of(jwk, "alg");
  if (kty == nullptr || *kty != "RSA" || !is_nonempty_string(kid) || !is_nonempty_string(n) ||
      !is_nonempty_string(e))
    return std::nullopt;
  if (use != nullptr && *use != "sig") return std::nullopt;
  if (alg != nullptr && *alg != "RS256") return std::nullopt;
  auto endorsements = endorsements_of(jwk);
  if (!endorsements) return std::nullopt;
  auto key =
      rsa_public_key_from_jwk(n->get_ref<const std::string&>(), e->get_ref<const std::string&>());
  if (!key) return std::nullopt;
  return SigningKey{kid->get<std::string>(), std::move(key), std::move(*endorsements)};
}

}  // namespace

std::vector<SigningKey> parse_jwks(const std::string& document) {
  const auto jwks = nlohmann::json::parse(document, nullptr, /*allow_exceptions=*/false);
  if (!jwks.is_object()) return {};
  const auto* keys = field_of(jwks, "keys");
  if (keys == nullptr || !keys->is_array()) return {};
  std::vector<SigningKey> signing_keys;
  for (const auto& jwk : *keys) {
    if (auto key = signing_key_of(jwk)) signing_keys.push_back(std::move(*key));
  }
  return signing_keys;
}

DocumentFetcher http_document_fetcher(http::HttpClient& client) {
  return [&client](const std::string& url) -> std::optional<std::string> {
    http::ClientRequest request;
    request.method = "GET";
    request.url = url;
    request.headers = {{"Accept", "application/json"}};
    try {
      auto response = client.perform(request);
      if (response.status == 200) return std::move(response.body);
      spdlog::warn("teams signing keys: GET {} answered HTTP {}", url, response.status);
    } catch (const http::ClientError& error) {
      spdlog::warn("teams signing keys: GET {} failed: {}", url, error.what());
    }
    return std::nullopt;
  };
}

SigningKeyCache::SigningKeyCache(DocumentFetcher fetch, const commands::Clock& clock,
                                 KeyCacheOptions options)
    : fetch_(std::move(fetch)), clock_(clock), options_(std::move(options)) {}

SigningKeyCache::~SigningKeyCache() {
  if (fetcher_.joinable()) fetcher_.join();
}

std::optional<SigningKey> SigningKeyCache::find(const std::string& kid) {
  std::unique_lock lock(mutex_);
  const auto now = clock_.now();
  auto found = keys_.find(kid);
  const bool due = due_locked(now);
  if (found != keys_.end() && !due) return found->second;
  const bool unknown_kid_may_refresh =
      !last_attempt_ || now - *last_attempt_ >= options_.unknown_kid_refresh_interval;
  if (due || (found == keys_.end() && unknown_kid_may_refresh)) start_fetch_locked(now);
  // A cached key serves while the cache refreshes; an unknown one waits a moment at most.
  if (found != keys_.end()) return found->second;
  if (!fetching_) return std::nullopt;
  const auto seen = generation_;
  fetched_.wait_until(lock, fetch_began_ + options_.unknown_kid_wait,
                      [&] { return generation_ != seen; });
  found = keys_.find(kid);
  if (found == keys_.end()) return std::nullopt;
  return found->second;
}

bool SigningKeyCache::refresh() {
  std::unique_lock lock(mutex_);
  start_fetch_locked(clock_.now());
  fetched_.wait(lock, [&] { return !fetching_; });
  return last_success_ && last_success_ == last_attempt_;
}

bool SigningKeyCache::due_locked(store::Timestamp now) const {
  if (last_attempt_ && now - *last_attempt_ < options_.retry_interval) return false;
  return !last_success_ || now - *last_success_ >= options_.refresh_interval;
}

void SigningKeyCache::start_fetch_locked(store::Timestamp now) {
  if (fetching_) return;
  if (fetcher_.joinable()) fetcher_.join();  // the previous fetch has finished
  fetching_ = true;
  fetch_began_ = std::chrono::steady_clock::now();
  fetcher_ = std::thread([this, now] { run_fetch(now); });
}

void SigningKeyCache::run_fetch(store::Timestamp started) {
  auto keys = fetch_keys();
  const std::lock_guard lock(mutex_);
  ++generation_;
  fetching_ = false;
  last_attempt_ = started;
  if (!keys) {
    spdlog::warn("teams signing keys: refresh failed; keeping {} cached keys", keys_.size());
  } else {
    keys_.clear();
    for (auto& key : *keys) keys_.emplace(key.kid, std::move(key));  // the first duplicate wins
    last_success_ = started;
    spdlog::info("teams signing keys: refreshed, {} keys", keys_.size());
  }
  fetched_.notify_all();
}

std::optional<std::vector<SigningKey>> SigningKeyCache::fetch_keys() {
  try {
    const auto metadata_text = fetch_(options_.metadata_url);
    if (!metadata_text) return std::nullopt;
    const auto metadata = nlohmann::json::parse(*metadata_text, nullptr, false);
    const auto* jwks_uri = metadata.is_object() ? field_of(metadata, "jwks_uri") : nullptr;
    if (!is_nonempty_string(jwks_uri)) {
      spdlog::warn("teams signing keys: metadata at {} has no jwks_uri", options_.metadata_url);
      return std::nullopt;
    }
    const auto& jwks_url = jwks_uri->get_ref<const std::string&>();
    // The keys decide which tokens are genuine: never taken over plain http from another machine.
    if (!config::is_https_or_loopback_http(jwks_url)) {
      spdlog::warn("teams signing keys: metadata names a key set that is not https; not fetched");
      return std::nullopt;
    }
    const auto jwks_text = fetch_(jwks_url);
    if (!jwks_text) return std::nullopt;
    auto keys = parse_jwks(*jwks_text);
    // An empty set is more likely a glitch than a real rotation to no keys at all.
    if (keys.empty()) {
      spdlog::warn("teams signing keys: key set has no usable RSA keys");
      return std::nullopt;
    }
    return keys;
  } catch (const std::exception& error) {
    spdlog::warn("teams signing keys: fetch failed: {}", error.what());
    return std::nullopt;
  }
}

}  // namespace accord::bot::teams
