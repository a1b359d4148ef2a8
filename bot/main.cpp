// The accord executable: everything it does starts from the command line (bot/cli).
#include "bot/cli/cli.hpp"

int main(int argc, char** argv) {
  return accord::bot::run(argc, argv);
}
