// Writes the Prometheus text exposition format (version 0.0.4): a HELP and a TYPE line per
// metric family, then its samples, label values escaped. Callers write each family once, with
// all its samples together, and choose valid metric and label names.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace accord::bot {

inline constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

using Label = std::pair<std::string_view, std::string_view>;

class MetricsText {
 public:
  // Starts a family: type is "counter", "gauge" or "histogram".
  void family(std::string_view name, std::string_view help, std::string_view type);
  void sample(std::string_view name, std::initializer_list<Label> labels, double value);
  void sample(std::string_view name, std::span<const Label> labels, double value);
  // One histogram's samples: cumulative _bucket lines for `bounds` (counts per bucket, not
  // cumulative, with one extra count for above the last bound) and +Inf, then _sum and _count.
  void histogram(std::string_view name, std::span<const Label> labels,
                 std::span<const double> bounds, std::span<const std::uint64_t> bucket_counts,
                 double sum);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void value(double v);
  std::string out_;
};

// A label value as it goes between the quotes: backslash, double quote and newline escaped.
std::string escape_label_value(std::string_view value);

}  // namespace accord::bot
