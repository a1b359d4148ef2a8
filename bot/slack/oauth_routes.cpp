#include "bot/slack/oauth_routes.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include <spdlog/spdlog.h>

#include "bot/http/form.hpp"
#include "commands/core/message.hpp"
#include "store/installations.hpp"
#include "store/oauth_states.hpp"
#include "store/random_token.hpp"

namespace accord::bot::slack {
namespace {

// An error code from the query string, safe to log: Slack's codes are lower-case words.
std::string printable_code(const std::string& code) {
  std::string out;
  for (const char c : code.substr(0, 64)) {
    out.push_back((std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_') ? c : '?');
  }
  return out;
}

// A minimal page: a heading and one paragraph (already HTML), never cached, nothing embedded.
http::Response page(int status, const std::string& title, const std::string& body_html) {
  http::Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                  commands::escape_html(title) + " - Accord</title></head>\n<body><h1>" +
                  commands::escape_html(title) + "</h1>\n<p>" + body_html + "</p></body></html>\n";
  response.headers = {{"Cache-Control", "no-store"},
                      {"X-Content-Type-Options", "nosniff"},
                      {"Content-Security-Policy", "default-src 'none'"},
                      {"Referrer-Policy", "no-referrer"}};
  return response;
}

http::Response failure(int status, const std::string& why) {
  return page(
      status, "Accord was not installed",
      commands::escape_html(why) + " <a href=\"/slack/install\">Start the installation again</a>.");
}

// The cookie that binds an install link to the browser that asked for it. Lax: Slack's redirect
// back is a top-level cross-site GET, which Lax lets the cookie ride along with.
constexpr std::string_view kBrowserCookie = "accord_install";

std::string browser_cookie(const std::string& value, std::chrono::seconds max_age) {
  return std::string(kBrowserCookie) + "=" + value +
         "; Path=/slack/; Max-Age=" + std::to_string(max_age.count()) +
         "; HttpOnly; Secure; SameSite=Lax";
}

// The value of the binding cookie, or empty; only a well-formed value is taken.
std::string browser_of(const http::Request& request) {
  std::string_view cookies = request.header("Cookie");
  while (!cookies.empty()) {
    const auto end = std::min(cookies.find(';'), cookies.size());
    std::string_view pair = cookies.substr(0, end);
    cookies.remove_prefix(std::min(end + 1, cookies.size()));
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (!pair.starts_with(kBrowserCookie) || pair.substr(kBrowserCookie.size(), 1) != "=") continue;
    const auto value = pair.substr(kBrowserCookie.size() + 1);
    if (store::is_hex_token(value, 64)) return std::string(value);
  }
  return {};
}

}  // namespace

OAuthRoutes::OAuthRoutes(OAuthRoutesOptions options, store::Database& db,
                         const store::TokenCipher& cipher, OAuthClient& oauth,
                         const commands::Clock& clock)
    : options_(std::move(options)), db_(db), cipher_(cipher), oauth_(oauth), clock_(clock) {
  while (!options_.oauth_base.empty() && options_.oauth_base.back() == '/') {
    options_.oauth_base.pop_back();
  }
}

http::Response OAuthRoutes::install(const http::Request& request) {
  const auto now = clock_.now();
  const std::string client = request.client_address(options_.behind_proxy);
  store::IssuedState issued;
  {
    store::Transaction tx(db_);
    store::OAuthStates states(db_);
    // This browser's earlier link goes: reloading the page does not pile links up.
    states.forget_browser(browser_of(request));
    if (states.outstanding_for(client, now) >= options_.links_per_client) {
      tx.commit();
      spdlog::warn("refused an install link: {} are already in progress for one client",
                   options_.links_per_client);
      auto response = page(429, "Try again in a few minutes",
                           "Too many installations were started from your address. Finish one, "
                           "or wait a few minutes for the unused links to expire.");
      response.headers.emplace_back("Retry-After", "60");
      return response;
    }
    issued = states.issue(client, now, now + options_.state_ttl, options_.max_outstanding_states);
    tx.commit();
  }
  const std::string url = options_.oauth_base +
                          "/oauth/v2/authorize?client_id=" + http::form_encode(options_.client_id) +
                          "&scope=" + http::form_encode(options_.scopes) +
                          "&user_scope=&redirect_uri=" + http::form_encode(options_.redirect_uri) +
                          "&state=" + issued.state;
  auto response =
      page(200, "Install Accord",
           "Accord runs objectives, approvals, acceptance and escalations between a customer "
           "and their contractor in Slack. <a id=\"add-to-slack\" href=\"" +
               commands::escape_html(url) +
               "\">Add to Slack</a> (the link is good for one installation within " +
               std::to_string(options_.state_ttl.count() / 60) + " minutes, in this browser).");
  response.headers.emplace_back("Set-Cookie", browser_cookie(issued.browser, options_.state_ttl));
  return response;
}

http::Response OAuthRoutes::redirect(const http::Request& request) {
  const auto query_at = request.target.find('?');
  const auto query = http::decode_form(query_at == std::string::npos
                                           ? std::string_view{}
                                           : std::string_view(request.target).substr(query_at + 1));
  if (!query) return failure(400, "The address Slack sent you back with is malformed.");

  // The state first: a redirect that Accord did not start for this browser is refused before
  // anything else.
  const std::string state = query->value("state");
  auto check = store::StateCheck::unknown;
  if (!state.empty()) {
    store::Transaction tx(db_);
    check = store::OAuthStates(db_).consume(state, browser_of(request), clock_.now());
    tx.commit();
  }
  if (check == store::StateCheck::other_browser) {
    spdlog::warn("refused an install redirect that came back to another browser");
    return failure(400,
                   "This installation was started in another browser, or this browser did not "
                   "keep Accord's cookie. Start it again, and finish it in the same browser.");
  }
  if (const auto error = query->value("error"); !error.empty()) {
    spdlog::info("installation not approved in Slack: {}", printable_code(error));
    return failure(400, error == "access_denied" ? "The installation was cancelled in Slack."
                                                 : "Slack did not complete the installation.");
  }
  if (check != store::StateCheck::valid) {
    spdlog::warn("refused an install redirect with an unknown, expired or used state");
    return failure(400, "This installation link is unknown, has expired or was already used.");
  }
  const std::string code = query->value("code");
  if (code.empty()) return failure(400, "Slack sent no authorization code.");

  // The page can only say how it went once Slack has answered: the exchange runs on a slow-work
  // thread, bounded by the client's timeout, while the request threads serve others.
  http::Response pending;
  pending.deferred = [this, code] {
    auto response = finish_install(code);
    // The binding did its work: the browser need not keep it.
    response.headers.emplace_back("Set-Cookie", browser_cookie("", std::chrono::seconds(0)));
    return response;
  };
  return pending;
}

http::Response OAuthRoutes::finish_install(const std::string& code) {
  const auto exchanged = oauth_.exchange_code(code, options_.redirect_uri);
  if (!exchanged.grant) {
    spdlog::error("oauth.v2.access refused the installation: {}", exchanged.error);
    return failure(exchanged.transient ? 502 : 400,
                   "Slack did not confirm the installation (" + exchanged.error + ").");
  }
  const OAuthGrant& grant = *exchanged.grant;
  if (grant.enterprise_install || grant.team_id.empty()) {
    spdlog::warn("refused an organization-wide install (enterprise {})", grant.enterprise_id);
    return failure(400, "Accord installs into one workspace at a time, not organization-wide.");
  }

  store::Installation installation;
  installation.workspace = grant.team_id;
  installation.enterprise = grant.enterprise_id;
  installation.team_name = grant.team_name;
  installation.app_id = grant.app_id;
  installation.bot_user = grant.bot_user_id;
  installation.scopes = grant.scope;
  installation.installed_by = grant.installer;
  installation.installed_at = clock_.now();
  installation.bot_token = grant.access_token;
  if (!grant.refresh_token.empty() && grant.expires_in) {
    installation.refresh_token = grant.refresh_token;
    installation.token_expires_at =
        installation.installed_at +
        std::chrono::duration_cast<std::chrono::milliseconds>(*grant.expires_in);
  }
  {
    store::Transaction tx(db_);
    store::Installations(db_, cipher_).save(installation);
    tx.commit();
  }
  spdlog::info("installed in workspace {} by {} (scopes {}{})", grant.team_id, grant.installer,
               grant.scope, installation.refresh_token.empty() ? "" : ", token rotation on");
  const std::string team = grant.team_name.empty() ? grant.team_id : grant.team_name;
  return page(200, "Accord is installed",
              "Accord is now installed in " + commands::escape_html(team) +
                  ". In a channel, type <code>/invite @accord</code> and then "
                  "<code>/accord setup \"Project name\"</code>; <code>/accord help</code> shows "
                  "what comes next. You can close this page.");
}

}  // namespace accord::bot::slack
