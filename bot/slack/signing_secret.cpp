#include "bot/slack/signing_secret.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "store/random_token.hpp"

namespace accord::bot::slack {
namespace {}  // namespace

std::string dev_secret_path(const config::Settings& settings) {
  return (std::filesystem::path(settings.storage.data_dir) / "dev_signing_secret").string();
}

std::string signing_secret(const config::Settings& settings, bool create_if_missing) {
  if (!settings.slack.signing_secret.empty()) return settings.slack.signing_secret;
  const std::string path = dev_secret_path(settings);
  if (std::ifstream in{path}) {
    std::string secret;
    std::getline(in, secret);
    if (!secret.empty()) return secret;
  }
  if (!create_if_missing) return {};
  std::filesystem::create_directories(settings.storage.data_dir);
  const std::string secret = store::random_hex(16) + "\n";
  // Created readable by the owner only, from the first byte.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || ::write(fd, secret.data(), secret.size()) != static_cast<ssize_t>(secret.size())) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot write the development signing secret to " + path);
  }
  ::close(fd);
  return secret.substr(0, secret.size() - 1);
}

}  // namespace accord::bot::slack
