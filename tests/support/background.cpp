#include "support/background.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace orrery::test {

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds bound) {
  auto deadline = std::chrono::steady_clock::now() + bound;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::filesystem::path& log,
                                     const std::vector<std::string>& env) {
  // The environment: the test's, with `env` overriding by name.
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    vars[entry.substr(0, entry.find('='))] = entry;
  }
  for (const std::string& entry : env) {
    vars[entry.substr(0, entry.find('='))] = entry;
  }
  std::vector<std::string> envp_strings;
  for (auto& [name, entry] : vars) {
    envp_strings.push_back(entry);
  }
  std::vector<char*> envp;
  for (std::string& e : envp_strings) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> raw;
  for (std::string& a : args) {
    raw.push_back(a.data());
  }
  raw.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  int rc = ::posix_spawn(&m_pid, raw[0], &actions, nullptr, raw.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    m_pid = -1;
    throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
  }
}

BackgroundProcess::~BackgroundProcess() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
  }
}

void BackgroundProcess::signal(int sig) const {
  if (m_pid > 0) {
    ::kill(m_pid, sig);
  }
}

std::optional<int> BackgroundProcess::wait_exit(std::chrono::milliseconds bound) {
  if (m_pid <= 0) {
    return std::nullopt;
  }
  int status = 0;
  bool ended = eventually([&] { return ::waitpid(m_pid, &status, WNOHANG) == m_pid; }, bound);
  if (!ended) {
    return std::nullopt;
  }
  m_pid = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

namespace {

sockaddr_un unix_address(const std::string& address, socklen_t& length) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (address.size() >= sizeof addr.sun_path) {
    throw std::runtime_error(address + ": socket name too long");
  }
  std::memcpy(addr.sun_path, address.data(), address.size());
  bool abstract = !address.empty() && address[0] == '@';
  if (abstract) {
    addr.sun_path[0] = '\0';
  }
  length =
      static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address.size() + (abstract ? 0 : 1));
  return addr;
}

}  // namespace

NotifySocket::NotifySocket(std::string address) : m_address(std::move(address)) {
  m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (m_fd < 0) {
    throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  }
  socklen_t length = 0;
  sockaddr_un addr = unix_address(m_address, length);
  if (::bind(m_fd, reinterpret_cast<const sockaddr*>(&addr), length) != 0) {
    int saved = errno;
    ::close(m_fd);
    throw std::runtime_error(m_address + ": bind: " + std::strerror(saved));
  }
}

NotifySocket::~NotifySocket() {
  ::close(m_fd);
  if (!m_address.empty() && m_address[0] != '@') {
    ::unlink(m_address.c_str());
  }
}

const std::vector<std::string>& NotifySocket::messages() {
  char buffer[4096];
  for (;;) {
    ssize_t got = ::recv(m_fd, buffer, sizeof buffer, 0);
    if (got < 0) {
      break;
    }
    m_messages.emplace_back(buffer, static_cast<std::size_t>(got));
  }
  return m_messages;
}

bool NotifySocket::wait_for(const std::function<bool(const std::string&)>& match,
                            std::chrono::milliseconds bound) {
  return eventually(
      [&] {
        for (const std::string& m : messages()) {
          if (match(m)) {
            return true;
          }
        }
        return false;
      },
      bound);
}

int open_fd_count(pid_t pid) {
  std::error_code ec;
  int count = 0;
  for (std::filesystem::directory_iterator it("/proc/" + std::to_string(pid) + "/fd", ec), end;
       !ec && it != end; it.increment(ec)) {
    ++count;
  }
  return ec ? -1 : count;
}

long resident_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      return std::stol(line.substr(6));
    }
  }
  return -1;
}

}  // namespace orrery::test
