#include "bot/metrics_text.hpp"

#include <charconv>
#include <cmath>
#include <vector>

namespace accord::bot {
namespace {

// The shortest text that reads back as the same double: "0.25", "1.5e-05" (or "0.0005" in
// fixed notation, as bucket bounds are written so queries can name them plainly).
std::string number(double v, std::chars_format format = std::chars_format::general) {
  char buffer[400];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), v, format);
  return std::string(buffer, result.ptr);
}

// HELP text escapes backslash and newline only.
std::string escape_help(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void MetricsText::family(std::string_view name, std::string_view help, std::string_view type) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  out_ += escape_help(help);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void MetricsText::sample(std::string_view name, std::initializer_list<Label> labels, double value) {
  sample(name, std::span<const Label>(labels.begin(), labels.size()), value);
}

void MetricsText::sample(std::string_view name, std::span<const Label> labels, double v) {
  out_ += name;
  if (!labels.empty()) {
    out_ += '{';
    bool first = true;
    for (const auto& [label, label_value] : labels) {
      if (!first) out_ += ',';
      first = false;
      out_ += label;
      out_ += "=\"";
      out_ += escape_label_value(label_value);
      out_ += '"';
    }
    out_ += '}';
  }
  out_ += ' ';
  value(v);
  out_ += '\n';
}

void MetricsText::histogram(std::string_view name, std::span<const Label> labels,
                            std::span<const double> bounds,
                            std::span<const std::uint64_t> bucket_counts, double sum) {
  std::vector<Label> with_le(labels.begin(), labels.end());
  with_le.emplace_back("le", "");
  const std::string bucket = std::string(name) + "_bucket";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    cumulative += i < bucket_counts.size() ? bucket_counts[i] : 0;
    const std::string le = number(bounds[i], std::chars_format::fixed);
    with_le.back().second = le;
    sample(bucket, with_le, static_cast<double>(cumulative));
  }
  if (bucket_counts.size() > bounds.size()) cumulative += bucket_counts[bounds.size()];
  with_le.back().second = "+Inf";
  sample(bucket, with_le, static_cast<double>(cumulative));
  sample(std::string(name) + "_sum", labels, sum);
  sample(std::string(name) + "_count", labels, static_cast<double>(cumulative));
}

void MetricsText::value(double v) {
  if (std::isnan(v)) {
    out_ += "NaN";
  } else if (std::isinf(v)) {
    out_ += v > 0 ? "+Inf" : "-Inf";
  } else {
    // Whole numbers up to 2^53 without an exponent (counters read better so).
    if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) {
      out_ += std::to_string(static_cast<long long>(v));
    } else {
      out_ += number(v);
    }
  }
}

}  // namespace accord::bot
