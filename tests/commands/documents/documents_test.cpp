// Documents by role (DESIGN §3.9): each document is visible to the roles it is for and to nobody
// else, in `doc list`, App Home and notices; visibility follows role changes at once; the one
// marked where to test is linked from every acceptance card; links are checked.
#include <catch2/catch.hpp>

#include "commands/project/home.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using accord::store::OutboxKind;
using accord::testing::all_text;
using accord::testing::payload_message;
using accord::testing::ScopeTeam;
using Catch::Contains;

namespace {

// ScopeTeam: U1 pm, U2 customer, U3 delegate, U4 lead, U5 dev, U6 sponsor, U7 qa, U8 leadership,
// U9 nobody.
struct DocTeam : ScopeTeam {
  std::string home_of(const std::string& user) {
    return all_text(build_home(db(), Platform::slack, "T1", user, clock().now()));
  }
};

}  // namespace

TEST_CASE("a document for everyone is announced and listed for everyone with its link") {
  DocTeam bot;
  const auto reply = bot.run("U4", "doc add \"Architecture\" https://wiki.example.com/arch");
  CHECK(reply.visibility == Visibility::channel);
  CHECK_THAT(all_text(reply.message),
             Contains("Document DOC-1: Architecture (https://wiki.example.com/arch)") &&
                 Contains("For: everyone on the project"));
  const auto& link = reply.message.sections[0].text.spans()[3];
  CHECK(link.kind == Span::Kind::link);
  CHECK(link.target == "https://wiki.example.com/arch");
  for (const char* user : {"U1", "U2", "U5", "U6", "U8"}) {
    CHECK_THAT(bot.say(user, "doc list"), Contains("DOC-1 Architecture"));
  }
  CHECK(bot.logged("doc.add") == 1);
  CHECK_THAT(bot.home_of("U2"), Contains("Documents:") && Contains("DOC-1 Architecture"));
}

TEST_CASE("a document for some roles is seen by them only, and told to them privately") {
  DocTeam bot;
  const auto reply =
      bot.run("U1", "doc add \"Rate card\" https://docs.example.com/rates for=pm,customer");
  CHECK(reply.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(reply.message), Contains("For: customer, pm") &&
                                          Contains("Only the people holding customer, pm see it"));
  CHECK(bot.messages_to("U2").size() == 1);
  CHECK(bot.messages_to("U5").empty());
  CHECK(bot.messages_to("U3").empty());

  CHECK_THAT(bot.say("U1", "doc list"), Contains("DOC-1 Rate card"));
  CHECK_THAT(bot.say("U2", "doc list"), Contains("DOC-1 Rate card"));
  for (const char* user : {"U3", "U4", "U5", "U6", "U7", "U8"}) {
    INFO(user);
    const auto listed = bot.say(user, "doc list");
    CHECK_THAT(listed, !Contains("Rate card") && Contains("No documents you can see"));
    CHECK_THAT(bot.home_of(user), !Contains("Rate card"));
    // Removing it says it does not exist, as for any id.
    CHECK_THAT(bot.say(user, "doc remove DOC-1"), Contains("No document DOC-1 you can see"));
  }
  CHECK_THAT(bot.home_of("U2"), Contains("Rate card"));
  // The decision log, read by everyone on the project, names it by id and roles only.
  const auto log = bot.say("U5", "log");
  CHECK_THAT(log, Contains("DOC-1") && Contains("customer, pm"));
  CHECK_THAT(log, !Contains("Rate card") && !Contains("docs.example.com"));
  bot.run("U1", "doc remove DOC-1");
  CHECK_THAT(bot.say("U5", "log"), !Contains("Rate card") && !Contains("docs.example.com"));
  bot.run("U1", "doc add \"Rate card\" https://docs.example.com/rates for=pm,customer");

  // Visibility follows roles at once.
  bot.run("U1", "role add <@U5> pm");
  CHECK_THAT(bot.say("U5", "doc list"), Contains("Rate card"));
  bot.run("U1", "role remove <@U5> pm");
  CHECK_THAT(bot.say("U5", "doc list"), !Contains("Rate card"));
}

