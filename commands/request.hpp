// A verified, platform-neutral request: who asked what, where. Adapters build it after the
// platform's signature or token has been checked; workflows never see platform JSON.
#pragma once

#include <string>

namespace accord::commands {

enum class Platform { slack, teams };

const char* to_string(Platform platform);

struct Request {
  Platform platform = Platform::slack;
  std::string workspace;  // Slack team id, Teams tenant id
  std::string channel;    // conversation the request came from
  std::string user;       // platform user id of the requester
  std::string text;       // command text after "/accord", exactly as the platform sent it
  std::string action_id;  // set when a button was pressed instead of a command typed
  std::string action_value;
};

// The action id of a button that runs a command as the clicking user (the value holds the
// command text); the click goes through the same parser and permission checks as typing it.
inline constexpr const char* kRunCommandAction = "accord.command";

}  // namespace accord::commands
