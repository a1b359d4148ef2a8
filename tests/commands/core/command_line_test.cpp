#include <cstdint>

#include <catch2/catch.hpp>

#include "commands/core/command_line.hpp"

using namespace accord::commands;

namespace {

CommandLine parse(std::string_view text) {
  auto parsed = parse_command_line(text);
  INFO(text);
  REQUIRE_FALSE(parsed.error);
  return parsed.line;
}

std::vector<std::string> words(const CommandLine& line) {
  std::vector<std::string> out;
  for (const auto& token : line.positional) out.push_back(token.text);
  return out;
}

using Words = std::vector<std::string>;

}  // namespace

TEST_CASE("words split on spaces; quotes group words") {
  CHECK(words(parse("objective add \"Faster  onboarding\" now")) ==
        Words{"objective", "add", "Faster  onboarding", "now"});
  CHECK(words(parse("  role\tadd   x  ")) == Words{"role", "add", "x"});
  CHECK(words(parse("say \"\"")) == Words{"say", ""});
  CHECK(parse("say \"a b\"").positional[1].quoted);
  CHECK_FALSE(parse("say ab").positional[1].quoted);
}

TEST_CASE("typographic quotes group words like straight ones") {
  CHECK(words(parse("setup \xE2\x80\x9C"
                    "Apollo Redesign\xE2\x80\x9D tz=UTC")) == Words{"setup", "Apollo Redesign"});
  // Some keyboards open with a low quote, some use the right quote on both sides.
  CHECK(words(parse("setup \xE2\x80\x9E"
                    "Apollo Redesign\xE2\x80\x9C")) == Words{"setup", "Apollo Redesign"});
  CHECK(words(parse("setup \xE2\x80\x9D"
                    "Apollo Redesign\xE2\x80\x9D")) == Words{"setup", "Apollo Redesign"});
  CHECK(words(parse("setup \xE2\x80\x98"
                    "Apollo Redesign\xE2\x80\x99 x")) == Words{"setup", "Apollo Redesign", "x"});
  // A typographic apostrophe inside a single-quoted phrase does not end it.
  CHECK(words(parse("say \xE2\x80\x98"
                    "don\xE2\x80\x99t stop\xE2\x80\x99")) == Words{"say", "don\xE2\x80\x99t stop"});
  // Outside quotes an apostrophe is just a character.
  CHECK(words(parse("say don\xE2\x80\x99t")) == Words{"say", "don\xE2\x80\x99t"});
}

TEST_CASE("key=value options, with quoted values") {
  auto line = parse(
      "objective add \"Faster onboarding\" metric=\"days to first invoice\" target=2027-03-31 "
      "context=\xE2\x80\x9Cwe lose customers\xE2\x80\x9D");
  CHECK(words(line) == Words{"objective", "add", "Faster onboarding"});
  CHECK(line.options.at("metric") == "days to first invoice");
  CHECK(line.options.at("target") == "2027-03-31");
  CHECK(line.options.at("context") == "we lose customers");
  CHECK(line.options.size() == 3);
}

TEST_CASE("an = that is quoted or after a non-identifier is not an option") {
  auto line = parse("objective add \"a=b\" Tz=UTC x+y=2 =3");
  CHECK(words(line) == Words{"objective", "add", "a=b", "Tz=UTC", "x+y=2", "=3"});
  CHECK(line.options.empty());
  CHECK(parse("x tz=").options.at("tz").empty());
  CHECK(parse("x note=a=b").options.at("note") == "a=b");
}

TEST_CASE("an option given twice is a mistake to point out") {
  auto parsed = parse_command_line("setup X tz=UTC tz=Europe/Berlin");
  REQUIRE(parsed.error);
  CHECK_THAT(parsed.error->to_plain(), Catch::Contains("tz="));
}

TEST_CASE("mentions as Slack escapes them") {
  auto line = parse("role add <@U012ABCDEF> dev");
  REQUIRE(line.positional.size() == 4);
  CHECK(line.positional[2].is_mention());
  CHECK(line.positional[2].user_id == "U012ABCDEF");
  CHECK_FALSE(line.positional[3].is_mention());

  auto named = parse("role add <@W0ABC|maria.s> customer");
  CHECK(named.positional[2].user_id == "W0ABC");
  CHECK(named.positional[2].text == "<@W0ABC|maria.s>");

  auto spaced = parse("role add <@U1AB|Maria Schmidt> customer");
  CHECK(words(spaced).size() == 4);
  CHECK(spaced.positional[2].user_id == "U1AB");

  CHECK(mention_user_id("<@U1AB|x>") == "U1AB");
  CHECK_FALSE(mention_user_id("<@here>"));
  CHECK_FALSE(mention_user_id("@maria"));
}

