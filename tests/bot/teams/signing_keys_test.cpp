// The channel's signing-key cache (reference/teams.md §2.1): daily refresh, refetch on an unknown
// kid at most once an hour, outages of the key endpoint, concurrency, and which JWKS entries count.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "bot/teams/auth.hpp"
#include "bot/teams/openid.hpp"
#include "tests/bot/teams/fixture.hpp"

using namespace accord::bot::teams;
using namespace accord::bot::teams::testing;
using accord::bot::http::Request;

namespace {
struct ManualClockForKeys {
  accord::commands::ManualClock clock{kStart};
};
}  // namespace

TEST_CASE("an unknown kid refetches the keys at most once an hour") {
  Harness h;
  using std::chrono::minutes;

  SECTION("cold cache: one fetch, then no second one for another unknown kid") {
    CHECK(h.post(h.token(h.claims(), "not-published-1")).http_status() == 401);
    CHECK(h.channel.refreshes() == 1);
    CHECK(h.post(h.token(h.claims(), "not-published-2")).http_status() == 401);
    CHECK(h.channel.refreshes() == 1);
  }
  SECTION("a rotated-in key is found by the refetch an hour later") {
    REQUIRE(h.post(h.token()).ok());
    REQUIRE(h.channel.refreshes() == 1);
    h.channel.keys.push_back(jwk(keys().other.get(), "channel-key-2"));
    const auto new_key_token = [&] {
      return rs256_token(rs256_header("channel-key-2"), h.claims(), keys().other.get());
    };

    h.clock.advance(minutes(30));
    CHECK(h.post(new_key_token()).http_status() == 401);  // within the hour: no refetch
    CHECK(h.channel.refreshes() == 1);

    h.clock.advance(minutes(31));
    CHECK(h.post(new_key_token()).ok());  // one refetch finds it
    CHECK(h.channel.refreshes() == 2);

    h.clock.advance(minutes(10));
    CHECK(h.post(h.token(h.claims(), "not-published")).http_status() == 401);
    CHECK(h.channel.refreshes() == 2);  // the second unknown kid within the hour: no refetch
    CHECK(h.post(new_key_token()).ok());
    CHECK(h.post(h.token()).ok());
  }
}

TEST_CASE("the keys are refreshed after 24 hours") {
  Harness h;
  using std::chrono::hours;
  using std::chrono::minutes;
  REQUIRE(h.post(h.token()).ok());
  // The channel retires its key for a new one.
  h.channel.keys = json::array({jwk(keys().other.get(), "channel-key-2")});

  h.clock.advance(hours(23) + minutes(59));
  CHECK(h.post(h.token()).ok());  // still cached
  CHECK(h.channel.refreshes() == 1);

  h.clock.advance(minutes(2));
  CHECK(h.post(h.token()).ok());  // the cached key serves while the refresh runs
  REQUIRE(h.channel.attempted(2));
  CHECK(h.post(h.token()).http_status() == 401);  // refreshed: the retired key is gone
  CHECK(h.channel.refreshes() == 2);
  CHECK(h.post(rs256_token(rs256_header("channel-key-2"), h.claims(), keys().other.get())).ok());
  CHECK(h.channel.refreshes() == 2);
}

TEST_CASE("an unreachable key endpoint neither locks the bot out nor is hammered") {
  Harness h;
  using std::chrono::hours;
  using std::chrono::seconds;

  SECTION("at startup: refused, retried after a minute, not per request") {
    h.channel.down = true;
    CHECK(h.post(h.token()).http_status() == 401);
    h.channel.down = false;
    CHECK(h.post(h.token()).http_status() == 401);
    CHECK(h.channel.refreshes() == 0);
    h.clock.advance(seconds(61));
    CHECK(h.post(h.token()).ok());
    CHECK(h.channel.refreshes() == 1);
  }
  SECTION("at the daily refresh: the cached keys stay in use") {
    REQUIRE(h.post(h.token()).ok());
    h.clock.advance(hours(25));
    h.channel.down = true;
    CHECK(h.post(h.token()).ok());
    REQUIRE(h.channel.attempted(2));
    CHECK(h.post(h.token()).ok());  // after the failed refresh too
    h.channel.down = false;
    h.clock.advance(seconds(61));
    CHECK(h.post(h.token()).ok());
    REQUIRE(h.channel.attempted(3));
    CHECK(h.channel.refreshes() == 2);
  }
  SECTION("a key set with no usable keys does not replace the cached one") {
    REQUIRE(h.post(h.token()).ok());
    h.channel.keys = json::array({{{"kty", "EC"}, {"kid", "ec-1"}, {"crv", "P-256"}}});
    h.clock.advance(hours(25));
    CHECK(h.post(h.token()).ok());
    REQUIRE(h.channel.attempted(2));
    CHECK(h.post(h.token()).ok());
  }
}

