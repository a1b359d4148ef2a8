// The form decoder on any body: it decodes or refuses, and what it decodes survives being encoded
// and decoded again, field for field.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bot/http/form.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using accord::bot::http::decode_form;
using accord::bot::http::form_encode;
using accord::bot::http::percent_decode;
using accord::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

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
