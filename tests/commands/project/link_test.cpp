// One project across two organisations (issue 16): the contractor's Slack channel links the
// customer's Teams channel with a one-time code; each person is reached on their own platform.
#include <catch2/catch.hpp>

#include "commands/core/names.hpp"
#include "store/homes.hpp"
#include "store/link_codes.hpp"
#include "store/person_names.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using accord::store::OutboxKind;
using accord::testing::all_text;
using accord::testing::payload_message;
using accord::testing::ScopeTeam;
using Catch::Contains;

namespace {

constexpr const char* kTenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
constexpr const char* kTeamsChannel = "19:apollo-customer@thread.tacv2";
constexpr const char* kMaria = "29:1maria";  // the customer, on Teams
constexpr const char* kIvo = "29:1ivo";      // her delegate, on Teams

// Apollo on Slack (ScopeTeam's roles), with a customer organisation on Teams.
struct TwoOrganisations : ScopeTeam {
  Request teams_request(const std::string& user, const std::string& text,
                        const std::string& channel = kTeamsChannel) {
    Request request;
    request.platform = Platform::teams;
    request.workspace = kTenant;
    request.channel = channel;
    request.user = user;
    request.text = text;
    request.typed_in_public = channel == kTeamsChannel;
    return request;
  }
  Reply teams(const std::string& user, const std::string& text,
              const std::string& channel = kTeamsChannel) {
    return handle(teams_request(user, text, channel));
  }
  std::string teams_say(const std::string& user, const std::string& text,
                        const std::string& channel = kTeamsChannel) {
    return all_text(teams(user, text, channel).message);
  }

  // The code the pm was given privately: the first code span of the reply.
  std::string make_code(const std::string& role, const std::string& by = "U1") {
    const auto reply = run(by, "link " + role);
    for (const auto& section : reply.message.sections) {
      for (const auto& span : section.text.spans()) {
        if (span.kind == Span::Kind::code) return span.value;
      }
    }
    return "";
  }

  // Links the Teams channel; Maria becomes customer there.
  void link_teams() {
    const auto code = make_code("customer");
    REQUIRE_THAT(teams_say(kMaria, "link " + code), Contains("Linked"));
    deliver_all();
  }

  std::vector<accord::store::OutboxItem> rows_to(const std::string& target) {
    std::vector<accord::store::OutboxItem> rows;
    for (auto& row : outbox()) {
      if (row.target == target) rows.push_back(std::move(row));
    }
    return rows;
  }
};

}  // namespace

TEST_CASE("the pm links the customer's Teams channel: the role, both homes told, the list") {
  TwoOrganisations bot;
  const auto reply = bot.run("U1", "link customer");
  CHECK(reply.visibility == Visibility::requester_only);
  const auto code = bot.make_code("customer");
  CHECK(code.size() == 14);
  CHECK_THAT(all_text(reply.message),
             Contains("@Accord link ") && Contains("works once, within 24 hours"));
  bot.deliver_all();

  const auto linked = bot.teams(kMaria, "link " + code);
  CHECK(linked.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(linked.message), Contains("now a home of Apollo") && Contains("customer"));

  // Both homes hear it, each on its own platform.
  const auto slack = bot.rows_to("C1");
  const auto teams = bot.rows_to(kTeamsChannel);
  REQUIRE(slack.size() == 1);
  REQUIRE(teams.size() == 1);
  CHECK(slack[0].platform == accord::store::Platform::slack);
  CHECK(slack[0].workspace == "T1");
  CHECK(teams[0].platform == accord::store::Platform::teams);
  CHECK(teams[0].workspace == kTenant);
  CHECK(slack[0].payload == teams[0].payload);
  CHECK_THAT(all_text(payload_message(teams[0])),
             Contains("linked by @29:1maria") && Contains("joins as customer"));

  // Maria now acts in the project from Teams, as customer.
  // Everyone, as shown on the reader's platform: the other platform's people by name and platform
  // (neither name is known here).
  const auto shown_on = [&](const Reply& reply, Platform platform) {
    accord::store::Transaction tx(bot.db());
    return all_text(name_other_platforms(bot.db(), reply.message, platform));
  };
  CHECK_THAT(shown_on(bot.teams(kMaria, "roles"), Platform::teams),
             Contains("customer: a Slack member, @29:1maria\n"));
  CHECK_THAT(shown_on(bot.run("U1", "roles"), Platform::slack),
             Contains("customer: @U2, a Teams member"));
  const auto homes = bot.teams_say(kMaria, "link list");
  CHECK_THAT(homes, Contains("1. Slack channel C1, set up by @U1") &&
                        Contains("2. Teams conversation " + std::string(kTeamsChannel) +
                                 " (here), linked by @29:1maria"));
  CHECK(bot.logged("project.link") == 1);

  // The code is spent.
  CHECK_THAT(bot.teams_say("29:1mallory", "link " + code, "19:other@thread.tacv2"),
             Contains("has been used already"));
}