TEST_CASE("a key set named with plain http to another machine is not fetched") {
  Harness h;
  h.channel.jwks_uri = "http://login.test/v1/.well-known/keys";
  CHECK(h.post(h.token()).http_status() == 401);
  CHECK(h.channel.refreshes() == 0);

  SECTION("http to this machine is a local test's stand-in, and is fetched") {
    h.channel.jwks_uri = "http://127.0.0.1:9/v1/.well-known/keys";
    h.clock.advance(std::chrono::hours(2));
    CHECK(h.post(h.token()).ok());
    CHECK(h.channel.refreshes() == 1);
  }
}

TEST_CASE("concurrent requests on a cold cache share one fetch") {
  Harness h;
  h.channel.latency = std::chrono::milliseconds(50);
  const auto token = h.token();
  std::atomic<int> accepted{0};
  std::latch start(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      Request request;
      request.headers = {{"Authorization", "Bearer " + token}};
      if (h.authenticator.authenticate(request, teams_activity()).ok()) ++accepted;
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(accepted.load() == 8);
  CHECK(h.channel.refreshes() == 1);
}

TEST_CASE("a key endpoint that never answers holds no caller longer than a moment") {
  using namespace std::chrono_literals;
  ManualClockForKeys clock;
  std::mutex mutex;
  std::condition_variable released_cv;
  bool released = false;
  std::atomic<int> fetches{0};
  const auto channel_key = jwk(keys().channel.get(), kKid);
  KeyCacheOptions options;
  options.metadata_url = kMetadataUrl;
  options.unknown_kid_wait = 300ms;
  SigningKeyCache cache(
      [&](const std::string& url) -> std::optional<std::string> {
        if (url == kMetadataUrl) return json{{"jwks_uri", kJwksUrl}}.dump();
        ++fetches;
        if (fetches > 1) {  // the first key set comes; later ones hang until released
          std::unique_lock lock(mutex);
          released_cv.wait(lock, [&] { return released; });
        }
        return json{{"keys", {channel_key}}}.dump();
      },
      clock.clock, options);
  REQUIRE(cache.refresh());

  const auto timed = [](auto&& call) {
    const auto started = std::chrono::steady_clock::now();
    call();
    return std::chrono::steady_clock::now() - started;
  };
  clock.clock.advance(std::chrono::hours(25));  // due, and an unknown kid may refetch
  // The cached key serves at once while the daily refresh hangs.
  CHECK(timed([&] { CHECK(cache.find(kKid)); }) < 100ms);
  // An unknown kid waits for the fetch under way, but only a moment after it began...
  CHECK(timed([&] { CHECK_FALSE(cache.find("rotated-key")); }) < 1s);
  // ...and later callers not at all.
  CHECK(timed([&] { CHECK_FALSE(cache.find("another-key")); }) < 100ms);
  CHECK(fetches.load() == 2);
  {
    const std::lock_guard lock(mutex);
    released = true;
  }
  released_cv.notify_all();
}

TEST_CASE("only usable RSA signing keys are taken from a JWKS") {
  const auto small = generate_rsa(1024);
  auto encryption = jwk(keys().other.get(), "enc");
  encryption["use"] = "enc";
  auto bad_endorsements = jwk(keys().other.get(), "bad-endorsements");
  bad_endorsements["endorsements"] = "msteams";
  auto other_alg = jwk(keys().other.get(), "rs512");
  other_alg["alg"] = "RS512";
  auto bad_modulus = jwk(keys().other.get(), "bad-n");
  bad_modulus["n"] = "not base64url!";
  const json document = {
      {"keys",
       {jwk(keys().channel.get(), "good"), jwk(keys().other.get(), "no-endorsements", nullptr),
        encryption, bad_endorsements, other_alg, bad_modulus, jwk(small.get(), "small"),
        json{{"kty", "EC"}, {"kid", "ec"}, {"crv", "P-256"}, {"x", "AA"}, {"y", "AA"}},
        "not an object"}}};

  const auto parsed = parse_jwks(document.dump());
  std::vector<std::string> kids;
  for (const auto& key : parsed) kids.push_back(key.kid);
  CHECK(kids == std::vector<std::string>{"good", "no-endorsements"});
  CHECK(parsed[0].endorsements == std::vector<std::string>{"msteams", "webchat"});
  CHECK(parsed[1].endorsements.empty());
  CHECK(parse_jwks("not json").empty());
  CHECK(parse_jwks(R"({"keys": {}})").empty());
}
