// The form decoder on any body: it decodes or refuses, and what it decodes survives being encoded
// and decoded again, field for field.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bot/http/form.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using accord::bot::http::decode_form;
using accord::bot::http::form_encode;
using accord::bot::http::percent_decode;
using accord::fuzz::check;

namespace {

// The decoder as plainly as it can be written: percent_decode must agree with it on every input.
std::optional<std::string> reference_decode(std::string_view text) {
  const auto hex = [](char c) {
    const std::string_view digits = "0123456789abcdef";
    const auto at = digits.find(static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c));
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] != '%') {
      out += text[i];
    } else if (i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  check(percent_decode(input) == reference_decode(input),
        "percent_decode agrees with the plain one", input);

  // Any bytes, encoded, decode back to themselves.
  const auto decoded = percent_decode(form_encode(input));
  check(decoded && *decoded == input, "percent_decode(form_encode(x)) == x", input);

  const auto form = decode_form(input);
  if (!form) return 0;
  std::size_t decoded_bytes = 0;
  std::string body;
  for (const auto& [name, value] : form->fields) {
    decoded_bytes += name.size() + value.size();
    check(form->get(name).has_value(), "every decoded name is found", name);
    if (!body.empty()) body += '&';
    body += form_encode(name) + "=" + form_encode(value);
  }
  check(decoded_bytes <= input.size(), "decoding never grows the text", input);
  const auto again = decode_form(body);
  check(again && again->fields == form->fields, "decode(encode(fields)) == fields", body);
  return 0;
}
