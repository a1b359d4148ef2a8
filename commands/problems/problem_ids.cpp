#include "commands/problems/problem_ids.hpp"

#include <cctype>
#include <random>

namespace accord::commands {
namespace {

// No 0/O, 1/I/L or U: what is read aloud or copied by hand comes back the same.
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
// 30^4 = 810,000 codes per project: short to type, and a collision is rare and retried.
constexpr std::size_t kCodeLength = 4;
constexpr int kDrawsPerLength = 16;
constexpr std::size_t kMaxTypedCode = 12;
constexpr std::string_view kPrefix = "PR-";

}  // namespace

std::string pr_id(const store::ProblemReport& report) {
  return std::string(kPrefix) + report.code;
}

std::optional<std::string> parse_pr_id(std::string_view text) {
  if (text.size() <= kPrefix.size() || text.size() > kPrefix.size() + kMaxTypedCode) {
    return std::nullopt;
  }
  std::string code;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (i < kPrefix.size()) {
      if (std::toupper(c) != kPrefix[i]) return std::nullopt;
      continue;
    }
    if (!std::isalnum(c)) return std::nullopt;
    code += static_cast<char>(std::toupper(c));
  }
  return code;
}

std::string new_problem_code(store::ProblemReports& reports, std::int64_t project_id) {
  // The operating system's source, not a seeded generator: codes seen must not predict others.
  std::random_device random;
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  for (std::size_t length = kCodeLength;; ++length) {
    for (int draw = 0; draw < kDrawsPerLength; ++draw) {
      std::string code;
      for (std::size_t i = 0; i < length; ++i) code += kAlphabet[pick(random)];
      if (!reports.code_taken(project_id, code)) return code;
    }
  }
}

}  // namespace accord::commands
