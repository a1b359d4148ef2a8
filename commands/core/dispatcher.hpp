// The entry point of the core: takes a neutral request, runs the matching workflow in one store
// transaction (state change, decision log and outbound notifications commit together) and
// returns the reply for the requester. Never throws for user mistakes: those become private
// usage or refusal messages.
#pragma once

#include <functional>
#include <string>

#include "commands/core/clock.hpp"
#include "commands/core/message.hpp"
#include "commands/core/request.hpp"
#include "store/database.hpp"

namespace accord::commands {

class Dispatcher {
 public:
  // `public_url` is the base of links Accord gives out (e.g. https://accord.example.com); when
  // empty, links are shown as paths.
  // `public_url_configured`: the operator set it, so the platforms reach it (Context).
  Dispatcher(store::Database& db, const Clock& clock, std::string public_url = {},
             bool public_url_configured = false)
      : db_(db),
        clock_(clock),
        public_url_(std::move(public_url)),
        public_url_configured_(public_url_configured) {}

  // What an adapter does with the reply inside the workflow's transaction (queue it for
  // delivery), so the decision and its answer commit together or not at all.
  using BeforeCommit = std::function<void(const Reply&)>;

  Reply handle(const Request& request, const BeforeCommit& before_commit = {});

 private:
  // The reply, inside the open transaction.
  Reply answer(const Request& request);

  store::Database& db_;
  const Clock& clock_;
  std::string public_url_;
  bool public_url_configured_ = false;
};

}  // namespace accord::commands
