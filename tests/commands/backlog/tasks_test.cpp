// The backlog through the dispatcher: adding tasks typed and through the form, showing and
// listing them, and the edits each side may make.
#include <catch2/catch.hpp>

#include "commands/core/context.hpp"
#include "store/statement.hpp"
#include "tests/commands/test_bot.hpp"

using namespace accord::commands;
using accord::testing::all_text;
using accord::testing::has_mention;
using accord::testing::TestBot;
using Catch::Contains;

namespace {

// "Apollo" in C1: U1 pm, U2 customer, U3 delegate, U4 dev, U5 sponsor. C-1 is accepted, C-2 not.
struct Apollo : TestBot {
  Apollo() {
    run("U1", "setup Apollo tz=Europe/Berlin");
    run("U1", "role add <@U2> customer");
    run("U2", "role add <@U3> delegate");
    run("U1", "role add <@U4> dev");
    run("U1", "role add <@U5> sponsor");
    run("U2", "objective add Onboarding");
    accord::store::Transaction tx(db());
    accord::store::Statement(
        db(),
        "INSERT INTO capabilities (project_id, number, objective_id, title, status, created_by, "
        "created_at) VALUES (1, 1, 1, 'Self-service signup', 'accepted', 'U1', 0), "
        "(1, 2, 1, 'Billing', 'draft', 'U1', 0)")
        .exec();
    tx.commit();
  }
};

std::string field_value(const Message& message, const std::string& label) {
  for (const auto& section : message.sections) {
    for (const auto& field : section.fields) {
      if (field.label == label) return field.value.to_plain();
    }
  }
  return "<no " + label + ">";
}

}  // namespace

TEST_CASE("the customer adds a task with every option and the channel sees it") {
  Apollo bot;
  const auto reply = bot.run("U2",
                             "task add \"Login fails on Safari\" kind=bug priority=high "
                             "estimate=90m epic=C-1 story=\"As a user I want to log in\" "
                             "criteria=\"works on Safari 17; error is shown\"");
  CHECK(reply.visibility == Visibility::channel);
  CHECK_THAT(all_text(reply.message), Contains("Task T-1 added: Login fails on Safari"));
  CHECK(field_value(reply.message, "Kind") == "bug");
  CHECK(field_value(reply.message, "Priority") == "high");
  CHECK(field_value(reply.message, "Estimate") == "1.5h");
  CHECK(field_value(reply.message, "Epic") == "C-1");
  CHECK(field_value(reply.message, "Acceptance criteria") == "2");
  CHECK(has_mention(reply.message, "U2"));

  const auto shown = bot.say("U4", "task show T-1");
  CHECK_THAT(shown, Contains("Status: backlog"));
  CHECK_THAT(shown, Contains("Story: As a user I want to log in"));
  CHECK_THAT(shown, Contains("1. works on Safari 17\n2. error is shown"));
  CHECK_THAT(shown, Contains("Added by @U2 on 2026-11-24"));  // Berlin date

  const auto log = bot.decisions();
  CHECK(log[0].action == "task.add");
  CHECK(log[0].object == "T-1");
  CHECK(log[0].actor == "U2");
  CHECK(log[0].before.empty());
  CHECK_THAT(log[0].after, Contains("\"priority\":\"high\""));
  CHECK_THAT(log[0].after, Contains("works on Safari 17"));
}

TEST_CASE("tasks are numbered per project and default to a medium feature") {
  Apollo bot;
  CHECK_THAT(bot.say("U4", "task add First thing"), Contains("T-1 added: First thing"));
  const auto second = bot.run("U4", "task add Second");
  CHECK(field_value(second.message, "Kind") == "feature");
  CHECK(field_value(second.message, "Priority") == "medium");
  CHECK_THAT(second.message.note.to_plain(), Contains("the customer or a delegate sets it"));
  bot.run("U7", "setup Zeus", "C2");
  CHECK_THAT(bot.say("U7", "task add Other", "C2"), Contains("T-1 added: Other"));
}

TEST_CASE("estimates are read as hours or minutes, and nonsense is refused") {
  Apollo bot;
  CHECK(field_value(bot.run("U4", "task add A estimate=3h").message, "Estimate") == "3h");
  CHECK(field_value(bot.run("U4", "task add B estimate=3").message, "Estimate") == "3h");
  CHECK(field_value(bot.run("U4", "task add C estimate=1.5h").message, "Estimate") == "1.5h");
  CHECK(field_value(bot.run("U4", "task add D estimate=90m").message, "Estimate") == "1.5h");
  const auto before = bot.decisions().size();
  CHECK_THAT(bot.say("U4", "task add E estimate=0h"), Contains("more than zero"));
  CHECK_THAT(bot.say("U4", "task add F estimate=-2h"), Contains("more than zero"));
  CHECK_THAT(bot.say("U4", "task add G estimate=soon"), Contains("\"soon\" isn't an estimate"));
  CHECK_THAT(bot.say("U4", "task add H estimate=5000h"), Contains("Split the work"));
  CHECK(bot.decisions().size() == before);
}

