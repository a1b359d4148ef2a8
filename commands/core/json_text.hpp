// JSON written as text, member by member, without building a document first (RapidJSON's
// writer). For what is written on every request: the outbox's neutral messages and the Slack
// replies. Building an nlohmann document and dumping it took a fifth of a request's handler time.
// Text that is not UTF-8 throws std::invalid_argument: nothing half written is used.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "commands/core/command_line.hpp"

namespace accord::commands::json_text {

// Escapes, and trusts its input to be UTF-8: put() checks every string first (RapidJSON's own
// check reads a character's continuation bytes without looking for the end of the text).
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// One JSON value being written; str() is its text once the value is complete.
class Document {
 public:
  Document() = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  Writer& out() { return writer_; }
  std::string str() const { return {buffer_.GetString(), buffer_.GetSize()}; }

 private:
  rapidjson::StringBuffer buffer_;
  Writer writer_{buffer_};
};

inline void put(Writer& out, std::string_view text) {
  if (!is_valid_utf8(text)) throw std::invalid_argument("text for JSON is not UTF-8");
  out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

inline void put(Writer& out, const char* key, std::string_view text) {
  out.Key(key);
  put(out, text);
}

// Named apart from put: a string literal would choose a bool overload over std::string_view.
inline void put_flag(Writer& out, const char* key, bool flag) {
  out.Key(key);
  out.Bool(flag);
}

// A value already written as JSON text (one of Document::str()).
inline void put_raw(Writer& out, std::string_view json) {
  out.RawValue(json.data(), json.size(), rapidjson::kObjectType);
}

}  // namespace accord::commands::json_text
