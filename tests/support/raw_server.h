#pragma once
// A tiny raw TCP server on 127.0.0.1:<ephemeral port> for responses no well-behaved HTTP
// library will produce: a wrong Content-Length, a connection reset mid-body, an HTTP/0.9
// reply, a slowloris trickle. Each accepted connection runs the test's script on its own thread.

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace orrery::test {

// One accepted connection, handed to the script. Owns the socket.
class RawConnection {
 public:
  RawConnection(int fd, int stop_fd);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Reads up to the end of the request head ("\r\n\r\n") and returns it; "" when the peer
  // closed first or the server is stopping.
  std::string read_request();
  // Writes all of `bytes`; false when the peer has gone or the server is stopping.
  bool write(std::string_view bytes);
  // Closes with an RST instead of a FIN (SO_LINGER 0): the client sees "connection reset".
  void reset();
  // Blocks until the peer closes the connection, the server stops, or `bound` passes. Returns
  // true when the peer closed.
  bool wait_for_peer_close(std::chrono::milliseconds bound = std::chrono::seconds(60));
  // Blocks until the server stops or `bound` passes; true when the server is stopping.
  bool wait_for_stop(std::chrono::milliseconds bound);

 private:
  int m_fd;
  int m_stop_fd;
};

class RawServer {
 public:
  using Script = std::function<void(RawConnection&)>;

  // Listens on 127.0.0.1 on a free port and runs `script` for every connection; throws
  // std::runtime_error when the socket cannot be set up.
  explicit RawServer(Script script);
  // Wakes every script blocked in a RawConnection wait, stops accepting, joins every thread.
  ~RawServer();
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;

  int port() const { return m_port; }
  // "http://127.0.0.1:PORT" + path.
  std::string url(std::string_view path) const;
  // Connections accepted so far.
  std::size_t connection_count() const;

 private:
  void accept_loop();

  Script m_script;
  int m_listen_fd = -1;
  int m_stop_pipe[2] = {-1, -1};  // written once by the destructor; every poll watches [0]
  int m_port = 0;
  std::thread m_acceptor;
  mutable std::mutex m_mutex;
  std::vector<std::thread> m_connections;
};

}  // namespace orrery::test
