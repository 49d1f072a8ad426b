#pragma once
// FetchRequest / FetchResult: the boundary between schedule/app and fetch/.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "model/feed_state.h"
#include "model/limits.h"

namespace orrery::model {

struct FetchLimits {
  std::size_t max_body_bytes = limits::k_max_body_bytes;
  std::chrono::seconds connect_timeout = limits::k_connect_timeout;
  std::chrono::seconds total_timeout = limits::k_feed_timeout;
  int max_redirects = limits::k_max_redirects;
  long low_speed_bytes_per_second = limits::k_low_speed_bytes_per_second;
  std::chrono::seconds low_speed_time = limits::k_low_speed_time;
};

// Which connections to private networks (loopback, RFC 1918, link-local, CGNAT, ULA, and their
// IPv4-mapped forms), checked on the resolved address, a fetch may open.
enum class PrivateNetworks {
  allow,         // any (the config allows private networks)
  trust_origin,  // the request URL's own origin (scheme, host, port) only: a URL from the config
  refuse,        // none (a URL from a reading list)
};

struct FetchRequest {
  std::int64_t feed_id = 0;
  std::string url;
  HttpValidators validators;
  FetchLimits limits;
  // file:// is allowed only for URLs written in the config (never reached by redirect).
  bool allow_file = false;
  PrivateNetworks private_networks = PrivateNetworks::trust_origin;
  // Non-empty: POST this application/x-www-form-urlencoded body instead of a GET (a
  // PubSubHubbub ping).
  std::string post_form;
};

struct FetchResult {
  std::int64_t feed_id = 0;
  std::string url;                 // as requested
  std::string final_url;           // after redirects
  int status = 0;                  // final HTTP status; 200 for a file:// read; 0 when no response
  bool not_modified = false;       // 304
  bool moved_permanently = false;  // a 301/308 was followed: final_url is the new address
  HttpValidators validators;       // from the final response
  std::string content_type;        // full header value, "" if none
  std::string content_location;
  std::string content_language;
  std::optional<std::chrono::seconds> retry_after;
  std::optional<std::chrono::seconds> max_age;     // Cache-Control max-age
  std::optional<std::chrono::seconds> expires_in;  // Expires minus Date (0: already stale)
  std::string body;   // decoded (decompressed) bytes, at most limits.max_body_bytes
  std::string error;  // one line ("HTTP 410 Gone", "timed out after 30 s"); "" on success
  std::chrono::milliseconds elapsed{0};
  bool ok() const { return error.empty(); }
};

}  // namespace orrery::model
