#include "commands/problems/problem_typed_in_public.hpp"

#include <string>

#include "commands/core/approvals.hpp"
#include "commands/core/object_ids.hpp"

namespace accord::commands {
namespace {

Reply refusal(const std::string& what, const std::string& not_done, const std::string& command) {
  return private_reply(
      Text(what +
           " are confidential, but everyone in this conversation can read what you typed: "
           "your message was posted here before I saw it, so I " +
           not_done +
           ". Delete it if you can. Then send it to me in a 1:1 chat: open a chat with Accord "
           "and type ")
          .code("/accord " + command)
          .plain("."));
}

}  // namespace

std::optional<Reply> refuse_problem_text_typed_in_public(const Context& context,
                                                         const CommandLine& args) {
  if (!context.request.typed_in_public || args.positional.empty()) return std::nullopt;
  const auto sub = lower_ascii(args.positional.front().text);
  if (sub == "report") {
    return refusal("Problem reports", "did not file it",
                   "problem report team|pm|performance|deadline|other \"<text>\"");
  }
  if (sub == "resolve" && !comment_from(args, 2).empty()) {
    const auto number =
        args.positional.size() > 1 ? parse_object_id("PR", args.positional[1].text) : std::nullopt;
    const std::string id = number ? object_id("PR", *number) : "PR-n";
    return refusal("Resolution notes of problem reports", "did not resolve it",
                   "problem resolve " + id + " \"<note>\"");
  }
  return std::nullopt;
}

}  // namespace accord::commands