TEST_CASE("cards and reminders reach each person on their own platform, decided anywhere") {
  TwoOrganisations bot;
  bot.link_teams();

  bot.run("U1", "roadmap add \"Checkout\" due=2027-01-10 reason=\"Asked for\"");
  const auto key = bot.card_key("CR-1");
  const auto dm = bot.rows_to(kMaria);
  REQUIRE(dm.size() == 1);
  CHECK(dm[0].platform == accord::store::Platform::teams);
  CHECK(dm[0].workspace == kTenant);
  CHECK(dm[0].kind == OutboxKind::direct_message);
  CHECK(dm[0].card_key == key);
  // The Slack approvers still get theirs in Slack; the card goes to both homes.
  REQUIRE(bot.rows_to("U2").size() == 1);
  CHECK(bot.rows_to("U2")[0].platform == accord::store::Platform::slack);
  REQUIRE(bot.rows_to(kTeamsChannel).size() == 1);
  CHECK(bot.rows_to(kTeamsChannel)[0].card_key == key);
  REQUIRE(bot.rows_to("C1").size() == 1);
  bot.deliver_all();

  // Maria approves from her Teams chat with Accord (no project there: the button names it).
  const auto approve = bot.button("CR-1", "Approve");
  Request click = bot.teams_request(kMaria, "", "a:1maria-chat");
  click.action_id = kRunCommandAction;
  click.action_value = approve;
  CHECK_THAT(all_text(bot.handle(click).message),
             Contains("You approved CR-1") && Contains("baseline is now v1"));

  // Every delivered copy, on both platforms, is updated in place.
  int slack_updates = 0;
  int teams_updates = 0;
  for (const auto& row : bot.pending(OutboxKind::update_message)) {
    CHECK_THAT(all_text(payload_message(row)), Contains("approved", Catch::CaseSensitive::No));
    (row.platform == accord::store::Platform::teams ? teams_updates : slack_updates) += 1;
  }
  CHECK(slack_updates == 3);  // U2's and U3's direct messages, the Slack channel
  CHECK(teams_updates == 2);  // Maria's chat, the Teams channel
  const auto log = bot.decisions();
  CHECK(std::any_of(log.begin(), log.end(), [](const auto& decision) {
    return decision.action == "change_request.approve" && decision.actor == kMaria;
  }));

  // The same button clicked by someone in the same tenant who is not on the project: refused.
  click.user = "29:1stranger";
  CHECK_THAT(all_text(bot.handle(click).message), Contains("belongs to a project you're not on"));
}

TEST_CASE("people are given roles from a home on their own platform, by mention") {
  TwoOrganisations bot;
  bot.link_teams();

  // In Slack, a Teams id can only have been typed, not mentioned: refused, nothing changed.
  CHECK_THAT(bot.say("U1", "role add <@29:1ivo> delegate"),
             Contains("isn't a mention of someone here") && Contains("Teams"));
  CHECK_THAT(bot.say("U1", "roles"), !Contains("29:1ivo"));

  // In Teams, the customer appoints her delegate; he is told in Teams.
  CHECK_THAT(bot.teams_say(kMaria, "role add <@29:1ivo> delegate"), Contains("Added @29:1ivo"));
  const auto told = bot.rows_to(kIvo);
  REQUIRE(told.size() == 1);
  CHECK(told[0].platform == accord::store::Platform::teams);
  CHECK(told[0].workspace == kTenant);

  // And the pm's announcements reach him through the Teams channel, his approvals in Teams.
  bot.deliver_all();
  bot.run("U1", "roadmap add \"Search\" due=2027-02-10 reason=\"r\"");
  REQUIRE(bot.rows_to(kIvo).size() == 1);
  CHECK(bot.rows_to(kIvo)[0].platform == accord::store::Platform::teams);
}

TEST_CASE("a pm report filed in Teams reaches leadership in Slack and no pm anywhere") {
  TwoOrganisations bot;
  bot.link_teams();
  // Maria files from her own chat with Accord, where no one else reads it.
  const auto filed =
      bot.teams_say(kMaria, "problem report pm \"The pm skips our calls\"", "a:1maria-chat");
  CHECK_THAT(filed, Contains("Recorded PR-"));
  bool leadership_told = false;
  for (const auto& row : bot.outbox()) {
    const auto text = all_text(payload_message(row));
    if (text.find("skips our calls") == std::string::npos) continue;
    // Only leadership (U8, on Slack) and the reporter see it: no pm, no home.
    CHECK((row.target == "U8" || row.target == kMaria));
    CHECK(row.kind == OutboxKind::direct_message);
    if (row.target == "U8") {
      CHECK(row.platform == accord::store::Platform::slack);
      leadership_told = true;
    }
  }
  CHECK(leadership_told);
}

