#include "fetch/transfer.h"

// Transfer's error messages: one line per failure, naming the bound or the reason.

#include <cstring>
#include <string_view>

#include "fetch/address_policy.h"
#include "fetch/http_status.h"
#include "util/strings.h"

namespace orrery::fetch {

namespace {

constexpr std::size_t k_max_url_in_error = 200;

// One printable line, cut to `limit` characters, for error messages.
std::string one_line(std::string_view text, std::size_t limit) {
  std::string out;
  for (char c : util::trim(text)) {
    if (out.size() == limit) {
      out += "...";
      break;
    }
    out.push_back(c >= 0x20 && c != 0x7f ? c : ' ');
  }
  return out;
}

std::string seconds_text(std::chrono::seconds s) { return std::to_string(s.count()) + " s"; }

}  // namespace

std::string Transfer::describe(CURLcode code) const {
  std::string reason = one_line(
      m_error_buffer[0] != '\0' ? std::string_view(m_error_buffer) : curl_easy_strerror(code),
      k_max_url_in_error);
  const std::size_t hops = m_headers.statuses().size();
  switch (code) {
    case CURLE_OUT_OF_MEMORY:
      // libcurl refuses a header line over 100 KiB this way (over our header bound too).
      if (hops == 0 || m_raw_bytes > 0) {
        return reason;
      }
      [[fallthrough]];
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
      if (m_body_too_large || code == CURLE_FILESIZE_EXCEEDED) {
        return "body larger than " + std::to_string(m_request.limits.max_body_bytes) + " bytes";
      }
      if (m_decoder && !m_decoder->error().empty()) {
        return "cannot decode body: " + m_decoder->error();
      }
      if (m_headers_too_large || code == CURLE_OUT_OF_MEMORY) {
        return "response headers larger than " + std::to_string(model::limits::k_max_header_bytes) +
               " bytes";
      }
      return "write failed: " + reason;
    case CURLE_COULDNT_CONNECT:
      if (!m_refused_address.empty()) {
        return describe_refusal();
      }
      return "connect failed: " + system_reason(reason);
    case CURLE_ABORTED_BY_CALLBACK:  // the pre-request check refused the URL's host
      return m_refused_address.empty() ? reason : describe_refusal();
    case CURLE_COULDNT_RESOLVE_HOST: {
      char* url = nullptr;
      curl_easy_getinfo(m_easy.get(), CURLINFO_EFFECTIVE_URL, &url);
      const auto origin = origin_of(url != nullptr ? url : m_request.url);
      return origin ? "cannot resolve host " + one_line(origin->host, k_max_url_in_error)
                    : "cannot resolve host: " + reason;
    }
    case CURLE_OPERATION_TIMEDOUT:
      return describe_timeout();
    case CURLE_TOO_MANY_REDIRECTS:
      return "more than " + std::to_string(m_request.limits.max_redirects) +
             " redirects (the last: " + last_status() + ")";
    case CURLE_UNSUPPORTED_PROTOCOL:
      return describe_unsupported(reason);
    case CURLE_PARTIAL_FILE:
      return describe_cut();
    case CURLE_RECV_ERROR:
      return "receive failed: " + system_reason(reason);
    case CURLE_SEND_ERROR:
      return "send failed: " + system_reason(reason);
    case CURLE_GOT_NOTHING:
      return "server closed the connection without a response";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
      return "TLS failed: " + reason;
    case CURLE_BAD_CONTENT_ENCODING:
      return "cannot decode body: " + reason;
    case CURLE_WEIRD_SERVER_REPLY:
      return "invalid response: " + reason;
    default:
      return reason;
  }
}

std::string Transfer::describe_refusal() const {
  const bool redirected = !m_headers.statuses().empty();
  return "refused to connect to private address " +
         one_line(m_refused_address, k_max_url_in_error) +
         (redirected ? " (redirected from " + one_line(m_request.url, k_max_url_in_error) + ")"
                     : "");
}

std::string Transfer::describe_unsupported(const std::string& reason) const {
  const int last = m_headers.final_status();
  if (last >= 300 && last < 400 && !m_headers.fields().location.empty()) {
    return "redirect to a disallowed scheme: " +
           one_line(m_headers.fields().location, k_max_url_in_error) + " (" + last_status() + ")";
  }
  const std::string& url = m_request.url;
  if (util::istarts_with(url, "http://") || util::istarts_with(url, "https://") ||
      (m_request.allow_file && util::istarts_with(url, "file:"))) {
    // The scheme was fine, so the response was not HTTP at all.
    return reason.find("HTTP/0.9") != std::string::npos
               ? "invalid response: HTTP/0.9 is not allowed"
               : "invalid response: " + reason;
  }
  return "scheme not allowed: " + one_line(url, k_max_url_in_error);
}

// libcurl saw the connection end before the body did: fewer bytes than Content-Length, or a
// chunked body without its last chunk.
std::string Transfer::describe_cut() const {
  curl_off_t expected = -1;
  curl_off_t received = 0;
  curl_easy_getinfo(m_easy.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected);
  curl_easy_getinfo(m_easy.get(), CURLINFO_SIZE_DOWNLOAD_T, &received);
  if (expected >= 0) {
    return "body cut short: " + std::to_string(received) + " of " + std::to_string(expected) +
           " bytes";
  }
  return "body cut short: chunked body ends before its last chunk, after " +
         std::to_string(received) + " bytes";
}

// libcurl completed the transfer; a compressed stream in it may still be unfinished.
std::string Transfer::body_unfinished() const {
  const std::string reason = m_decoder ? m_decoder->unfinished() : "";
  if (reason.empty()) {
    return "";
  }
  return "body cut short: " + reason + " after " + std::to_string(m_raw_bytes) + " bytes";
}

std::string Transfer::last_status() const {
  return http_status_error(m_headers.final_status(), m_headers.reason());
}

std::string Transfer::system_reason(const std::string& fallback) const {
  long os_errno = 0;
  curl_easy_getinfo(m_easy.get(), CURLINFO_OS_ERRNO, &os_errno);
  return os_errno != 0 ? std::string(std::strerror(static_cast<int>(os_errno))) : fallback;
}

std::string Transfer::describe_timeout() const {
  // libcurl reports all three bounds as CURLE_OPERATION_TIMEDOUT; its message tells which
  // (7.88: "Operation too slow. ...", "Failed to connect to H port P after N ms: Timeout was
  // reached", "Resolving timed out ...", "Operation timed out after ...").
  const model::FetchLimits& limits = m_request.limits;
  const std::string_view message(m_error_buffer);
  if (message.find("too slow") != std::string_view::npos) {
    return "too slow: less than " + std::to_string(limits.low_speed_bytes_per_second) +
           " bytes/s for " + seconds_text(limits.low_speed_time);
  }
  const bool connecting = util::istarts_with(message, "Failed to connect") ||
                          util::istarts_with(message, "Connection timed out") ||
                          util::istarts_with(message, "Resolving timed out");
  if (connecting && limits.connect_timeout < limits.total_timeout) {
    return "connect timed out after " + seconds_text(limits.connect_timeout);
  }
  return "timed out after " + seconds_text(limits.total_timeout);
}

}  // namespace orrery::fetch
