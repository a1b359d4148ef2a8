// The project page (issue 20): `page` gives a personal one-use link; the page holds what its
// reader would see in chat and nothing more (documents by role, confidential problem reports),
// with the charts as inline SVG; reading it changes nothing, and a former member gets no page.
#include <catch2/catch.hpp>

#include <regex>

#include "commands/project/project_page.hpp"
#include "store/page_sessions.hpp"
#include "store/projects.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using namespace std::chrono;
using accord::testing::all_text;
using accord::testing::ScopeTeam;
using Catch::Contains;

namespace {

constexpr const char* kSecret = "The pm moves our demos without asking";

// ScopeTeam (U1 pm, U2 customer, U5 dev, U8 leadership) with a roadmap, a running sprint, a
// document for pm and customer only and a problem report about the pm.
struct PagedProject : ScopeTeam {
  PagedProject() : ScopeTeam("https://accord.example.com") {
    REQUIRE_THAT(say("U1", "roadmap add Checkout due=2026-12-18 reason=\"Asked for\""),
                 Contains("CR-1"));
    REQUIRE_THAT(say("U2", "approve CR-1"), Contains("CR-1"));
    run("U5", "task add Cart estimate=2h");
    run("U1", "sprint plan Checkout start=2026-11-24 length=2w");
    run("U1", "sprint add SP-1 T-1");
    REQUIRE_THAT(say("U1", "sprint start SP-1"), Contains("You started SP-1"));
    run("U1", "doc add \"Rate card\" https://docs.example.com/rates for=pm,customer");
    REQUIRE_THAT(say("U2", std::string("problem report pm \"") + kSecret + "\""),
                 Contains("Recorded"));
  }

  std::optional<ProjectPage> page_of(const std::string& user) {
    accord::store::PageSession session;
    {
      accord::store::Transaction tx(db());
      session.project_id = accord::store::Projects(db())
                               .find_by_channel(accord::store::Platform::slack, "T1", "C1")
                               ->id;
    }
    session.kind = accord::store::PageCredential::session;
    session.user_id = user;
    return project_page(db(), session, clock().now(), "https://accord.example.com");
  }
};

std::string page_text(const ProjectPage& page) {
  std::string text;
  for (const auto& part : page.parts) text += part.heading + "\n" + all_text(part.message) + "\n";
  return text;
}

const PagePart* part(const ProjectPage& page, const std::string& id) {
  for (const auto& candidate : page.parts) {
    if (candidate.id == id) return &candidate;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("page answers privately with a personal link that opens once") {
  PagedProject bot;
  const auto reply = bot.run("U2", "page");
  CHECK(reply.visibility == Visibility::requester_only);
  std::string url;
  for (const auto& span : reply.message.sections.at(0).text.spans()) {
    if (span.kind == Span::Kind::link) url = span.target;
  }
  std::smatch match;
  REQUIRE(std::regex_match(url, match,
                           std::regex("https://accord\\.example\\.com/page/([0-9a-f]{64})")));
  CHECK_THAT(all_text(reply.message), Contains("opens once, within 15 minutes"));
  accord::store::Transaction tx(bot.db());
  accord::store::PageSessions sessions(bot.db());
  const auto opened = sessions.use_link(match[1], bot.clock().now() + minutes(14));
  REQUIRE(opened);
  CHECK(opened->user_id == "U2");
  CHECK_FALSE(sessions.use_link(match[1], bot.clock().now() + minutes(14)));
  tx.commit();
  CHECK_THAT(bot.say("U2", "page please"), Contains("takes no words"));
}

TEST_CASE("without a public URL, page says why there is no link") {
  ScopeTeam bot;
  CHECK_THAT(bot.say("U2", "page"), Contains("needs Accord's public address"));
}

TEST_CASE("the page shows each reader what chat shows them, with the charts inline") {
  PagedProject bot;
  const auto pm = bot.page_of("U1");
  REQUIRE(pm);
  CHECK(pm->project_name == "Apollo");
  CHECK(pm->roles == "pm");
  for (const auto* id : {"status", "timeline", "burn-down", "roadmap", "backlog", "sprint",
                         "releases", "documents", "problems", "log"}) {
    INFO(id);
    CHECK(part(*pm, id) != nullptr);
  }
  CHECK(part(*pm, "timeline")->svg.rfind("<svg", 0) == 0);
  CHECK_THAT(part(*pm, "timeline")->alt, Contains("R-1 Checkout"));
  CHECK_THAT(part(*pm, "burn-down")->svg, Contains("role=\"img\""));
  const auto pm_text = page_text(*pm);
  CHECK_THAT(pm_text, Contains("Rate card") && Contains("T-1") && Contains("Checkout"));
  CHECK_THAT(pm_text, !Contains(kSecret));  // a report about the pm never reaches the pm

  const auto dev = bot.page_of("U5");
  REQUIRE(dev);
  CHECK_THAT(page_text(*dev), !Contains("Rate card") && Contains("T-1"));
  CHECK_THAT(page_text(*dev), !Contains(kSecret));
  CHECK_THAT(page_text(*bot.page_of("U8")), Contains(kSecret));  // leadership handles it
  CHECK_THAT(page_text(*bot.page_of("U2")), Contains("Rate card"));
}

TEST_CASE("reading the page changes nothing, and a former member gets none") {
  PagedProject bot;
  const auto before = bot.decisions().size();
  const auto queued = bot.outbox().size();
  REQUIRE(bot.page_of("U5"));
  CHECK(bot.decisions().size() == before);
  CHECK(bot.outbox().size() == queued);
  CHECK_FALSE(bot.page_of("U9"));  // no role in the project
  REQUIRE_THAT(bot.say("U1", "role remove <@U5> dev"), Contains("U5"));
  CHECK_FALSE(bot.page_of("U5"));
}
