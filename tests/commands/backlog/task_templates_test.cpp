// Templates and recurring cases (DESIGN §3.9): both sides write a project's templates, which
// `task add from=<name>` uses (typed, or pre-filling the form); a project's template of a
// built-in name replaces the built-in one until removed.
#include <catch2/catch.hpp>

#include "commands/core/request.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::ScopeTeam;
using Catch::Contains;

namespace {

constexpr const char* kLoginCase =
    "template add login-bug \"Login: [what fails]\" kind=bug "
    "story=\"Steps: open /login, sign in with SSO. Expected: the dashboard.\" "
    "criteria=\"SSO sign-in reaches the dashboard; The error names the cause\"";

// ScopeTeam: U1 pm, U2 customer, U3 delegate, U4 lead, U5 dev, U6 sponsor, U7 qa.
using TemplateTeam = ScopeTeam;

}  // namespace

TEST_CASE("the customer writes a recurring case that anyone then uses to add a task") {
  TemplateTeam bot;
  const auto reply = bot.run("U2", kLoginCase);
  CHECK(reply.visibility == Visibility::channel);
  CHECK_THAT(all_text(reply.message),
             Contains("Template login-bug added") &&
                 Contains("fills in bug, the title, the story, 2 criteria"));
  CHECK(bot.logged("template.add") == 1);
  CHECK_THAT(bot.say("U5", "template list"), Contains("login-bug bug: Login: [what fails]") &&
                                                 Contains("feature feature") &&
                                                 Contains("bug bug · built in"));

  // Typed with a title: added at once with the template's kind, story and criteria.
  CHECK_THAT(bot.say("U5", "task add \"Login fails with Okta\" from=login-bug"),
             Contains("Task T-1 added: Login fails with Okta"));
  const auto shown = bot.say("U2", "task show T-1");
  CHECK_THAT(shown, Contains("Kind: bug") && Contains("Story: Steps: open /login") &&
                        Contains("1. SSO sign-in reaches the dashboard\n2. The error names the "
                                 "cause"));

  // Without a title: the form opens pre-filled, the title skeleton ready to complete.
  const auto opened = bot.run("U7", "task add from=login-bug");
  REQUIRE(opened.form);
  const auto initial = [&](const std::string& id) {
    for (const auto& field : opened.form->fields) {
      if (field.id == id) return field.initial;
    }
    return std::string("(no field " + id + ")");
  };
  CHECK(initial("title") == "Login: [what fails]");
  CHECK(initial("kind") == "bug");
  CHECK_THAT(initial("story"), Contains("Steps: open /login"));
  CHECK(initial("criteria") == "SSO sign-in reaches the dashboard\nThe error names the cause");
  // The template's button does the same.
  const auto card = bot.run("U2", "task template login-bug");
  REQUIRE(card.message.buttons.size() == 1);
  CHECK(card.message.buttons[0].value == "task add from=login-bug");

  // A title given as an option is a title too: no form.
  CHECK_THAT(bot.say("U5", "task add title=\"Login loops\" from=login-bug"),
             Contains("Task T-2 added: Login loops"));
  // Typed options win over the template's.
  CHECK_THAT(bot.say("U5", "task add Other from=login-bug kind=feature"), Contains("T-3"));
  CHECK_THAT(bot.say("U2", "task show T-3"), Contains("Kind: feature"));
}

TEST_CASE("a project's template replaces a built-in one until it is removed") {
  TemplateTeam bot;
  CHECK_THAT(bot.say("U1", "template add bug story=\"Ticket: [link]. Seen on: [version]\""),
             Contains("instead of the built-in one"));
  CHECK_THAT(bot.say("U2", "task template bug"),
             Contains("Ticket: [link]") && Contains("Source: this project's"));
  CHECK_THAT(bot.say("U1", "template add bug story=\"Ticket: [link]\""), Contains("changed"));
  CHECK_THAT(bot.say("U3", "template remove bug"),
             Contains("Template bug removed; the built-in one applies again"));
  CHECK_THAT(bot.say("U2", "task template bug"), Contains("Steps to reproduce"));
  CHECK_THAT(bot.say("U3", "template remove bug"), Contains("is built in and stays"));
  CHECK(bot.logged("template.remove") == 1);
}

TEST_CASE("templates: who may write them, and bad input changes nothing") {
  TemplateTeam bot;
  CHECK_THAT(bot.say("U6", kLoginCase), Contains("can write templates. You are: sponsor."));
  CHECK_THAT(bot.say("U1", "template add"), Contains("Name the template"));
  CHECK_THAT(bot.say("U1", "template add \"Login bug!\" x"),
             Contains("can't be a template's name"));
  CHECK_THAT(bot.say("U1", "template add x kind=story story=y"), Contains("Give one kind"));
  CHECK_THAT(bot.say("U1", "template add empty"), Contains("needs something to fill in"));
  CHECK_THAT(bot.say("U1", "template add x story=y color=red"), Contains("color"));
  CHECK_THAT(bot.say("U1", "template remove nothing"), Contains("No template nothing"));
  CHECK_THAT(bot.say("U5", "task add Foo from=nothing"),
             Contains("No template nothing. Templates: feature, bug."));
  CHECK_THAT(bot.say("U5", "task list"), Contains("The backlog is empty"));
  CHECK(bot.logged("template.add") == 0);
  CHECK_THAT(bot.say("U1", "template frobnicate"), Contains("Template commands"));
}
