#include "bot/http/form.hpp"

#include <array>

namespace accord::bot::http {
namespace {

// A byte's value as a hex digit, or -1.
constexpr std::array<signed char, 256> kHexValue = [] {
  std::array<signed char, 256> table{};
  table.fill(-1);
  const auto digits = [&table](char first, char last, int value) {
    for (char c = first; c <= last; ++c) {
      table[static_cast<unsigned char>(c)] = static_cast<signed char>(value++);
    }
  };
  digits('0', '9', 0);
  digits('a', 'f', 10);
  digits('A', 'F', 10);
  return table;
}();

int hex_value(char c) {
  return kHexValue[static_cast<unsigned char>(c)];
}

}  // namespace

std::optional<std::string> Form::get(std::string_view name) const {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string Form::value(std::string_view name) const {
  return get(name).value_or("");
}

std::optional<std::string> percent_decode(std::string_view text) {
  // Written through a pointer into a string of the input's size (the decoded text is never
  // longer), then cut: a click's form is 1.8 KB, a third of it escapes, and appending byte by
  // byte checked the capacity each time.
  std::string out(text.size(), '\0');
  char* to = out.data();
  const char* from = text.data();
  const char* const end = from + text.size();
  while (from != end) {
    const char c = *from++;
    if (c == '%') {
      if (end - from < 2) return std::nullopt;
      const int high = hex_value(from[0]);
      const int low = hex_value(from[1]);
      if (high < 0 || low < 0) return std::nullopt;
      *to++ = static_cast<char>(high * 16 + low);
      from += 2;
    } else {
      *to++ = c == '+' ? ' ' : c;
    }
  }
  out.resize(static_cast<std::size_t>(to - out.data()));
  return out;
}

std::optional<Form> decode_form(std::string_view body) {
  Form form;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view pair = body.substr(start, end - start);
    if (!pair.empty()) {
      const auto equals = pair.find('=');
      auto name = percent_decode(pair.substr(0, equals));
      auto value = percent_decode(equals == std::string_view::npos ? std::string_view{}
                                                                   : pair.substr(equals + 1));
      if (!name || !value) return std::nullopt;
      form.fields.emplace_back(std::move(*name), std::move(*value));
    }
    start = end + 1;
  }
  return form;
}

std::string form_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '_' || c == '.' ||
                            c == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0f]);
    }
  }
  return out;
}

}  // namespace accord::bot::http
