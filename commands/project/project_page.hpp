// The project page (DESIGN §3.9): `page` answers privately with a personal link, good for one
// opening within minutes, that opens a session of a few hours on a read-only web page of the
// project. The page holds what the person would see in chat, because it is built from the same
// workflows run as that person (the report, roadmap, backlog, sprint, releases, documents,
// problem reports and decision log), plus the report's charts as inline SVG.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "commands/core/context.hpp"
#include "store/page_sessions.hpp"

namespace accord::commands {

// How long a link may wait to be opened, and how long the session it opens lasts.
inline constexpr std::chrono::minutes kPageLinkLifetime{15};
inline constexpr std::chrono::hours kPageSessionLifetime{4};
// The path links and the page are served under: GET /page/<64 hex> opens, GET /page shows.
inline constexpr std::string_view kPagePath = "/page";

// One part of the page: a workflow's answer, or a chart.
struct PagePart {
  std::string id;       // for the page's table of contents, e.g. "roadmap"
  std::string heading;  // e.g. "Roadmap"
  Message message;      // what the workflow answered; its buttons are not shown
  std::string svg;      // a chart, ready to sit inline (charts::inline_svg); empty otherwise
  std::string alt;      // the chart in words
};

struct ProjectPage {
  std::string project_name;
  std::string reader;  // the person's name, or their id
  std::string roles;   // "customer, sponsor"
  std::string as_of;   // "2026-12-04 16:00 CET"
  std::vector<PagePart> parts;
  std::map<std::string, std::string> names;  // user id -> name, for the mentions in the parts
};

// The page as `session.user_id` may see it, or nullopt when the project is gone or they hold no
// role in it any more. Runs the workflows in a transaction of its own that it rolls back: reading
// the page changes nothing.
std::optional<ProjectPage> project_page(store::Database& db, const store::PageSession& session,
                                        store::Timestamp now, const std::string& public_url);

Reply page_command(Context& context, const CommandLine& args);

}  // namespace accord::commands
