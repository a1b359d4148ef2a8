// The permission matrix of scope, roadmap and settings: every command and card button of these
// workflows, run by a person holding each role in turn (DESIGN §2). A permitted run changes what
// it should; a refused one is private, names the roles needed and the person's, changes nothing.
#include <catch2/catch.hpp>

#include "commands/core/request.hpp"
#include "tests/commands/role_matrix.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::check_odd_input_never_throws;
using accord::testing::ScopeTeam;
using Catch::Contains;

namespace {

struct Person {
  const char* user;
  const char* role;  // as "You are: ..." says it
};
const Person kPeople[] = {
    {"U2", "customer"}, {"U3", "delegate"},   {"U6", "sponsor"},
    {"U1", "pm"},       {"U4", "lead"},       {"U5", "dev"},
    {"U7", "qa"},       {"U8", "leadership"}, {"U9", "not on this project's team"}};

// O-1 with S-1, S-2; C-1 and C-2 proposed (v1), C-3 drafted; approved; CR-3 (move
// R-1, proposed by the lead U4) pending. All cards delivered.
struct Prepared : ScopeTeam {
  Prepared() {
    run("U2", "objective add \"Faster onboarding\"");
    run("U2", "scenario add O-1 \"Sign up\"");
    run("U2", "scenario add O-1 \"First invoice\"");
    run("U5", "capability add O-1 \"Guided signup\" covers=S-1");
    run("U5", "capability add O-1 \"Invoices\" covers=S-2");
    run("U1", "proposal submit O-1");
    run("U5", "capability add O-1 \"Later\" covers=S-2");
    run("U4", "roadmap add \"Checkout\" due=2027-01-10 reason=r");
    run("U2", "approve CR-1");
    run("U4", "roadmap add \"Reports\" due=2027-02-10 reason=r");
    run("U2", "approve CR-2");
    run("U4", "roadmap move R-1 due=2027-03-01 reason=r");
    deliver_all();
  }
};

struct Case {
  const char* what;
  const char* command;     // typed, or the label of a card button
  const char* card;        // the card whose button is clicked (in the channel); null when typed
  const char* log_action;  // what a permitted run logs; null for views and for forms
  std::vector<std::string> allowed;  // users
  bool opens_form = false;           // a permitted click opens the comment form
};

// Everyone on the project: U9, on no team, reads nothing of it.
const std::vector<std::string> kEveryone = {"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8"};
const std::vector<std::string> kCustomerSide = {"U2", "U3"};
const std::vector<std::string> kCustomerOrPm = {"U1", "U2", "U3"};
const std::vector<std::string> kPmOrLead = {"U1", "U4"};
const std::vector<std::string> kTeam = {"U1", "U4", "U5", "U7"};

const std::vector<Case> kCases = {
    {"scenario add", "scenario add O-1 \"New\"", nullptr, "scenario.add", kCustomerOrPm},
    {"scenario rank", "scenario rank S-2 1", nullptr, "scenario.rank", kCustomerOrPm},
    {"scenario list", "scenario list O-1", nullptr, nullptr, kEveryone},
    {"capability add", "capability add O-1 \"New\" covers=S-1", nullptr, "capability.add", kTeam},
    {"proposal submit", "proposal submit O-1", nullptr, "proposal.submit", kPmOrLead},
    {"proposal show", "proposal show O-1", nullptr, nullptr, kEveryone},
    {"proposal decide accept", "proposal decide C-1 accept", nullptr, "capability.accept",
     kCustomerSide},
    {"proposal decide change", "proposal decide C-1 change comment=\"Smaller\"", nullptr,
     "capability.change", kCustomerSide},
    {"proposal decide out", "proposal decide C-2 out \"Next year\"", nullptr,
     "capability.out_of_scope", kCustomerSide},
    {"Accept button", "Accept C-1", "proposal-O-1-v1", "capability.accept", kCustomerSide},
    {"Change button", "Change C-1", "proposal-O-1-v1", nullptr, kCustomerSide, true},
    {"Out of scope button", "Out of scope C-2", "proposal-O-1-v1", nullptr, kCustomerSide, true},
    {"roadmap", "roadmap", nullptr, nullptr, kEveryone},
    {"roadmap history", "roadmap history", nullptr, nullptr, kEveryone},
    {"roadmap add", "roadmap add \"New\" due=2027-04-01 reason=r", nullptr,
     "change_request.propose", kPmOrLead},
    {"roadmap move", "roadmap move R-2 due=2027-04-01 reason=r", nullptr, "change_request.propose",
     kPmOrLead},
    {"roadmap drop", "roadmap drop R-2 reason=r", nullptr, "change_request.propose", kPmOrLead},
    {"approve", "approve CR-3", nullptr, "change_request.approve", kCustomerSide},
    {"changes", "changes CR-3 \"Sooner\"", nullptr, "change_request.request_changes",
     kCustomerSide},
    {"decline", "decline CR-3 \"No\"", nullptr, "change_request.reject", kCustomerSide},
    {"Approve button", "Approve", "CR-3", "change_request.approve", kCustomerSide},
    {"Request changes button", "Request changes", "CR-3", nullptr, kCustomerSide, true},
    {"Reject button", "Reject", "CR-3", nullptr, kCustomerSide, true},
    {"withdraw (proposer or pm)", "withdraw CR-3", nullptr, "change_request.withdraw", kPmOrLead},
    {"approvals", "approvals", nullptr, nullptr, kEveryone},
    {"settings", "settings", nullptr, nullptr, kEveryone},
    {"settings change", "settings approval=all", nullptr, "settings.approval", {"U1"}},
};

}  // namespace

