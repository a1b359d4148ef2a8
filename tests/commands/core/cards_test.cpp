// Forms and cards, the two shared mechanisms the workflows build on: a submitted form runs its
// command with the field values as options; a card posted to several places is updated in place
// everywhere it was delivered and goes out in its new form where it was not yet.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "commands/core/context.hpp"
#include "tests/commands/test_bot.hpp"

using accord::commands::Form;
using accord::commands::FormField;
using accord::commands::Message;
using accord::commands::Text;
using accord::store::OutboxKind;
using accord::store::OutboxStatus;

TEST_CASE("a form survives the outbox's JSON round trip") {
  Form form;
  form.title = "Request changes";
  form.submit_label = "Send";
  form.command = "changes CR-3";
  form.intro = Text("Why? ").mention("U1");
  form.fields.push_back(
      {"comment", "Comment", FormField::Kind::multiline, {}, "draft", "Be specific", false});
  form.fields.push_back({"kind",
                         "Kind",
                         FormField::Kind::choice,
                         {{"bug", "Bug"}, {"feature", "Feature"}},
                         "bug",
                         "",
                         true});
  CHECK(accord::commands::form_from_json(
            nlohmann::json::parse(accord::commands::form_json(form))) == form);
}

TEST_CASE("a submitted form runs its command with the fields as options") {
  accord::testing::TestBot bot;
  bot.run("U1", "setup \"Apollo\"");
  bot.run("U1", "role add <@U2> customer");
  // Field values are free text: quotes and markup arrive as typed, not re-parsed.
  const auto reply = bot.submit(
      "U2", "objective add",
      {{"title", "Cut \"onboarding\" <!here>"}, {"metric", "days"}, {"target", "2027-03-31"}});
  const std::string text = accord::testing::all_text(reply.message);
  CHECK_THAT(text, Catch::Contains("O-1"));
  CHECK_THAT(text, Catch::Contains("Cut \"onboarding\" <!here>"));
  CHECK_THAT(text, Catch::Contains("2027-03-31"));

  // The same permission checks as typing it.
  bot.run("U1", "role add <@U3> dev");
  const auto refused = bot.submit("U3", "objective add", {{"title", "Sneaky"}});
  CHECK_THAT(accord::testing::all_text(refused.message), Catch::Contains("customer"));
  CHECK_THAT(bot.say("U1", "objective list"), !Catch::Contains("Sneaky"));
}

TEST_CASE("updating a card reaches every copy: in place where delivered, as sent where not") {
  accord::testing::TestBot bot;
  bot.run("U1", "setup \"Apollo\"");
  accord::commands::Request request;
  request.workspace = "T1";
  request.channel = "C1";
  request.user = "U1";

  Message pending_card;
  pending_card.sections.push_back({Text("CR-1: awaiting a decision"), {}});
  {
    accord::store::Transaction tx(bot.db());
    accord::commands::Context context{request, bot.db(), bot.clock().now(), std::nullopt, {}};
    post_card(context, OutboxKind::direct_message, "U7", pending_card, "CR-1@1", "cr1:U7");
    post_card(context, OutboxKind::direct_message, "U8", pending_card, "CR-1@1", "cr1:U8");
    post_card(context, OutboxKind::channel_message, "C1", pending_card, "CR-1@1", "cr1:C1");
    post_card(context, OutboxKind::channel_message, "C1", pending_card, "CR-2@1", "cr2:C1");
    tx.commit();
  }
  auto rows = bot.outbox();
  REQUIRE(rows.size() == 4);
  {
    // Two copies were delivered (to U7's DM and the channel); U8's is still queued.
    accord::store::Transaction tx(bot.db());
    accord::store::Outbox outbox(bot.db());
    REQUIRE(outbox.mark_delivered(rows[0].id, "DU7", "111.1", bot.clock().now()));
    REQUIRE(outbox.mark_delivered(rows[2].id, "C1", "222.2", bot.clock().now()));
    tx.commit();
  }

  Message decided;
  decided.sections.push_back({Text("CR-1: approved by ").mention("U7"), {}});
  {
    accord::store::Transaction tx(bot.db());
    accord::commands::Context context{request, bot.db(), bot.clock().now(), std::nullopt, {}};
    update_card(context, "CR-1@1", decided);
    tx.commit();
  }

  rows = bot.outbox();  // pending rows only
  std::vector<std::pair<std::string, std::string>> updates;
  bool queued_copy_now_decided = false;
  bool other_card_untouched = false;
  for (const auto& row : rows) {
    const auto message = accord::commands::message_from_json(nlohmann::json::parse(row.payload));
    if (row.kind == OutboxKind::update_message) {
      CHECK(message == decided);
      updates.emplace_back(row.target, row.ref_ts);
    } else if (row.target == "U8") {
      queued_copy_now_decided = message == decided;
    } else if (row.dedupe_key == "cr2:C1") {
      other_card_untouched = message == pending_card;
    }
  }
  CHECK(updates ==
        std::vector<std::pair<std::string, std::string>>{{"DU7", "111.1"}, {"C1", "222.2"}});
  CHECK(queued_copy_now_decided);
  CHECK(other_card_untouched);
}