TEST_CASE("link codes refuse what they should, and nothing changes") {
  TwoOrganisations bot;
  int roles_added = 7;  // ScopeTeam's

  SECTION("an unknown code") {
    CHECK_THAT(bot.teams_say(kMaria, "link ABCD-EFGH-JKMN"),
               Contains("I don't know the link code") && Contains("/accord link <role>"));
  }
  SECTION("an expired code") {
    const auto code = bot.make_code("customer");
    bot.clock().advance(std::chrono::hours(25));
    CHECK_THAT(bot.teams_say(kMaria, "link " + code), Contains("has expired"));
  }
  SECTION("a code redeemed in a conversation that already is a home") {
    const auto code = bot.make_code("customer");
    CHECK_THAT(bot.say("U9", "link " + code), Contains("already is a home of Apollo"));
    // Still good where it belongs.
    CHECK_THAT(bot.teams_say(kMaria, "link " + code), Contains("Linked"));
    roles_added += 1;
  }
  SECTION("only the pm makes codes, and never for leadership") {
    CHECK_THAT(bot.say("U4", "link customer"), Contains("Only the project's pm"));
    CHECK_THAT(bot.say("U1", "link leadership"), Contains("can't give leadership"));
    CHECK_THAT(bot.say("U9", "link customer"), Contains("Only the project's team"));
  }
  SECTION("no code without a project") {
    CHECK_THAT(bot.say("U1", "link customer", "C2"), Contains("has no Accord project yet"));
  }
  if (roles_added == 7) CHECK(bot.pending(OutboxKind::channel_message).empty());
  CHECK(bot.logged("role.add") == roles_added);
}

TEST_CASE("the pm unlinks a home after confirming; the first home stays") {
  TwoOrganisations bot;
  bot.link_teams();
  CHECK_THAT(bot.say("U1", "unlink 1"), Contains("where Apollo was set up; it stays"));
  CHECK_THAT(bot.say("U1", "unlink 7"), Contains("Give the home's number"));
  CHECK_THAT(bot.say("U2", "unlink 2"), Contains("Only the project's pm"));

  const auto asked = bot.run("U1", "unlink 2");
  REQUIRE(asked.message.buttons.size() == 1);
  CHECK(asked.message.buttons[0].label == "Unlink");
  CHECK_THAT(bot.teams_say(kMaria, "roles"), Contains("Roles in Apollo"));  // not yet

  CHECK_THAT(all_text(bot.click("U1", kRunCommandAction, asked.message.buttons[0].value).message),
             Contains("Unlinked Teams conversation"));
  // Both homes were told before it went; the Teams channel is bound to nothing now.
  REQUIRE(bot.rows_to(kTeamsChannel).size() == 1);
  CHECK_THAT(all_text(payload_message(bot.rows_to(kTeamsChannel)[0])),
             Contains("no longer a home of Apollo"));
  CHECK_THAT(bot.teams_say(kMaria, "roles"), Contains("has no Accord project yet"));
  CHECK(bot.logged("project.unlink") == 1);
}

TEST_CASE("link codes are random and typed loosely") {
  const auto first = accord::store::new_link_code();
  const auto second = accord::store::new_link_code();
  CHECK(first != second);
  CHECK(first[4] == '-');
  CHECK(accord::store::normal_link_code(" k7qf-2m9x-c4pa ") == "K7QF2M9XC4PA");
  CHECK(accord::store::normal_link_code("oil") == "011");
}

