// `accord <subcommand>`: parses the command line and runs serve or one of the operator's commands.
#pragma once

namespace accord::bot {

// Returns the process's exit code.
int run(int argc, char** argv);

}  // namespace accord::bot
