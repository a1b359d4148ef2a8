// Prints, one JSON object per line, the Adaptive Card of every message and form a scripted project
// produces (replies and everything queued in the outbox: change request, proposal, acceptance,
// problem and demo cards, the home screen, the new-task form), plus hostile and oversized messages.
// tests/e2e/validate_card_samples.js checks each with the real `adaptivecards` package.
#include <iostream>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/teams/cards.hpp"
#include "commands/backlog/task_form.hpp"
#include "commands/charts/charts.hpp"
#include "commands/project/home.hpp"
#include "tests/commands/scope/scope_fixture.hpp"

namespace {

using accord::bot::teams::form_card;
using accord::bot::teams::MentionNames;
using accord::bot::teams::message_card;
using namespace accord::commands;

// The fixture's people have Slack ids; in Teams they are "29:" ids, so mentions become real ones.
std::string teams_id(const std::string& slack_id) {
  return "29:1aK9-" + slack_id + "-xYzQ";
}

Text teams_text(const Text& text) {
  Text out;
  for (const auto& span : text.spans()) {
    switch (span.kind) {
      case Span::Kind::plain:
        out.plain(span.value);
        break;
      case Span::Kind::strong:
        out.strong(span.value);
        break;
      case Span::Kind::code:
        out.code(span.value);
        break;
      case Span::Kind::mention:
        out.mention(teams_id(span.value));
        break;
      case Span::Kind::link:
        out.link(span.value, span.target);
        break;
    }
  }
  return out;
}

Message teams_message(Message message) {
  for (auto& section : message.sections) {
    section.text = teams_text(section.text);
    for (auto& field : section.fields) field.value = teams_text(field.value);
  }
  message.note = teams_text(message.note);
  return message;
}

class Samples {
 public:
  void message(const Message& message) { print(message_card(teams_message(message), names_)); }
  void form(const Form& form) {
    print(form_card(form));
    // As shown again after a submission with problems, one of them about no field at all.
    std::map<std::string, std::string> errors{{"not-a-field", "Something <!here> went *wrong*"}};
    std::map<std::string, std::string> values;
    for (const auto& field : form.fields) {
      errors[field.id] = "[Fix](https://evil.example) <at>Boss</at> this";
      values[field.id] = field.choices.empty() ? "typed <b>value</b>" : field.choices.back().first;
    }
    print(form_card(form, errors, values));
  }
  void reply(const Reply& reply) {
    message(reply.message);
    if (reply.form) form(*reply.form);
  }
  // Everything the workflows queued: cards, their updates, notifications and forms.
  void outbox(accord::testing::ScopeTeam& bot) {
    for (const auto& row : bot.outbox()) {
      const auto payload = nlohmann::json::parse(row.payload);
      if (row.kind == accord::store::OutboxKind::open_form) {
        form(form_from_json(payload));
      } else {
        message(message_from_json(payload));
      }
    }
    bot.deliver_all();
  }
  int count() const { return count_; }

 private:
  void print(const nlohmann::json& card) {
    std::cout << card.dump() << '\n';
    ++count_;
  }