TEST_CASE("a mention cannot cross platforms: each side sees the other's people by name") {
  TwoOrganisations bot;
  const auto code = bot.make_code("customer");
  bot.deliver_all();
  auto request = bot.teams_request(kMaria, "link " + code);
  request.user_name = "Maria Garcia";  // as Teams sends it with every activity
  REQUIRE_THAT(all_text(bot.handle(request).message), Contains("Linked"));

  const auto slack = bot.rows_to("C1");
  REQUIRE(slack.size() == 1);
  const auto neutral = payload_message(slack[0]);
  {
    accord::store::Transaction tx(bot.db());
    // In Slack, Maria (a Teams id) is named, not mentioned.
    CHECK(mentions_other_platform(neutral, Platform::slack));
    const auto in_slack = name_other_platforms(bot.db(), neutral, Platform::slack);
    CHECK_FALSE(mentions_other_platform(in_slack, Platform::slack));
    CHECK_THAT(all_text(in_slack), Contains("Maria Garcia (Teams)") && !Contains("29:1maria"));
    // In Teams she is mentioned as she is.
    CHECK_FALSE(mentions_other_platform(neutral, Platform::teams));
    tx.commit();
  }

  // A mention's label is the sender's to choose: it names someone not known yet, and never
  // renames someone whose own messages gave their name.
  auto mention = bot.teams_request(kMaria, "role add <@29:1ivo> delegate");
  mention.mentions = {{Platform::teams, kIvo, "Ivo P."},
                      {Platform::teams, kMaria, "Pat Lindqvist"}};
  REQUIRE_THAT(all_text(bot.handle(mention).message), Contains("Added"));
  {
    accord::store::Transaction tx(bot.db());
    accord::store::PersonNames names(bot.db());
    CHECK(names.find(Platform::teams, kIvo) == "Ivo P.");
    CHECK(names.find(Platform::teams, kMaria) == "Maria Garcia");

    // A Slack person in a Teams message: by the name their profile gave, else said to be of Slack.
    Message about_pm;
    about_pm.sections.push_back({Text("Asked ").mention("U1").plain(" to decide"), {}});
    CHECK_THAT(all_text(name_other_platforms(bot.db(), about_pm, Platform::teams)),
               Contains("Asked a Slack member to decide"));
    accord::store::PersonNames(bot.db()).save(Platform::slack, "U1", "Sam Okafor",
                                              bot.clock().now());
    CHECK_THAT(all_text(name_other_platforms(bot.db(), about_pm, Platform::teams)),
               Contains("Asked Sam Okafor (Slack) to decide"));
  }
}

TEST_CASE("over a project's life, every message reaches each person on their own platform") {
  TwoOrganisations bot;
  bot.link_teams();
  REQUIRE_THAT(bot.teams_say(kMaria, "role add <@29:1ivo> delegate"), Contains("Added"));

  // Where everyone is: the contractor's people in Slack workspace T1, the customer's in Teams.
  int checked = 0;
  const auto check_and_deliver = [&] {
    std::vector<accord::store::OutboxItem> rows;
    {
      accord::store::Transaction tx(bot.db());
      rows = accord::store::Outbox(bot.db()).due(bot.clock().now() + std::chrono::hours(24 * 365),
                                                 1000);
    }
    for (const auto& row : rows) {
      INFO("row " << row.id << " " << accord::store::to_string(row.kind) << " to " << row.target);
      const bool teams_person = row.target.starts_with("29:");
      const bool teams_home = row.target == kTeamsChannel;
      const bool on_teams = row.platform == accord::store::Platform::teams;
      switch (row.kind) {
        case OutboxKind::channel_message:
          CHECK((row.target == "C1" || teams_home));
          CHECK(on_teams == teams_home);
          break;
        case OutboxKind::direct_message:
        case OutboxKind::home_view:
        case OutboxKind::user_profile:
          CHECK(on_teams == teams_person);
          break;
        case OutboxKind::update_message:
          CHECK(on_teams == (row.target == kTeamsChannel || row.target.starts_with("D29:")));
          break;
        default:
          break;
      }
      CHECK(row.workspace == (on_teams ? std::string(kTenant) : std::string("T1")));
      ++checked;
    }
    bot.deliver_all();
  };

  // A change request decided in Teams; a task accepted there; a demo with its reminders; a sprint;
  // a problem report escalated; a week of digests and reminders on the clock.
  bot.run("U1", "roadmap add \"Checkout\" due=2027-01-10 reason=\"Asked for\"");
  check_and_deliver();
  Request click = bot.teams_request(kIvo, "", "a:1ivo-chat");
  click.action_id = kRunCommandAction;
  click.action_value = bot.button("CR-1", "Approve");
  CHECK_THAT(all_text(bot.handle(click).message), Contains("You approved CR-1"));
  check_and_deliver();
  REQUIRE_THAT(bot.say("U5",
                       "task add \"Export invoices\" estimate=2h story=\"As an accountant I "
                       "want a CSV so that I can import it\" criteria=\"One row; Totals\""),
               Contains("T-1"));
  bot.run("U5", "task start T-1");
  REQUIRE_THAT(bot.say("U5", "task done T-1"), Contains("T-1"));
  check_and_deliver();
  CHECK_THAT(bot.teams_say(kMaria, "accept T-1"), Contains("accepted"));
  check_and_deliver();
  bot.run("U1", "sprint plan \"Self-service signup\" start=2026-11-30");
  bot.run("U1", "demo schedule \"2026-12-04 15:00\"");
  check_and_deliver();
  CHECK_THAT(
      bot.teams_say(kMaria, "problem report deadline \"Estimates keep slipping\"", "a:1maria-chat"),
      Contains("Recorded PR-"));
  check_and_deliver();
  bot.run("U1", "roadmap add \"Search\" due=2027-02-10 reason=\"r\"");
  for (int hour = 0; hour < 24 * 8; hour += 3) {
    bot.clock().advance(std::chrono::hours(3));
    bot.run_scheduler();
    check_and_deliver();
  }
  CHECK(checked > 30);
}
