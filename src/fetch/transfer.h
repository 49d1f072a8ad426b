#pragma once
// One request's libcurl easy handle, its callbacks and what they collected (internal to
// fetch/). The Fetcher's multi loop drives it: start(), then finish() once libcurl reports it
// done.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "fetch/body_decoder.h"
#include "fetch/curl_handles.h"
#include "fetch/fetcher.h"
#include "fetch/response_headers.h"
#include "model/fetch.h"

namespace orrery::fetch {

class Transfer {
 public:
  // Sets up the easy handle for `request`; nothing is sent before start(). `multi` must outlive
  // the Transfer. Throws std::bad_alloc when libcurl cannot allocate a handle.
  Transfer(const model::FetchRequest& request, const FetcherOptions& options, CURLM* multi);
  // Removes the easy handle from the multi handle (if still added) before freeing it, as
  // libcurl requires.
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  CURL* easy() const { return m_easy.get(); }

  // Adds the handle to the multi handle. On failure returns false and the Transfer is done:
  // take its outcome with finish(CURLE_FAILED_INIT).
  bool start();

  // The outcome once libcurl reported `code` for this transfer (or setup failed). Detaches the
  // handle from the multi handle. Call once (finish or abandon).
  model::FetchResult finish(CURLcode code);
  // The outcome of a transfer stopped before libcurl finished it: `error`, and whatever the
  // headers received so far said. Detaches the handle from the multi handle.
  model::FetchResult abandon(std::string error);

 private:
  static std::size_t on_write(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  static curl_socket_t on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address);
  static int on_prerequest(void* self, char* primary_ip, char* local_ip, int primary_port,
                           int local_port);

  template <typename T>
  void set(CURLoption option, T value, const char* name);
  void configure_protocols(const FetcherOptions& options);
  void configure_limits();
  void configure_callbacks();
  model::FetchResult base_result();
  void add_request_headers();
  // One piece of the response body as it came off the wire: counted, decoded, kept. False
  // stops the transfer (a bound, a decoding error).
  bool take_body(std::string_view raw);
  bool keep(std::string_view decoded);
  bool may_connect(const sockaddr* address);
  bool may_request();
  bool hop_may_reach_private_networks() const;
  std::string describe_refusal() const;
  std::string describe(CURLcode code) const;
  std::string describe_timeout() const;
  std::string describe_unsupported(const std::string& reason) const;
  std::string describe_cut() const;
  // The final response's status as an error names it ("HTTP 302 Found").
  std::string last_status() const;
  // "" when the body that arrived is whole; otherwise why it is not.
  std::string body_unfinished() const;
  // strerror of the last OS error libcurl saw, `fallback` when there was none.
  std::string system_reason(const std::string& fallback) const;
  void fill_from_headers(model::FetchResult& result) const;

  model::FetchRequest m_request;
  CURLM* m_multi;
  EasyHandle m_easy;
  Slist m_request_headers;
  ResponseHeaders m_headers;
  bool m_added = false;
  std::string m_setup_error;  // the first curl_easy_setopt that failed

  std::string m_body;
  std::size_t m_raw_bytes = 0;   // body bytes as sent (before Content-Encoding is undone)
  std::size_t m_body_bytes = 0;  // decoded bytes kept
  // Undoes the final response's Content-Encoding; made at its first body byte. libcurl's own
  // decoding is off: it does not notice an unfinished stream (docs/fetch.md).
  std::optional<BodyDecoder> m_decoder;
  std::size_t m_decoder_response = 0;  // the response (statuses().size()) it decodes
  bool m_sent_validators = false;      // If-None-Match or If-Modified-Since went out
  bool m_body_too_large = false;
  bool m_headers_too_large = false;
  // Set when the private-network policy refused a connection (the address) or a request (the
  // private address or name its URL's host spells).
  std::string m_refused_address;
  char m_error_buffer[CURL_ERROR_SIZE] = {};
  std::chrono::steady_clock::time_point m_started;
};

}  // namespace orrery::fetch
