#include "commands/core/command_line.hpp"

#include <cctype>

namespace accord::commands {
namespace {

// Quote characters as Slack clients send them: smart punctuation turns "x" into “x” (and some
// keyboards into „x“ or ”x”), so any double quote closes any other. Single typographic quotes
// group only as ‘…’, closing on a ’ at the end of a word: a ’ inside a word is an apostrophe.
constexpr std::string_view kDoubleQuotes[] = {"\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E"};
constexpr std::string_view kOpenSingle = "\xE2\x80\x98";
constexpr std::string_view kCloseSingle = "\xE2\x80\x99";
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
constexpr std::size_t kSnippetBytes = 24;

struct Entity {
  std::string_view encoded;
  char decoded;
};
// Slack escapes exactly these three; the renderer escapes them again on output.
constexpr Entity kEntities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}};

bool valid_user_id(std::string_view id) {
  if (id.size() < 2) return false;
  // Teams: the "29:" id the bot sees the person by (pairwise for each bot).
  if (id.starts_with("29:")) {
    return id.size() > 3 && id.size() <= 256 &&
           id.substr(3).find_first_not_of(
               "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
               "0123456789-_") == std::string_view::npos;
  }
  const bool slack = id[0] == 'U' || id[0] == 'W';  // W: Enterprise Grid and Slack Connect users
  for (char c : id) {
    const bool ok = slack ? (std::isupper(static_cast<unsigned char>(c)) ||
                             std::isdigit(static_cast<unsigned char>(c)))
                          : (std::isxdigit(static_cast<unsigned char>(c)) || c == '-');
    if (!ok) return false;
  }
  return slack || id.size() == 36;  // otherwise an AAD object id (a GUID), for Teams
}

bool option_key(std::string_view key) {
  if (key.empty() || !std::islower(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key) {
    if (!std::islower(static_cast<unsigned char>(c)) &&
        !std::isdigit(static_cast<unsigned char>(c)) && c != '_') {
      return false;
    }
  }
  return true;
}

// Length of the well-formed UTF-8 sequence at text[at] (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF), or 0.
std::size_t utf8_sequence_at(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) {
    return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0u;
  };
  const unsigned lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned low = 0x80;
  unsigned high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

}  // namespace