TEST_CASE("special sequences and look-alikes are text, not mentions") {
  auto line = parse("say <!channel> <#C123|general> &lt;@U999&gt; \"<@U111>\"");
  REQUIRE(line.positional.size() == 5);
  for (const auto& token : line.positional) CHECK_FALSE(token.is_mention());
  CHECK(line.positional[1].text == "<!channel>");
  CHECK(line.positional[2].text == "<#C123|general>");
  CHECK(line.positional[3].text == "<@U999>");
  CHECK(line.positional[4].text == "<@U111>");
}

TEST_CASE("HTML entities are decoded once") {
  CHECK(words(parse("say Q&amp;A &lt;b&gt; &amp;lt; \"R&amp;D\"")) ==
        Words{"say", "Q&A", "<b>", "&lt;", "R&D"});
  CHECK(parse("x metric=&lt;2&amp;3").options.at("metric") == "<2&3");
}

TEST_CASE("an unterminated quote is reported with where it starts") {
  auto parsed = parse_command_line("objective add \"Faster onboarding metric=x");
  REQUIRE(parsed.error);
  const auto message = parsed.error->to_plain();
  CHECK_THAT(message, Catch::Contains("never closed"));
  CHECK_THAT(message, Catch::Contains("\"Faster onboarding"));

  CHECK(parse_command_line("x \xE2\x80\x9C"
                           "open")
            .error);
  CHECK(parse_command_line("x \xE2\x80\x98"
                           "open don\xE2\x80\x99t")
            .error);
}

TEST_CASE("malformed UTF-8 becomes replacement characters") {
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(words(parse("say a\xE2"
                    "b \xC0\xAF \xED\xA0\x80")) == Words{"say", "a" + replacement + "b",
                                                         replacement + replacement,
                                                         replacement + replacement + replacement});
  CHECK(words(parse("say \xF0\x9F\x98\x80 \xC3\xA9")) ==
        Words{"say", "\xF0\x9F\x98\x80", "\xC3\xA9"});
}

TEST_CASE("a NUL in typed or submitted text becomes a replacement character") {
  // PostgreSQL's text cannot hold NUL: the task would keep only what came before it.
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(words(parse(std::string("say ab\0cd", 9))) == Words{"say", "ab" + replacement + "cd"});
  CHECK(valid_utf8(std::string("\0", 1)) == replacement);
  CHECK(is_valid_utf8(std::string("a\0b", 3)));
}

TEST_CASE("empty text parses to nothing") {
  CHECK(parse("").positional.empty());
  CHECK(parse("   ").positional.empty());
  CHECK(parse("\xC2\xA0").positional.empty());  // a no-break space
}

TEST_CASE("any mix of quotes, markup and entities parses or is refused, never worse") {
  // Deterministic pseudo-random command texts built from the fragments that steer the scanner.
  const std::vector<std::string> fragments = {" ",
                                              "a",
                                              "=",
                                              "\"",
                                              "\xE2\x80\x9C",
                                              "\xE2\x80\x9D",
                                              "\xE2\x80\x98",
                                              "\xE2\x80\x99",
                                              "<",
                                              ">",
                                              "<@U1>",
                                              "<@W2|n m>",
                                              "&amp;",
                                              "&lt;",
                                              "&gt;",
                                              "&",
                                              "|",
                                              "\xC2\xA0",
                                              "\xE2",
                                              "key=",
                                              "O-1"};
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const auto length = next() % 16;
    for (std::uint32_t i = 0; i < length; ++i) text += fragments[next() % fragments.size()];
    INFO(text);
    ParsedCommandLine parsed;
    REQUIRE_NOTHROW(parsed = parse_command_line(text));
    if (parsed.error) continue;
    for (const auto& token : parsed.line.positional) {
      if (token.is_mention()) CHECK(mention_user_id(token.text) == token.user_id);
    }
  }
}
