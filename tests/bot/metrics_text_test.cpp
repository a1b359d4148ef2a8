// The Prometheus text exposition writer: label values escaped, histograms cumulative with +Inf,
// _sum and _count; and the per-route request metrics built on it.
#include <catch2/catch.hpp>

#include "bot/http_metrics.hpp"
#include "bot/metrics_text.hpp"

using accord::bot::HttpMetrics;
using accord::bot::Label;
using accord::bot::MetricsText;
using Catch::Contains;

TEST_CASE("a family is a HELP and a TYPE line, then its samples") {
  MetricsText out;
  out.family("accord_things_total", "Things counted.\nTwo lines, a back\\slash.", "counter");
  out.sample("accord_things_total", {{"kind", "a"}}, 3);
  out.sample("accord_things_total", {}, 0.25);
  CHECK(out.text() ==
        "# HELP accord_things_total Things counted.\\nTwo lines, a back\\\\slash.\n"
        "# TYPE accord_things_total counter\n"
        "accord_things_total{kind=\"a\"} 3\n"
        "accord_things_total 0.25\n");
}

TEST_CASE("label values escape backslash, double quote and newline") {
  CHECK(accord::bot::escape_label_value("plain /slack/commands") == "plain /slack/commands");
  CHECK(accord::bot::escape_label_value("a\\b") == "a\\\\b");
  CHECK(accord::bot::escape_label_value("say \"hi\"") == "say \\\"hi\\\"");
  CHECK(accord::bot::escape_label_value("two\nlines") == "two\\nlines");
  MetricsText out;
  out.sample("m", {{"path", "C:\\dir \"x\"\nend"}, {"b", ""}}, 1);
  CHECK(out.text() == "m{path=\"C:\\\\dir \\\"x\\\"\\nend\",b=\"\"} 1\n");
}

TEST_CASE("a histogram's buckets are cumulative, end with +Inf and agree with _count") {
  MetricsText out;
  const double bounds[] = {0.1, 1, 10};
  const std::uint64_t counts[] = {2, 0, 3, 1};  // per bucket; the last is above 10
  const Label labels[] = {{"route", "/x"}};
  out.histogram("h_seconds", labels, bounds, counts, 21.5);
  CHECK(out.text() ==
        "h_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n"
        "h_seconds_bucket{route=\"/x\",le=\"1\"} 2\n"
        "h_seconds_bucket{route=\"/x\",le=\"10\"} 5\n"
        "h_seconds_bucket{route=\"/x\",le=\"+Inf\"} 6\n"
        "h_seconds_sum{route=\"/x\"} 21.5\n"
        "h_seconds_count{route=\"/x\"} 6\n");
}

TEST_CASE("request metrics: every known route has a histogram, unknown ones count as other") {
  HttpMetrics metrics({"/healthz", "/exports/*"});
  metrics.observe("/healthz", "GET", 200, 0.0003);
  metrics.observe("/healthz", "GET", 200, 0.002);
  metrics.observe("/nowhere", "BREW", 404, 20);
  MetricsText out;
  metrics.write(out);
  const auto& text = out.text();
  CHECK_THAT(
      text,
      Contains("accord_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2"));
  CHECK_THAT(
      text,
      Contains("accord_http_requests_total{route=\"other\",method=\"other\",status=\"404\"} 1"));
  CHECK_THAT(text, Contains("accord_http_request_duration_seconds_bucket{route=\"/healthz\","
                            "le=\"0.0005\"} 1"));
  CHECK_THAT(text, Contains("accord_http_request_duration_seconds_bucket{route=\"/healthz\","
                            "le=\"0.0025\"} 2"));
  CHECK_THAT(text, Contains("accord_http_request_duration_seconds_count{route=\"/healthz\"} 2"));
  // Pre-created, still empty.
  CHECK_THAT(text, Contains("accord_http_request_duration_seconds_bucket{route=\"/exports/*\","
                            "le=\"+Inf\"} 0"));
  // Over the last bound: only in +Inf.
  CHECK_THAT(text, Contains("accord_http_request_duration_seconds_bucket{route=\"other\","
                            "le=\"10\"} 0"));
  CHECK_THAT(text, Contains("accord_http_request_duration_seconds_bucket{route=\"other\","
                            "le=\"+Inf\"} 1"));
  CHECK_THAT(text, Contains("accord_http_request_duration_seconds_sum{route=\"other\"} 20"));
}