TEST_CASE("task add refuses bad options and non-epics, saving nothing") {
  Apollo bot;
  const auto before = bot.decisions().size();
  CHECK_THAT(bot.say("U2", "task add X kind=story"), Contains("\"story\" isn't a kind"));
  CHECK_THAT(bot.say("U2", "task add X priority=urgent"), Contains("\"urgent\" isn't a priority"));
  CHECK_THAT(bot.say("U2", "task add X epic=C-2"),
             Contains("C-2 is not an accepted capability, so it is not an epic yet"));
  CHECK_THAT(bot.say("U2", "task add X epic=C-9"), Contains("C-9 is not an accepted capability"));
  CHECK_THAT(bot.say("U2", "task add X epic=banana"), Contains("isn't a capability id"));
  CHECK_THAT(bot.say("U2", "task add X colour=red"), Contains("I don't know the option colour="));
  // A developer may add tasks but not prioritise them.
  const auto refused = bot.run("U4", "task add X priority=high");
  CHECK(refused.visibility == Visibility::requester_only);
  CHECK_THAT(all_text(refused.message), Contains("Only a customer or delegate sets priority"));
  CHECK(bot.decisions().size() == before);
  CHECK_THAT(bot.say("U2", "task list"), Contains("The backlog is empty"));
}

TEST_CASE("task add without a title opens the New task form") {
  Apollo bot;
  const auto reply = bot.run("U2", "task add");
  REQUIRE(reply.form);
  CHECK(reply.form->title == "New task");
  CHECK(reply.form->submit_label == "Add task");
  CHECK(reply.form->command == "task add");
  std::vector<std::string> ids;
  for (const auto& field : reply.form->fields) ids.push_back(field.id);
  CHECK(ids == std::vector<std::string>{"title", "kind", "priority", "story", "criteria",
                                        "estimate", "epic"});
  CHECK(reply.form->fields[5].hint == "e.g. 3h");
  CHECK(reply.form->fields[5].optional);
  CHECK_FALSE(reply.form->fields[0].optional);
  // Where the form can't open, the message says how to do it by command.
  CHECK_THAT(all_text(reply.message), Contains("/accord task add \"Title\""));

  // The contractor side gets no priority field.
  const auto dev_form = bot.run("U4", "task add kind=bug");
  REQUIRE(dev_form.form);
  for (const auto& field : dev_form.form->fields) CHECK(field.id != "priority");
  CHECK(dev_form.form->fields[1].initial == "bug");
}

TEST_CASE("a submitted task form with mistakes gets errors by field and saves nothing") {
  Apollo bot;
  const auto before = bot.decisions().size();
  const auto reply = bot.submit("U2", "task add",
                                {{"title", "  "},
                                 {"kind", "story"},
                                 {"priority", "high"},
                                 {"estimate", "lots"},
                                 {"epic", "C-2"},
                                 {"story", ""},
                                 {"criteria", ""}});
  // The form comes back too, for platforms that show the problems by showing it again.
  REQUIRE(reply.form);
  CHECK(reply.form->command == "task add");
  CHECK(reply.field_errors.at("title") == "Give the task a title.");
  CHECK_THAT(reply.field_errors.at("kind"), Contains("isn't a kind"));
  CHECK_THAT(reply.field_errors.at("estimate"), Contains("\"lots\" isn't an estimate"));
  CHECK_THAT(reply.field_errors.at("epic"), Contains("C-2 is not an accepted capability"));
  CHECK(reply.field_errors.count("priority") == 0);
  CHECK(bot.decisions().size() == before);
  CHECK_THAT(bot.say("U2", "task list"), Contains("The backlog is empty"));
}

TEST_CASE("a valid task form creates the task with one criterion per line") {
  Apollo bot;
  const auto reply = bot.submit("U2", "task add",
                                {{"title", "Export invoices"},
                                 {"kind", "feature"},
                                 {"priority", "critical"},
                                 {"estimate", "4h"},
                                 {"epic", ""},
                                 {"story", "As an accountant I want CSV; not PDF"},
                                 {"criteria", "CSV has a header; always\r\n\n  totals match  \n"}});
  CHECK(reply.field_errors.empty());
  CHECK_THAT(all_text(reply.message), Contains("T-1 added: Export invoices"));
  const auto shown = bot.say("U4", "task show T-1");
  CHECK_THAT(shown, Contains("Priority: critical"));
  CHECK_THAT(shown, Contains("1. CSV has a header; always\n2. totals match"));
  CHECK_THAT(shown, !Contains("3."));
}

TEST_CASE("the task list is ordered by priority, filters by status and is bounded") {
  Apollo bot;
  bot.run("U2", "task add Low one priority=low");
  bot.run("U2", "task add Critical one priority=critical");
  bot.run("U2", "task add Medium one");
  const auto list = bot.say("U5", "task list");
  const auto critical = list.find("Critical one");
  const auto medium = list.find("Medium one");
  const auto low = list.find("Low one");
  CHECK(critical < medium);
  CHECK(medium < low);
  CHECK(low != std::string::npos);
  CHECK_THAT(bot.say("U5", "task list status=accepted"), Contains("No tasks are accepted"));
  CHECK_THAT(bot.say("U5", "task list status=done"), Contains("isn't a status"));
  CHECK_THAT(bot.say("U5", "task list status=backlog"), Contains("Medium one"));

  for (int i = 0; i < 45; ++i) bot.run("U4", "task add Filler " + std::to_string(i));
  const auto long_list = bot.run("U4", "task list");
  CHECK(long_list.message.sections.size() == kMaxListRows);
  CHECK_THAT(long_list.message.note.to_plain(), Contains("and 8 more"));
}

TEST_CASE("show and edits name a task that exists") {
  Apollo bot;
  CHECK_THAT(bot.say("U4", "task show T-9"), Contains("No task T-9 in this project"));
  CHECK_THAT(bot.say("U4", "task show"), Contains("Say which task"));
  CHECK_THAT(bot.say("U4", "task estimate T-9 2h"), Contains("No task T-9"));
  CHECK_THAT(bot.say("U4", "task frobnicate"), Contains("Task commands:"));
}
