// The entry point of the core: takes a neutral request, runs the matching workflow in one store
// transaction (state change, decision log and outbound notifications commit together) and
// returns the reply for the requester. Never throws for user mistakes: those become private
// usage or refusal messages.
#pragma once

#include "commands/clock.hpp"
#include "commands/message.hpp"
#include "commands/request.hpp"
#include "store/database.hpp"

namespace accord::commands {

class Dispatcher {
 public:
  Dispatcher(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Reply handle(const Request& request);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace accord::commands
