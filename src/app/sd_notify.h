#pragma once
// The systemd notify protocol (sd_notify(3)), a few lines of our own: one datagram per message
// to the AF_UNIX socket NOTIFY_SOCKET names (a path, or "@name" for the abstract namespace), and
// the watchdog period from WATCHDOG_USEC / WATCHDOG_PID. Without NOTIFY_SOCKET every call is a
// no-op, so the daemon runs the same from a terminal.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace orrery::app {

class Notifier {
 public:
  // Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID, then unsets them, so the processes
  // orrery starts (filters) do not talk to systemd in its name. Call before starting threads.
  static Notifier from_environment();

  Notifier() = default;
  ~Notifier();
  Notifier(Notifier&& other) noexcept;
  Notifier& operator=(Notifier&& other) noexcept;
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  bool enabled() const { return m_fd >= 0; }

  // Sends `message` ("READY=1", "STATUS=...", "STOPPING=1") as one datagram. A failure is
  // logged once (at warning level) and otherwise ignored: systemd may have gone away.
  void send(std::string_view message);

  // STATUS=<line>, sent only when it differs from the last status sent.
  void status(const std::string& line);

  // How often WATCHDOG=1 is due (half of WATCHDOG_USEC); nullopt when the watchdog is off or
  // WATCHDOG_PID names another process.
  std::optional<std::chrono::microseconds> watchdog_period() const { return m_watchdog; }

  // Sends WATCHDOG=1 when the watchdog is on and a period has passed since the last one.
  void watchdog(std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

  // When the next WATCHDOG=1 is due; nullopt when the watchdog is off.
  std::optional<std::chrono::steady_clock::time_point> next_watchdog() const;

 private:
  int m_fd = -1;
  std::string m_address;  // sun_path bytes; a leading '\0' for an abstract name
  std::optional<std::chrono::microseconds> m_watchdog;
  std::chrono::steady_clock::time_point m_last_watchdog{};
  std::string m_last_status;
  bool m_warned = false;
};

}  // namespace orrery::app