TEST_CASE("where to test: one document is marked, and every acceptance card links it") {
  DocTeam bot;
  REQUIRE_THAT(bot.say("U7", "doc add Staging https://staging.example.com test=yes"),
               Contains("Where to test: Yes"));
  const auto second =
      bot.say("U7", "doc add \"New staging\" https://staging2.example.com test=yes");
  CHECK_THAT(second, Contains("instead of DOC-1"));
  CHECK_THAT(bot.say("U2", "doc list"), Contains("DOC-2 New staging") && Contains("where to test"));

  bot.run("U5", "task add Checkout");
  bot.run("U5", "task start T-1");
  bot.deliver_all();
  REQUIRE_THAT(bot.say("U5", "task done T-1"), Contains("T-1"));
  int cards = 0;
  for (const auto& row : bot.outbox()) {
    const auto card = payload_message(row);
    if (card.title != "Acceptance of T-1") continue;
    ++cards;
    CHECK_THAT(all_text(card),
               Contains("Where to test: New staging (https://staging2.example.com)"));
  }
  CHECK(cards >= 2);  // the customer's, the delegate's and the channel's copies

  // A where-to-test document is for everyone who sees the cards.
  CHECK_THAT(bot.say("U7", "doc add Other https://x.example.com test=yes for=qa"),
             Contains("leave for= out"));
}

TEST_CASE("who may add and remove documents") {
  DocTeam bot;
  CHECK_THAT(bot.say("U6", "doc add Budget https://x.example.com"),
             Contains("can add documents. You are: sponsor."));
  CHECK_THAT(bot.say("U8", "doc add Budget https://x.example.com"), Contains("can add documents"));
  REQUIRE_THAT(bot.say("U2", "doc add Brief https://brief.example.com"), Contains("DOC-1"));
  CHECK_THAT(bot.say("U5", "doc remove DOC-1"),
             Contains("Only whoever added DOC-1 (@U2) or a pm can remove it") &&
                 Contains("Nothing changed"));
  CHECK_THAT(bot.say("U1", "doc remove DOC-1"), Contains("Removed document DOC-1: Brief"));
  CHECK(bot.logged("doc.remove") == 1);
  CHECK_THAT(bot.say("U2", "doc list"), Contains("No documents"));
  REQUIRE_THAT(bot.say("U2", "doc add Brief2 https://brief.example.com"), Contains("DOC-2"));
  CHECK_THAT(bot.say("U2", "doc remove DOC-2"), Contains("Removed document DOC-2"));
}

TEST_CASE("bad document input gets a clear private answer and changes nothing") {
  DocTeam bot;
  CHECK_THAT(bot.say("U1", "doc add Spec ftp://files.example.com/spec"),
             Contains("isn't a web link"));
  CHECK_THAT(bot.say("U1", "doc add Spec javascript:alert(1)"), Contains("isn't a web link"));
  CHECK_THAT(bot.say("U1", "doc add Spec http://intranet.example.com/spec"),
             Contains("Use https://"));
  CHECK_THAT(bot.say("U1", "doc add Spec https://x.example.com/{a}<script>"),
             Contains("isn't a link Accord can show safely"));
  // What the link shows is where it goes: no user information before the host.
  CHECK_THAT(bot.say("U1", "doc add Spec http://localhost:1@evil.example/x"),
             Contains("isn't a link Accord can show safely"));
  CHECK_THAT(bot.say("U1", "doc add Spec https://docs.example.com@evil.example/x"),
             Contains("isn't a link Accord can show safely"));
  CHECK_THAT(bot.say("U1", "doc add https://x.example.com"), Contains("Give the document a title"));
  CHECK_THAT(bot.say("U1", "doc add"), Contains("Give the document a title and its link"));
  CHECK_THAT(bot.say("U1", "doc add Spec https://x.example.com for=ceo"),
             Contains("ceo isn't a role"));
  CHECK_THAT(bot.say("U1", "doc add Spec https://x.example.com for=,"), Contains("Name the roles"));
  CHECK_THAT(bot.say("U1", "doc add Spec https://x.example.com test=maybe"), Contains("test="));
  CHECK_THAT(bot.say("U1", "doc add Spec https://x.example.com color=red"), Contains("color"));
  CHECK_THAT(bot.say("U1", "doc remove"), Contains("Say which document"));
  CHECK_THAT(bot.say("U1", "doc frobnicate"), Contains("Document commands"));
  CHECK(bot.logged("doc.add") == 0);
  CHECK_THAT(bot.say("U1", "doc list"), Contains("No documents"));

  // Local test servers may be plain http; Slack's <link|label> markup and parentheses are
  // taken as typed.
  CHECK_THAT(bot.say("U1", "doc add Local http://localhost:3000/app"), Contains("DOC-1"));
  CHECK_THAT(bot.say("U1", "doc add Wiki <https://en.example.org/Foo_(bar)|Foo>"),
             Contains("https://en.example.org/Foo_%28bar%29"));
  // Slack keeps &amp; inside its link markup; the link is stored with a plain &.
  CHECK_THAT(bot.say("U1", "doc add Board <https://board.example.com/?a=1&amp;b=2>"),
             Contains("https://board.example.com/?a=1&b=2)"));
}