  MentionNames names_{{teams_id("U1"), "Pat *PM* <Lead>"},
                      {teams_id("U2"), "Casey Customer"},
                      {teams_id("U3"), "Casey Customer"}};  // a namesake
  int count_ = 0;
};

// U1 pm, U2 customer, U3 delegate, U4 lead, U5 dev (ScopeTeam), through every workflow with a card.
// "{PR}" stands for the id the last problem report was recorded under (a random code).
const std::vector<std::pair<const char*, const char*>> kScript = {
    {"U1", "help"},
    {"U2", "objective add \"Cut onboarding <!channel> [time](https://evil)\" metric=days"},
    {"U2", "scenario add O-1 \"Sign up\""},
    {"U2", "scenario add O-1 \"**First** invoice\""},
    {"U5", "capability add O-1 \"Guided signup\" covers=S-1,S-2 size=40h"},
    {"U5", "capability add O-1 \"- CSV import\" covers=S-2"},
    {"U1", "proposal submit O-1"},
    {"U2", "proposal decide C-1 accept"},
    {"U2", "proposal decide C-2 change comment=\"<at>Boss</at> says no\""},
    {"U1", "proposal show O-1"},
    {"U1", "roadmap add \"Checkout\" due=2027-01-10 reason=\"1. The customer asked for it\""},
    {"U2", "changes CR-1"},
    {"U2", "approve CR-1"},
    {"U1", "roadmap add \"Refunds\" due=2027-02-01 reason=\"_why_ not\""},
    {"U3", "decline CR-2 \"Too late\""},
    {"U1", "task add"},
    {"U7", "doc add \"Staging [env]\" https://staging.example.com/app?x=1&y=2 test=yes"},
    {"U1", "doc add \"Rates *secret*\" https://docs.example.com/rates for=pm,customer"},
    {"U1", "task add \"Login page\""},
    {"U4", "task assign T-1 <@U5>"},
    {"U5", "task due T-1 2026-12-10"},
    {"U5", "task due T-1 2026-12-14 reason=\"API _changed_\""},
    {"U1", "release plan \"v1.0 <beta>\" date=2026-12-20 tasks=T-1"},
    {"U1", "release show REL-1"},
    {"U2", "template add login-bug \"Login: [what]\" kind=bug story=\"*Steps*\" criteria=\"a; b\""},
    {"U2", "template list"},
    {"U5", "task add from=login-bug"},
    {"U2", "task add \"Card <b>priorities</b>\" priority=high estimate=2h"},
    {"U1", "sprint plan Signup start=2026-11-30"},
    {"U1", "sprint add SP-1 T-2"},
    {"U2", "sprint confirm SP-1"},
    {"U2", "report"},
    {"U4", "task start T-1"},
    {"U4", "task done T-1"},
    {"U2", "reject T-1 \"Missing the header row\""},
    {"U4", "task done T-1"},
    {"U2", "accept T-1"},
    {"U2", "problem report team \"The tester left & nobody <tests>\""},
    {"U1", "problem ack {PR}"},
    {"U1", "problem resolve {PR} \"Talked\""},
    {"U1", "demo schedule 2027-07-01 15:00"},
    {"U2", "demo feedback D-1 \"Bigger font\""},
    {"U5", "demo feedback D-1 \"Login crashes on save\" task=T-1 kind=bug"},
    {"U2", "demo feedback D-1 \"Dark mode\" kind=idea"},
    {"U1", "demo close D-1"},
    {"U1", "demo convert D-1"},
    {"U1", "pending"},
    {"U1", "objective list"},
    {"U1", "roadmap"},
    {"U1", "task list"},
    {"U1", "log"},
    {"U1", "problem list"},
    {"U1", "demo list"},
    {"U2", "doc list"},
    {"U1", "release list"},
    {"U2", "report"},  // with its charts as Image elements
    {"U1", "page"},
    {"U1", "no such command"},
};

void workflows(Samples& samples) {
  // With a public URL: the report's charts are images, the page a link.
  accord::testing::ScopeTeam bot("https://accord.example.com");
  std::string report;
  for (const auto& [user, text] : kScript) {
    std::string command = text;
    if (const auto at = command.find("{PR}"); at != std::string::npos) {
      command.replace(at, 4, report);
    }
    const auto reply = bot.run(user, command);
    const auto said = accord::testing::all_text(reply.message);
    std::smatch recorded;
    if (std::regex_search(said, recorded, std::regex("Recorded (PR-[0-9A-Z]+)"))) {
      report = recorded[1];
    }
    samples.reply(reply);
    samples.outbox(bot);
  }
  for (const char* user : {"U1", "U2", "U4", "U9"}) {
    samples.message(build_home(bot.db(), Platform::slack, "T1", user, bot.clock().now()));
  }
  samples.form(new_task_form({{"title", "Prefilled *title*"}}, true));
  samples.form(new_task_form({}, false));
}

void hostile(Samples& samples) {
  Message message;
  message.title = std::string(3000, 'T') + "<!channel>";
  message.sections.push_back(
      {Text("<!channel> [click](https://evil) **x** <at>Boss</at> & more\n- item\n1. first\n# h"),
       {{"*Label* [x](y)", Text().strong(" <at>Boss</at> ").code("rm -rf `~` *")},
        {"", Text()},
        {"Who", Text().mention(teams_id("U1")).plain(" and ").mention("U123")}}});
  message.sections.push_back({Text().plain("- at line start ").mention(teams_id("U2")), {}});
  message.sections.push_back({Text(std::string(9000, '*')), {}});
  message.buttons.push_back({"Approve", kRunCommandAction, "approve CR-1", ButtonStyle::primary});
  message.buttons.push_back({"Reject", kRunCommandAction, "decline CR-1", ButtonStyle::danger});
  message.buttons.push_back({std::string(200, 'L'), "some.action", "", ButtonStyle::normal});
  message.note = Text("Sent by ").mention(teams_id("U3")).plain(" <script>alert(1)</script>");
  samples.message(message);

  Message many;
  for (int i = 0; i < 100; ++i) {
    many.sections.push_back({Text("Row " + std::to_string(i)), {{"n", Text(std::to_string(i))}}});
    many.buttons.push_back({"B" + std::to_string(i), kRunCommandAction, "x " + std::to_string(i)});
  }
  samples.message(many);

  Message long_sections;
  for (int i = 0; i < 40; ++i) {
    long_sections.sections.push_back(
        {Text(std::string(3000, i % 2 ? '<' : '*')), {{"Label", Text(std::string(3000, '&'))}}});
  }
  samples.message(long_sections);
  samples.message(Message{});
}

}  // namespace

int main() {
  Samples samples;
  workflows(samples);
  hostile(samples);
  std::cerr << samples.count() << " cards\n";
  accord::commands::charts::release_drawing_caches();  // for the leak checker
  return 0;
}