TEST_CASE("permission matrix: every scope command and button for every role") {
  for (const auto& entry : kCases) {
    for (const auto& person : kPeople) {
      Prepared bot;
      const bool allowed =
          std::find(entry.allowed.begin(), entry.allowed.end(), person.user) != entry.allowed.end();
      const auto logged_before = bot.decisions().size();
      const auto counted_before = entry.log_action ? bot.logged(entry.log_action) : 0;
      const auto reply = entry.card ? bot.click(person.user, kRunCommandAction,
                                                bot.button(entry.card, entry.command), "C1")
                                    : bot.run(person.user, entry.command);
      const auto text = all_text(reply.message);
      INFO(entry.what << " by " << person.role << ": " << text);
      if (allowed) {
        CHECK_THAT(text, !Contains("Only the"));
        if (entry.log_action) CHECK(bot.logged(entry.log_action) == counted_before + 1);
        if (entry.opens_form) CHECK(reply.form.has_value());
        if (!entry.log_action) CHECK(bot.decisions().size() == logged_before);
      } else {
        CHECK(reply.visibility == Visibility::requester_only);
        CHECK_FALSE(reply.form.has_value());
        CHECK_THAT(text,
                   Contains("Only the") && Contains("You are: " + std::string(person.role) + "."));
        CHECK(bot.decisions().size() == logged_before);
      }
    }
  }
}

TEST_CASE("a card's button clicked by someone outside its project changes nothing") {
  Prepared bot;
  const auto before = bot.decisions().size();
  const auto reply = bot.click("U9", kRunCommandAction, bot.button("CR-3", "Approve"), "DU9");
  CHECK_THAT(all_text(reply.message), Contains("belongs to a project you're not on"));
  // A forged project id is no way in either.
  CHECK_THAT(
      all_text(bot.click("U2", kRunCommandAction, "approve CR-3 project=999", "DU2").message),
      Contains("belongs to a project you're not on"));
  CHECK(bot.decisions().size() == before);
  // Typed, the option is not a way to reach a project.
  CHECK_THAT(bot.say("U2", "approve CR-3 project=1", "DU2"), Contains("no Accord project"));
}

TEST_CASE("odd scope input never escapes as an exception") {
  Prepared bot;
  const std::vector<std::string> commands = {
      "scenario add ",  "scenario rank ",   "scenario list ", "capability add ", "proposal submit ",
      "proposal show ", "proposal decide ", "roadmap ",       "roadmap add ",    "roadmap move ",
      "roadmap drop ",  "approve ",         "changes ",       "decline ",        "withdraw ",
      "settings ",      "approvals "};
  const std::vector<std::string> fragments = {" ",
                                              "a",
                                              "=",
                                              "\"",
                                              "O-1",
                                              "O-0",
                                              "S-1",
                                              "S-99999999999",
                                              "C-1",
                                              "C-",
                                              "R-1",
                                              "R-2",
                                              "CR-3",
                                              "CR-0",
                                              "rank=0",
                                              "rank=-1",
                                              "rank=99",
                                              "covers=",
                                              "covers=,,S-1",
                                              "size=0",
                                              "size=1e400h",
                                              "due=2027-02-29",
                                              "due=",
                                              "reason=",
                                              "accept",
                                              "out",
                                              "comment=",
                                              "approval=",
                                              "approval=ALL",
                                              "epic=C-1",
                                              "\xE2",
                                              "project=1"};
  // Fragments are separate words here, so options and ids parse as such.
  std::vector<std::string> words;
  for (const auto& fragment : fragments) words.push_back(fragment + " ");
  check_odd_input_never_throws(bot, commands, words, {"U1", "U2", "U4", "U5", "U9"}, 400, 11);
}
