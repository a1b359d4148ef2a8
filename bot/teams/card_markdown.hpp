// Rich text for Adaptive Card TextBlocks and facts, which Teams reads as a Markdown subset (bold,
// italic, lists, links) plus `<at>` mentions. Every user span is escaped so it reads as typed:
// it cannot make a link, emphasis, a list or heading, a mention or HTML. Only a `mention` span
// becomes a real mention, with the entity Teams needs beside the card.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/core/message.hpp"

namespace accord::bot::teams {

// Display names by Teams user id ("29:…"); a mention of someone not listed reads as a short
// form of their id.
using MentionNames = std::map<std::string, std::string>;

// Escapes text for a TextBlock: `&`, `<`, `>` as entities (so no `<at>` or HTML survives),
// backslash before the inline markers (\ * _ ` ~ [ ]), and, where the text starts a line, before
// what would make a list, heading or quote ("- ", "+ ", "# ", "1. ", "1) "). A line break
// becomes a blank line, since Markdown would join the lines. Entities and backslash escapes are
// CommonMark, which Teams' desktop and web clients read; old mobile clients may show the
// backslashes, which is still safe.
// `at_line_start`: whether the text begins a line of the rendered Markdown.
std::string escape_markdown(std::string_view text, bool at_line_start = true);

// Whether `id` is a user Teams can mention: "29:…", "8:orgid:…" or an Entra object id.
bool is_mentionable(std::string_view id);

// The name a mention shows: the listed one, or a short form of the id ("29:1aK9xYzQ…" →
// "1aK9xYzQ").
std::string mention_name(const std::string& user_id, const MentionNames& names);

// Renders rich text and records the mentions it used, for the card's msteams.entities.
class MarkdownWriter {
 public:
  explicit MarkdownWriter(const MentionNames& names) : names_(names) {}
  // The names are read until the card is done; a temporary would be gone by then.
  explicit MarkdownWriter(const MentionNames&& names) = delete;

  std::string render(const commands::Text& text);
  // {"type":"mention","text":"<at>Name</at>","mentioned":{"id","name"}} for each mention whose
  // text appears in `card_text` (a cut TextBlock may have lost one), each user once.
  nlohmann::json entities(const std::string& card_text) const;

 private:
  const MentionNames& names_;
  std::map<std::string, std::string> mentions_;  // user id -> "<at>Name</at>"
};

}  // namespace accord::bot::teams
