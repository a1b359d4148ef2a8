#include "bot/guarded_dispatch.hpp"

#include <exception>

#include <spdlog/spdlog.h>

namespace accord::bot {

Dispatched guarded_dispatch(commands::Dispatcher& dispatcher, const commands::Request& request,
                            const std::string& request_id,
                            const commands::Dispatcher::BeforeCommit& before_commit) {
  try {
    return {dispatcher.handle(request, before_commit), false};
  } catch (const std::exception& error) {
    spdlog::error("request failed: {}", error.what());
    // Nothing was changed: the workflow's transaction rolled back.
    commands::Reply reply;
    reply.message.sections.push_back(
        {commands::Text("Sorry, Accord hit an internal error and nothing was changed. Please try "
                        "again in a moment. Reference: ")
             .code(request_id),
         {}});
    return {std::move(reply), true};
  }
}

}  // namespace accord::bot
