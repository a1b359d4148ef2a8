// The project page's routes (DESIGN §3.9): GET /page/<token> shows a personal link's button, and
// its POST uses the link up and sets the session cookie (HttpOnly, Secure, SameSite=Strict), so
// a link preview cannot use it up; GET /page shows the page to the session's person. An unknown,
// expired or used link, and a missing session, get a page that says so and how to get a new link,
// never the project.
#pragma once

#include <string>

#include "bot/http/message.hpp"
#include "commands/core/clock.hpp"
#include "store/database.hpp"

namespace accord::bot::page {

inline constexpr std::string_view kSessionCookie = "accord_page";

class PageRoutes {
 public:
  PageRoutes(store::Database& db, const commands::Clock& clock, std::string public_url)
      : db_(db), clock_(clock), public_url_(std::move(public_url)) {}

  // GET /page/<token>: a button to open the page, while the link is still to be used.
  http::Response landing(const http::Request& request);
  // POST /page/<token>: uses the link up and opens the session.
  http::Response open_link(const http::Request& request);
  http::Response show(const http::Request& request);

 private:
  store::Database& db_;
  const commands::Clock& clock_;
  std::string public_url_;
};

}  // namespace accord::bot::page
