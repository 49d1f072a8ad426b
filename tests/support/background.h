#pragma once
// For daemon tests: a program running in the background (stderr to a file, extra environment
// variables), a datagram socket standing in for systemd's NOTIFY_SOCKET, and what /proc says of
// a process (open descriptors, resident memory).

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace orrery::test {

// Polls `condition` every 10 ms until it holds or `bound` passes (a bound on a hang, not a
// timing claim); true when it held.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds bound = std::chrono::seconds(60));

class BackgroundProcess {
 public:
  // Starts argv[0] (a path) with stdin and stdout on /dev/null, stderr appended to `log` (created
  // empty first), and the test's environment plus `env` ("NAME=value", overriding). Throws
  // std::runtime_error when it cannot start.
  BackgroundProcess(const std::vector<std::string>& argv, const std::filesystem::path& log,
                    const std::vector<std::string>& env = {});
  // Kills the process (SIGKILL) if it is still running, and reaps it.
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  pid_t pid() const { return m_pid; }
  void signal(int sig) const;
  // The exit code (128 + signal when killed) once the process ends within `bound`; nullopt if
  // it is still running then.
  std::optional<int> wait_exit(std::chrono::milliseconds bound = std::chrono::seconds(60));

 private:
  pid_t m_pid = -1;
};

// An AF_UNIX datagram socket bound to `address` (a path, or "@name" in the abstract namespace),
// receiving what a daemon sends to NOTIFY_SOCKET.
class NotifySocket {
 public:
  explicit NotifySocket(std::string address);
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  const std::string& address() const { return m_address; }
  // Every datagram received so far, in arrival order (reads what is waiting first).
  const std::vector<std::string>& messages();
  // Waits (bounded) until some datagram satisfies `match`; true when one did.
  bool wait_for(const std::function<bool(const std::string&)>& match,
                std::chrono::milliseconds bound = std::chrono::seconds(60));

 private:
  int m_fd = -1;
  std::string m_address;
  std::vector<std::string> m_messages;
};

// How many descriptors the process has open (/proc/PID/fd); -1 when it cannot be read.
int open_fd_count(pid_t pid);
// The process's resident set in kB (/proc/PID/status VmRSS); -1 when it cannot be read.
long resident_kb(pid_t pid);

}  // namespace orrery::test
