#include "store/database_lock.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace accord::store {
namespace {

int open_lock_file(const std::string& database_path) {
  const std::string path = lock_path(database_path);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error("cannot open the lock file " + path + ": " + std::strerror(errno));
  }
  return fd;
}

// flock, retried when a signal interrupts it. Returns errno, 0 on success.
int lock(int fd, int operation) {
  while (::flock(fd, operation) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

}  // namespace

std::string lock_path(const std::string& database_path) {
  return database_path + "-lock";
}

DatabaseLock DatabaseLock::shared(const std::string& database_path) {
  const int fd = open_lock_file(database_path);
  if (const int error = lock(fd, LOCK_SH | LOCK_NB); error != 0) {
    ::close(fd);
    if (error == EWOULDBLOCK) {
      throw std::runtime_error("the database " + database_path +
                               " is being restored by `accord restore`; try again when it is done");
    }
    throw std::runtime_error("cannot lock " + lock_path(database_path) + ": " +
                             std::strerror(error));
  }
  return DatabaseLock(fd);
}

std::optional<DatabaseLock> DatabaseLock::try_exclusive(const std::string& database_path) {
  const int fd = open_lock_file(database_path);
  if (const int error = lock(fd, LOCK_EX | LOCK_NB); error != 0) {
    ::close(fd);
    if (error == EWOULDBLOCK) return std::nullopt;
    throw std::runtime_error("cannot lock " + lock_path(database_path) + ": " +
                             std::strerror(error));
  }
  return DatabaseLock(fd);
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the lock
}

DatabaseLock::DatabaseLock(DatabaseLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DatabaseLock& DatabaseLock::operator=(DatabaseLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

}  // namespace accord::store
