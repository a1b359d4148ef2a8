#include "bot/page/page_routes.hpp"

#include <spdlog/spdlog.h>

#include "bot/page/page_html.hpp"
#include "commands/project/project_page.hpp"
#include "store/page_sessions.hpp"
#include "store/random_token.hpp"

namespace accord::bot::page {
namespace {

constexpr std::size_t kTokenLength = 64;

http::Response html(int status, std::string body) {
  http::Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(body);
  response.headers = {{"Content-Security-Policy", content_security_policy()},
                      {"X-Content-Type-Options", "nosniff"},
                      {"X-Frame-Options", "DENY"},
                      {"Referrer-Policy", "no-referrer"},
                      {"Cache-Control", "no-store"}};
  return response;
}

http::Response notice(int status, const std::string& title, const std::string& text) {
  return html(status, render_notice(title, text));
}

// The session token from the Cookie header, when it has the shape of one.
std::string session_token(const http::Request& request) {
  const std::string_view cookies = request.header("Cookie");
  const std::string wanted = std::string(kSessionCookie) + "=";
  std::size_t at = 0;
  while (at < cookies.size()) {
    while (at < cookies.size() && (cookies[at] == ' ' || cookies[at] == ';')) ++at;
    const auto end = std::min(cookies.find(';', at), cookies.size());
    const auto pair = cookies.substr(at, end - at);
    if (pair.starts_with(wanted)) {
      const auto value = std::string(pair.substr(wanted.size()));
      if (store::is_hex_token(value, kTokenLength)) return value;
    }
    at = end + 1;
  }
  return {};
}

constexpr const char* kNewLink = "Run /accord page in the project's channel for a new link.";

std::string link_token(const http::Request& request) {
  return request.path().substr(commands::kPagePath.size() + 1);
}

http::Response link_refused(bool used) {
  if (used) {
    return notice(
        410, "This link was used already",
        std::string("A page link opens once, in the browser that opened it first. ") + kNewLink);
  }
  return notice(404, "This link is unknown or has expired",
                std::string("Page links must be opened within 15 minutes. ") + kNewLink);
}

}  // namespace

http::Response PageRoutes::landing(const http::Request& request) {
  const std::string token = link_token(request);
  const auto now = clock_.now();
  bool open = false;
  bool used = false;
  if (store::is_hex_token(token, kTokenLength)) {
    store::Transaction tx(db_, store::Scope::read_only);
    store::PageSessions sessions(db_);
    open = sessions.is_open_link(token, now);
    used = !open && sessions.was_used(token, now);
  }
  if (!open) return link_refused(used);
  return html(200, render_landing("This link, made for you in chat, opens a read-only page of "
                                  "your project as your roles let you see it."));
}

http::Response PageRoutes::open_link(const http::Request& request) {
  // Only the button on Accord's own page opens a session: another site's form posting someone
  // else's link would sign this browser in as them. (Origin is "null" here: no-referrer.)
  const auto site = request.header("Sec-Fetch-Site");
  if (!site.empty() && site != "same-origin") {
    return notice(403, "Open the link from chat",
                  "A page link opens from the button on its own page, not from another site.");
  }
  const std::string token = link_token(request);
  const auto now = clock_.now();
  std::optional<store::PageSession> session;
  bool used = false;
  if (store::is_hex_token(token, kTokenLength)) {
    store::Transaction tx(db_);
    store::PageSessions sessions(db_);
    if (const auto link = sessions.use_link(token, now)) {
      store::PageSession fresh = *link;
      fresh.kind = store::PageCredential::session;
      fresh.created_at = now;
      fresh.expires_at = now + commands::kPageSessionLifetime;
      session = sessions.create(fresh);
    } else {
      used = sessions.was_used(token, now);
    }
    tx.commit();
  }
  if (!session) return link_refused(used);
  const auto max_age =
      std::chrono::duration_cast<std::chrono::seconds>(commands::kPageSessionLifetime);
  // On to the page: a same-site step from the button's own page, so the cookie goes along.
  auto response = html(303, render_notice("Opening the project page", "One moment."));
  response.headers.emplace_back("Location", std::string(commands::kPagePath));
  response.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) + "=" + session->token +
                                                  "; Path=" + std::string(commands::kPagePath) +
                                                  "; Max-Age=" + std::to_string(max_age.count()) +
                                                  "; HttpOnly; Secure; SameSite=Strict");
  return response;
}

http::Response PageRoutes::show(const http::Request& request) {
  const auto token = session_token(request);
  const auto now = clock_.now();
  std::optional<store::PageSession> session;
  if (!token.empty()) {
    store::Transaction tx(db_, store::Scope::read_only);
    session = store::PageSessions(db_).find_session(token, now);
  }
  if (!session) {
    return notice(401, "Open the page from a fresh link",
                  std::string("This browser has no open session of a project page (they last "
                              "4 hours). ") +
                      kNewLink);
  }
  // Seven workflows and three drawings: on a slow-work thread, not the one every request waits for.
  http::Response pending;
  pending.deferred = [this, found = *session, now] {
    const auto page = commands::project_page(db_, found, now, public_url_);
    if (!page) {
      return notice(403, "Not on this project",
                    "You hold no role in this project any more, so its page is closed to you.");
    }
    return html(200, render_page(*page));
  };
  return pending;
}

}  // namespace accord::bot::page
