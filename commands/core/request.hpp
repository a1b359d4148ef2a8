// A verified, platform-neutral request: who asked what, where. Adapters build it after the
// platform's signature or token has been checked; workflows never see platform JSON.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/platform.hpp"

namespace accord::commands {

// The platform a request came from, as every layer names it (store/platform.hpp).
using store::display_name;
using store::Platform;

// Someone the request names, as the platform identified them: who, and what they are called there.
struct Mention {
  Platform platform = Platform::slack;
  std::string user;
  std::string name;  // empty when the platform did not say
};

struct Request {
  Platform platform = Platform::slack;
  std::string workspace;  // Slack team id, Teams tenant id
  std::string channel;    // conversation the request came from
  std::string user;       // platform user id of the requester
  std::string user_name;  // what the platform calls them, when it said
  std::string text;       // command text after "/accord", exactly as the platform sent it
  std::string action_id;  // set when a button was pressed instead of a command typed
  std::string action_value;
  // For a submitted form (action_id == kSubmitFormAction): the values by field id.
  std::map<std::string, std::string> form_values;
  // The text was typed where others read it (a Teams channel or group chat): it was posted there
  // before Accord saw it. A slash command, a button or a form is seen by the person alone.
  bool typed_in_public = false;
  // The people the text mentions (their mention markup is in `text`), with their names: a
  // message on the other platform names them by these.
  std::vector<Mention> mentions;
};

// The action id of a button that runs a command as the clicking user (the value holds the
// command text); the click goes through the same parser and permission checks as typing it.
inline constexpr const char* kRunCommandAction = "accord.command";

// A submitted form: action_value holds the form's command text; form_values are added to its
// options (a field wins over the same option in the text).
inline constexpr const char* kSubmitFormAction = "accord.form";

}  // namespace accord::commands
