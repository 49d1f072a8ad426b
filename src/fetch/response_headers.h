#pragma once
// The header lines libcurl hands a transfer's header callback, read into the fields orrery
// uses. Pure: no libcurl, no clock (unit-tested on its own).

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/time.h"

namespace orrery::fetch {

// The fields of one response, raw (trimmed) as the server sent them.
struct HeaderFields {
  std::string etag;
  std::string last_modified;
  std::string content_type;
  std::string content_location;
  std::string content_language;
  std::string location;
  std::string retry_after;
  std::string expires;
  std::string date;
  std::string cache_control;     // every Cache-Control line joined with ", "
  std::string content_encoding;  // every Content-Encoding line joined with ", "
};

class ResponseHeaders {
 public:
  // `max_bytes` bounds the header bytes of each response (status line included).
  explicit ResponseHeaders(std::size_t max_bytes) : m_max_bytes(max_bytes) {}

  // Takes one line as libcurl delivers it (CRLF included). A status line ("HTTP/1.1 301 ...")
  // starts a new response and forgets the previous one's fields, so after a redirect chain
  // only the final response's fields remain; 1xx interim responses are not counted as hops.
  // Returns false once this response's headers exceed max_bytes (the caller aborts).
  bool add_line(std::string_view line);

  // The status of every non-1xx response in order: the redirect hops, then the final one.
  const std::vector<int>& statuses() const { return m_statuses; }
  int final_status() const { return m_statuses.empty() ? 0 : m_statuses.back(); }
  // The final response's reason phrase as sent ("" for HTTP/2, which has none).
  const std::string& reason() const { return m_reason; }
  const HeaderFields& fields() const { return m_fields; }

  // True when at least one redirect was followed and every hop from the start was 301 or 308
  // (RFC 9110 §15.4.2, §15.4.9): the final URL is the feed's new address. One 302, 303 or 307
  // anywhere makes the whole move temporary.
  bool moved_permanently() const;

 private:
  void start_response(std::string_view status_line);
  void add_field(std::string_view name, std::string_view value);

  std::size_t m_max_bytes;
  std::size_t m_bytes = 0;  // of the current response
  std::vector<int> m_statuses;
  std::string m_reason;
  HeaderFields m_fields;
  std::string* m_last_field = nullptr;  // for obs-fold continuation lines
};

// Retry-After (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date turned into seconds from
// `now` (0 when the date has passed). nullopt when the value is neither.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, util::TimePoint now);

// The max-age directive of a Cache-Control value (RFC 9111 §5.2.2.1), quoted or not; nullopt
// when absent or malformed. Very large values are clamped rather than overflowing.
std::optional<std::chrono::seconds> parse_max_age(std::string_view cache_control);

// How long an Expires header (RFC 9111 §5.3) says the response stays fresh: Expires minus the
// response's Date (§4.2.1), or minus `now` when Date is absent or malformed. An invalid Expires
// ("0", "-1") or one in the past means already stale: 0. nullopt when `expires` is empty.
std::optional<std::chrono::seconds> parse_expires(std::string_view expires, std::string_view date,
                                                  util::TimePoint now);

}  // namespace orrery::fetch
