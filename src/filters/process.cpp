#include "filters/process.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>

#include <fmt/format.h>

namespace orrery::filters {

namespace {

using Clock = std::chrono::steady_clock;

// A file descriptor closed on scope exit.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : m_fd(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return m_fd; }
  void reset(int fd = -1) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = fd;
  }

 private:
  int m_fd = -1;
};

struct Pipe {
  Fd read;
  Fd write;
};

bool make_pipe(Pipe& p) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    return false;
  }
  p.read.reset(fds[0]);
  p.write.reset(fds[1]);
  return true;
}

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

// Blocks SIGPIPE in this thread while a child runs (a child that exits without reading its
// stdin must not kill orrery), and discards one raised meanwhile.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&m_set);
    sigaddset(&m_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;
  ~SigpipeBlock() {
    timespec zero{};
    while (sigtimedwait(&m_set, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
  }

 private:
  sigset_t m_set;
  sigset_t m_old;
};

// The spawn attributes and file actions, released on scope exit.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
};

int spawn(const std::vector<std::string>& argv, int in, int out, int err, pid_t& pid) {
  SpawnSetup s;
  posix_spawn_file_actions_adddup2(&s.actions, in, 0);
  posix_spawn_file_actions_adddup2(&s.actions, out, 1);
  posix_spawn_file_actions_adddup2(&s.actions, err, 2);
  posix_spawn_file_actions_addclosefrom_np(&s.actions, 3);
  sigset_t none;
  sigemptyset(&none);
  sigset_t all;
  sigfillset(&all);
  posix_spawnattr_setsigmask(&s.attr, &none);
  posix_spawnattr_setsigdefault(&s.attr, &all);
  posix_spawnattr_setpgroup(&s.attr, 0);
  posix_spawnattr_setflags(&s.attr,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  std::vector<char*> args;
  for (const std::string& a : argv) {
    args.push_back(const_cast<char*>(a.c_str()));
  }
  args.push_back(nullptr);
  static const char* const k_env[] = {"PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", nullptr};
  return posix_spawn(&pid, argv.at(0).c_str(), &s.actions, &s.attr, args.data(),
                     const_cast<char* const*>(k_env));
}

// Reads what is available from `fd` into `into`, keeping at most `cap` bytes. Returns false at
// end of file; sets `overflow` when bytes beyond the cap arrived.
bool drain(int fd, std::string& into, std::size_t cap, bool& overflow) {
  std::array<char, 65536> buf;
  for (;;) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n > 0) {
      auto room = cap > into.size() ? cap - into.size() : 0;
      auto take = std::min(room, static_cast<std::size_t>(n));
      into.append(buf.data(), take);
      if (take < static_cast<std::size_t>(n)) {
        overflow = true;
      }
      continue;
    }
    if (n == 0) {
      return false;
    }
    return errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK;
  }
}

// The I/O loop: feeds stdin, collects stdout and stderr, until both are closed and the child
// has exited, or the deadline, or the output limit.
ProcessResult::End pump(int pidfd, Pipe& in, Pipe& out, Pipe& err, std::string_view input,
                        const ProcessLimits& limits, ProcessResult& r) {
  const auto deadline = Clock::now() + limits.timeout;
  std::size_t written = 0;
  bool out_open = true;
  bool err_open = true;
  bool exited = false;
  if (input.empty()) {
    in.write.reset();
  }
  while (out_open || err_open || !exited) {
    std::array<pollfd, 4> fds{};
    nfds_t n = 0;
    auto add = [&](int fd, short events) { fds[n++] = pollfd{fd, events, 0}; };
    if (in.write.get() >= 0) {
      add(in.write.get(), POLLOUT);
    }
    if (out_open) {
      add(out.read.get(), POLLIN);
    }
    if (err_open) {
      add(err.read.get(), POLLIN);
    }
    if (!exited) {
      add(pidfd, POLLIN);
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      return ProcessResult::End::timed_out;
    }
    int ready = ::poll(fds.data(), n, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) {
      r.error = std::string("poll: ") + std::strerror(errno);
      return ProcessResult::End::signalled;
    }
    for (nfds_t i = 0; i < n && ready > 0; ++i) {
      if (fds[i].revents == 0) {
        continue;
      }
      int fd = fds[i].fd;
      if (fd == in.write.get()) {
        ssize_t w = ::write(fd, input.data() + written, input.size() - written);
        if (w > 0) {
          written += static_cast<std::size_t>(w);
        }
        if ((w < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) {
          in.write.reset();  // done, or the child closed its stdin (EPIPE): its choice
        }
      } else if (fd == out.read.get()) {
        bool overflow = false;
        out_open = drain(fd, r.out, limits.max_output_bytes, overflow);
        if (overflow) {
          return ProcessResult::End::over_limit;
        }
      } else if (fd == err.read.get()) {
        bool ignored = false;  // stderr beyond its cap is dropped, not a failure
        err_open = drain(fd, r.err, limits.max_stderr_bytes, ignored);
      } else if (fd == pidfd) {
        exited = true;
      }
    }
  }
  return ProcessResult::End::exited;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, std::string_view input,
                          const ProcessLimits& limits) {
  ProcessResult r;
  if (argv.empty()) {
    r.error = "no program";
    return r;
  }
  Pipe in;
  Pipe out;
  Pipe err;
  if (!make_pipe(in) || !make_pipe(out) || !make_pipe(err)) {
    r.error = std::string("pipe: ") + std::strerror(errno);
    return r;
  }
  SigpipeBlock sigpipe;
  pid_t pid = 0;
  if (int e = spawn(argv, in.read.get(), out.write.get(), err.write.get(), pid); e != 0) {
    r.error = fmt::format("cannot run {}: {}", argv[0], std::strerror(e));
    return r;
  }
  in.read.reset();
  out.write.reset();
  err.write.reset();
  set_nonblocking(in.write.get());
  set_nonblocking(out.read.get());
  set_nonblocking(err.read.get());
  // glibc 2.36's <sys/pidfd.h> lacks extern "C": the system call directly.
  Fd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (pidfd.get() < 0) {
    r.error = std::string("pidfd_open: ") + std::strerror(errno);
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return r;
  }
  ProcessResult::End end = pump(pidfd.get(), in, out, err, input, limits, r);
  // The leader is not reaped yet, so its process group id cannot have been reused: whatever the
  // filter left running (a shell's `sleep`) goes with it.
  ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.end = end;
  if (end == ProcessResult::End::exited) {
    if (WIFEXITED(status)) {
      r.exit_code = WEXITSTATUS(status);
    } else {
      r.end = ProcessResult::End::signalled;
      r.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    }
  }
  return r;
}

std::string describe_end(const ProcessResult& result, const ProcessLimits& limits) {
  switch (result.end) {
    case ProcessResult::End::exited:
      return fmt::format("exit status {}", result.exit_code);
    case ProcessResult::End::signalled:
      return result.error.empty() ? fmt::format("killed by signal {}", result.signal)
                                  : result.error;
    case ProcessResult::End::timed_out:
      return fmt::format("killed after {} s (the filter time limit)",
                         std::chrono::duration_cast<std::chrono::seconds>(limits.timeout).count());
    case ProcessResult::End::over_limit:
      return fmt::format("killed: wrote more than {} bytes (the filter output limit)",
                         limits.max_output_bytes);
    case ProcessResult::End::not_started:
      return result.error;
  }
  return "unknown";
}

}  // namespace orrery::filters