// Every later step (JSON for the outbox and the log, the renderers) needs valid UTF-8, so
// malformed bytes become U+FFFD here, where user text enters. So does NUL: PostgreSQL's text
// cannot hold it (libpq would store the text up to it), and no person types one.
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    if (const auto length = text[at] == '\0' ? 0 : utf8_sequence_at(text, at)) {
      out.append(text.substr(at, length));
      at += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++at;
    }
  }
  return out;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    if (static_cast<unsigned char>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    const auto length = utf8_sequence_at(text, at);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text) {}

  ParsedCommandLine run() {
    ParsedCommandLine result;
    while (true) {
      while (!at_end() && space_at(i_) > 0) i_ += space_at(i_);
      if (at_end()) break;
      if (auto mention = read_mention()) {
        result.line.positional.push_back(std::move(*mention));
        continue;
      }
      Token token;
      std::optional<std::size_t> key_end;
      if (auto error = read_word(token, key_end)) {
        result.error = std::move(error);
        return result;
      }
      if (key_end && option_key(std::string_view(token.text).substr(0, *key_end))) {
        std::string key = token.text.substr(0, *key_end);
        if (result.line.options.count(key) > 0) {
          result.error =
              Text("The option ").code(key + "=").plain(" is given twice. Give it once.");
          return result;
        }
        result.line.options.emplace(std::move(key), token.text.substr(*key_end + 1));
      } else {
        result.line.positional.push_back(std::move(token));
      }
    }
    return result;
  }

 private:
  bool at_end() const { return i_ >= s_.size(); }
  bool starts_with(std::size_t at, std::string_view what) const {
    return at <= s_.size() && s_.substr(at).starts_with(what);
  }
  std::size_t space_at(std::size_t at) const {
    if (at >= s_.size()) return 0;
    if (std::isspace(static_cast<unsigned char>(s_[at]))) return 1;
    return starts_with(at, kNoBreakSpace) ? kNoBreakSpace.size() : 0;
  }
  bool word_ends_at(std::size_t at) const { return at >= s_.size() || space_at(at) > 0; }
  std::size_t double_quote_at(std::size_t at) const {
    for (auto quote : kDoubleQuotes) {
      if (starts_with(at, quote)) return quote.size();
    }
    return 0;
  }

  // Appends the character at i_, decoding an entity, and moves past it.
  void take_decoded(std::string& out) {
    for (const auto& entity : kEntities) {
      if (starts_with(i_, entity.encoded)) {
        out += entity.decoded;
        i_ += entity.encoded.size();
        return;
      }
    }
    out += s_[i_++];
  }

  // "<...>" as Slack writes it for mentions, channels and links: kept whole, spaces included.
  std::size_t markup_end(std::size_t at) const {
    if (s_[at] != '<') return std::string_view::npos;
    // Stops at the next '<' too, so a run of unmatched '<' is read in linear time.
    const auto close = s_.find_first_of("<>", at + 1);
    if (close == std::string_view::npos || s_[close] != '>') return std::string_view::npos;
    return close;
  }

  std::optional<Token> read_mention() {
    const auto close = markup_end(i_);
    if (close == std::string_view::npos || !word_ends_at(close + 1)) return std::nullopt;
    const auto markup = s_.substr(i_, close + 1 - i_);
    auto id = mention_user_id(markup);
    if (!id) return std::nullopt;
    i_ = close + 1;
    return Token{std::string(markup), std::move(*id), false};
  }

  // Reads up to the next unquoted space; key_end is set at the first '=' that precedes any quote.
  std::optional<Text> read_word(Token& token, std::optional<std::size_t>& key_end) {
    while (!word_ends_at(i_)) {
      if (auto length = double_quote_at(i_)) {
        if (auto error = read_quoted(token, length,
                                     [this](std::size_t at) { return double_quote_at(at); })) {
          return error;
        }
      } else if (starts_with(i_, kOpenSingle)) {
        if (auto error = read_quoted(token, kOpenSingle.size(), [this](std::size_t at) {
              const bool closes =
                  starts_with(at, kCloseSingle) && word_ends_at(at + kCloseSingle.size());
              return closes ? kCloseSingle.size() : std::size_t{0};
            })) {
          return error;
        }
      } else if (auto close = markup_end(i_); close != std::string_view::npos) {
        token.text.append(s_.substr(i_, close + 1 - i_));
        i_ = close + 1;
      } else {
        if (s_[i_] == '=' && !key_end && !token.quoted) key_end = token.text.size();
        take_decoded(token.text);
      }
    }
    return std::nullopt;
  }

  template <typename CloseAt>
  std::optional<Text> read_quoted(Token& token, std::size_t open_length, CloseAt close_at) {
    const auto start = i_;
    i_ += open_length;
    token.quoted = true;
    while (!at_end()) {
      if (auto length = close_at(i_)) {
        i_ += length;
        return std::nullopt;
      }
      take_decoded(token.text);
    }
    return Text("The quote that starts at ")
        .code(snippet(start))
        .plain(" is never closed. Add the closing quote and try again.");
  }

  std::string snippet(std::size_t start) const {
    auto end = std::min(s_.size(), start + kSnippetBytes);
    // Never cut a UTF-8 sequence in half.
    while (end < s_.size() && end > start && (static_cast<unsigned char>(s_[end]) & 0xC0) == 0x80) {
      --end;
    }
    std::string out;
    Scanner decoder(s_.substr(start, end - start));
    while (!decoder.at_end()) decoder.take_decoded(out);
    if (end < s_.size()) out += "\xE2\x80\xA6";  // …
    return out;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

ParsedCommandLine parse_command_line(std::string_view text) {
  const auto valid = valid_utf8(text);
  return Scanner(valid).run();
}

std::optional<std::string> mention_user_id(std::string_view text) {
  if (!text.starts_with("<@") || !text.ends_with(">")) return std::nullopt;
  auto inner = text.substr(2, text.size() - 3);
  const auto bar = inner.find('|');
  auto id = inner.substr(0, bar);
  if (!valid_user_id(id)) return std::nullopt;
  return std::string(id);
}

std::string encode_typed_text(std::string_view typed) {
  std::string out;
  out.reserve(typed.size());
  for (const char c : typed) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string mention_markup(std::string_view user_id) {
  return "<@" + std::string(user_id) + ">";
}

}  // namespace accord::commands
