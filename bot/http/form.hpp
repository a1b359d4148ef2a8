// application/x-www-form-urlencoded decoding, strict: a malformed percent escape makes the whole
// body invalid (the caller answers 400) rather than being guessed at.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accord::bot::http {

class Form {
 public:
  // Fields in body order; repeated names are kept.
  std::vector<std::pair<std::string, std::string>> fields;

  // The first value of the field, or nullopt when absent.
  std::optional<std::string> get(std::string_view name) const;
  // The first value, or empty.
  std::string value(std::string_view name) const;
};

std::optional<Form> decode_form(std::string_view body);

// Percent-decodes one component ('+' is a space). nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text);

// Percent-encodes for a form body (unreserved characters stay as they are).
std::string form_encode(std::string_view text);

}  // namespace accord::bot::http
