#include "fetch/transfer.h"

#include <sys/socket.h>

#include <algorithm>
#include <new>
#include <optional>
#include <string_view>

#include "fetch/address_policy.h"
#include "fetch/http_status.h"
#include "util/strings.h"

namespace orrery::fetch {

namespace {

// What orrery can read, best first (feedparser sends a similar list).
constexpr const char* k_accept =
    "Accept: application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/feed+json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, "
    "application/json;q=0.5, text/html;q=0.3, */*;q=0.1";

// A validator goes back to the server as a header value: refuse anything that could split
// the request (a hostile server's stored ETag with CR LF in it).
bool is_safe_header_value(std::string_view value) {
  for (char c : value) {
    if ((c >= 0 && c < 0x20 && c != '\t') || c == 0x7f) {
      return false;
    }
  }
  return !value.empty();
}

}  // namespace

Transfer::Transfer(const model::FetchRequest& request, const FetcherOptions& options, CURLM* multi)
    : m_request(request),
      m_multi(multi),
      m_easy(curl_easy_init()),
      m_headers(model::limits::k_max_header_bytes) {
  if (!m_easy) {
    throw std::bad_alloc();
  }
  // libcurl reads a 0 timeout as "none": a zero or negative bound means the default instead.
  model::FetchLimits& limits = m_request.limits;
  if (limits.connect_timeout.count() <= 0) {
    limits.connect_timeout = model::limits::k_connect_timeout;
  }
  if (limits.total_timeout.count() <= 0) {
    limits.total_timeout = model::limits::k_feed_timeout;
  }
  limits.max_redirects = std::max(0, limits.max_redirects);
  configure_protocols(options);
  configure_limits();
  configure_callbacks();
  add_request_headers();
  set(CURLOPT_HTTPHEADER, m_request_headers.get(), "HTTPHEADER");
  set(CURLOPT_USERAGENT, options.user_agent.c_str(), "USERAGENT");
  if (!m_request.post_form.empty()) {  // libcurl sends it as application/x-www-form-urlencoded
    set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(m_request.post_form.size()),
        "POSTFIELDSIZE_LARGE");
    set(CURLOPT_POSTFIELDS, m_request.post_form.data(), "POSTFIELDS");
  }
}

Transfer::~Transfer() {
  if (m_added) {
    curl_multi_remove_handle(m_multi, m_easy.get());
  }
}

template <typename T>
void Transfer::set(CURLoption option, T value, const char* name) {
  const CURLcode rc = curl_easy_setopt(m_easy.get(), option, value);
  if (rc != CURLE_OK && m_setup_error.empty()) {
    m_setup_error = std::string("cannot set ") + name + ": " + curl_easy_strerror(rc);
  }
}

void Transfer::configure_protocols(const FetcherOptions& options) {
  set(CURLOPT_URL, m_request.url.c_str(), "URL");
  set(CURLOPT_NOSIGNAL, 1L, "NOSIGNAL");
  // file:// only for URLs from the config, and never as a redirect target.
  set(CURLOPT_PROTOCOLS_STR, m_request.allow_file ? "http,https,file" : "http,https",
      "PROTOCOLS_STR");
  set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https", "REDIR_PROTOCOLS_STR");
  set(CURLOPT_FOLLOWLOCATION, 1L, "FOLLOWLOCATION");
  set(CURLOPT_SSL_VERIFYPEER, 1L, "SSL_VERIFYPEER");
  set(CURLOPT_SSL_VERIFYHOST, 2L, "SSL_VERIFYHOST");
  if (!options.ca_bundle.empty()) {
    set(CURLOPT_CAINFO, options.ca_bundle.c_str(), "CAINFO");
  }
  set(CURLOPT_HTTP09_ALLOWED, 0L, "HTTP09_ALLOWED");
  set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS), "HTTP_VERSION");
  // No CURLOPT_PIPEWAIT: waiting for a connection that might multiplex serialises every feed
  // of a host whose HTTP/1.1 server closes connections (curl issue #15838); an HTTP/2
  // connection already open is still shared, and max_per_host bounds the rest.
  set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L, "SUPPRESS_CONNECT_HEADERS");
  // The codings BodyDecoder undoes, each checked for an unfinished stream; libcurl passes the
  // bytes through as sent (it would accept a cut gzip stream as a whole body).
  set(CURLOPT_ACCEPT_ENCODING, "gzip, deflate, br", "ACCEPT_ENCODING");
  set(CURLOPT_HTTP_CONTENT_DECODING, 0L, "HTTP_CONTENT_DECODING");
}

void Transfer::configure_limits() {
  const model::FetchLimits& limits = m_request.limits;
  auto ms = [](std::chrono::seconds value) {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(value).count());
  };
  set(CURLOPT_MAXREDIRS, static_cast<long>(limits.max_redirects), "MAXREDIRS");
  set(CURLOPT_CONNECTTIMEOUT_MS, ms(limits.connect_timeout), "CONNECTTIMEOUT_MS");
  set(CURLOPT_TIMEOUT_MS, ms(limits.total_timeout), "TIMEOUT_MS");
  set(CURLOPT_LOW_SPEED_LIMIT, limits.low_speed_bytes_per_second, "LOW_SPEED_LIMIT");
  set(CURLOPT_LOW_SPEED_TIME, static_cast<long>(limits.low_speed_time.count()), "LOW_SPEED_TIME");
  // An announced Content-Length over the cap stops the transfer before any body arrives; the
  // write callback enforces the cap on decoded bytes (chunked and compressed bodies).
  set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_body_bytes),
      "MAXFILESIZE_LARGE");
}

void Transfer::configure_callbacks() {
  set(CURLOPT_ERRORBUFFER, m_error_buffer, "ERRORBUFFER");
  set(CURLOPT_WRITEFUNCTION, &Transfer::on_write, "WRITEFUNCTION");
  set(CURLOPT_WRITEDATA, this, "WRITEDATA");
  set(CURLOPT_HEADERFUNCTION, &Transfer::on_header, "HEADERFUNCTION");
  set(CURLOPT_HEADERDATA, this, "HEADERDATA");
  set(CURLOPT_OPENSOCKETFUNCTION, &Transfer::on_open_socket, "OPENSOCKETFUNCTION");
  set(CURLOPT_OPENSOCKETDATA, this, "OPENSOCKETDATA");
  set(CURLOPT_PREREQFUNCTION, &Transfer::on_prerequest, "PREREQFUNCTION");
  set(CURLOPT_PREREQDATA, this, "PREREQDATA");
}

void Transfer::add_request_headers() {
  slist_append(m_request_headers, k_accept);
  // Conditional GET (RFC 9110 §13.1): send both validators when known; a server that checks
  // either answers 304 Not Modified.
  const model::HttpValidators& v = m_request.validators;
  if (is_safe_header_value(v.etag)) {
    slist_append(m_request_headers, ("If-None-Match: " + v.etag).c_str());
    m_sent_validators = true;
  }
  if (is_safe_header_value(v.last_modified)) {
    slist_append(m_request_headers, ("If-Modified-Since: " + v.last_modified).c_str());
    m_sent_validators = true;
  }
}

bool Transfer::start() {
  m_started = std::chrono::steady_clock::now();
  if (!m_setup_error.empty()) {
    return false;
  }
  const CURLMcode rc = curl_multi_add_handle(m_multi, m_easy.get());
  if (rc != CURLM_OK) {
    m_setup_error = std::string("cannot start transfer: ") + curl_multi_strerror(rc);
    return false;
  }
  m_added = true;
  return true;
}

// The callbacks run inside libcurl's C frames: no exception may leave them.

std::size_t Transfer::on_write(char* data, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
  const std::size_t n = size * count;
  try {
    return t->take_body(std::string_view(data, n)) ? n : 0;  // 0: CURLE_WRITE_ERROR
  } catch (const std::bad_alloc&) {
    return 0;
  }
}

bool Transfer::take_body(std::string_view raw) {
  // The cap bounds the bytes as sent too: a compressed stream that decodes to nothing must
  // not run on until the timeout.
  if (raw.size() > m_request.limits.max_body_bytes - m_raw_bytes) {
    m_body_too_large = true;
    return false;
  }
  m_raw_bytes += raw.size();
  // An error page is counted against the cap but neither decoded nor kept: nobody parses it.
  if (m_headers.final_status() >= 400) {
    return true;
  }
  // One decoder per response: a body libcurl passed on from a response it then left (a
  // redirect) is not part of the final one.
  const std::size_t response = m_headers.statuses().size();
  if (m_decoder && m_decoder_response != response) {
    m_decoder.reset();
    m_body.clear();
    m_body_bytes = 0;
  }
  if (!m_decoder) {
    m_decoder.emplace(m_headers.fields().content_encoding);
    m_decoder_response = response;
  }
  return m_decoder->feed(raw, [this](std::string_view decoded) { return keep(decoded); });
}

bool Transfer::keep(std::string_view decoded) {
  if (decoded.size() > m_request.limits.max_body_bytes - m_body_bytes) {
    m_body_too_large = true;
    return false;
  }
  m_body_bytes += decoded.size();
  m_body.append(decoded);
  return true;
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
  const std::size_t n = size * count;
  try {
    if (!t->m_headers.add_line(std::string_view(data, n))) {
      t->m_headers_too_large = true;
      return 0;
    }
  } catch (const std::bad_alloc&) {
    return 0;
  }
  return n;
}

curl_socket_t Transfer::on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(self);
  try {
    // The URL's host too: through a proxy the address is the proxy's, and for https the proxy
    // would open its tunnel to that host before the pre-request check below runs.
    if (purpose != CURLSOCKTYPE_IPCXN || !t->may_connect(&address->addr) || !t->may_request()) {
      return CURL_SOCKET_BAD;  // libcurl reports CURLE_COULDNT_CONNECT
    }
  } catch (const std::bad_alloc&) {
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

// libcurl runs this before every request it sends, the first and each redirect's, on a new
// connection or a reused one. Through a proxy the open-socket check above saw the proxy's
// address, so the host the URL names is checked here; without a proxy it repeats that check
// for literal hosts, which also covers a connection reused from a transfer that was allowed.
int Transfer::on_prerequest(void* self, char* /*primary_ip*/, char* /*local_ip*/,
                            int /*primary_port*/, int /*local_port*/) {
  auto* t = static_cast<Transfer*>(self);
  try {
    return t->may_request() ? CURL_PREREQFUNC_OK : CURL_PREREQFUNC_ABORT;
  } catch (const std::bad_alloc&) {
    return CURL_PREREQFUNC_ABORT;
  }
}

bool Transfer::may_connect(const sockaddr* address) {
  if (!is_private_address(address) || hop_may_reach_private_networks()) {
    return true;
  }
  m_refused_address = address_text(address);
  return false;
}

bool Transfer::may_request() {
  if (m_request.private_networks == model::PrivateNetworks::allow) {
    return true;
  }
  char* current = nullptr;
  curl_easy_getinfo(m_easy.get(), CURLINFO_EFFECTIVE_URL, &current);
  const auto target = current != nullptr ? origin_of(current) : std::nullopt;
  if (!target) {
    return true;  // no host to judge (file://): the open-socket check is all there is
  }
  // A name other than localhost is resolved by the proxy, out of reach (docs/config.md).
  auto refused = private_literal_host(target->host);
  if (!refused || hop_may_reach_private_networks()) {
    return true;
  }
  m_refused_address = std::move(*refused);
  return false;
}

// Always with `allow`; with trust_origin while the URL libcurl is on has the origin of the
// request's own URL (written in the config); never with refuse.
bool Transfer::hop_may_reach_private_networks() const {
  using model::PrivateNetworks;
  if (m_request.private_networks != PrivateNetworks::trust_origin) {
    return m_request.private_networks == PrivateNetworks::allow;
  }
  // During a redirect libcurl already reports the new URL as the effective one.
  char* current = nullptr;
  curl_easy_getinfo(m_easy.get(), CURLINFO_EFFECTIVE_URL, &current);
  const auto from = origin_of(m_request.url);
  return current != nullptr && from && from == origin_of(current);
}

model::FetchResult Transfer::base_result() {
  if (m_added) {
    curl_multi_remove_handle(m_multi, m_easy.get());
    m_added = false;
  }
  model::FetchResult result;
  result.feed_id = m_request.feed_id;
  result.url = m_request.url;
  result.final_url = m_request.url;
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - m_started);
  char* effective = nullptr;
  if (m_setup_error.empty() &&
      curl_easy_getinfo(m_easy.get(), CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK &&
      effective != nullptr) {
    result.final_url = effective;
  }
  fill_from_headers(result);
  return result;
}

model::FetchResult Transfer::abandon(std::string error) {
  model::FetchResult result = base_result();
  result.error = std::move(error);
  return result;
}

model::FetchResult Transfer::finish(CURLcode code) {
  model::FetchResult result = base_result();
  if (!m_setup_error.empty()) {
    result.error = m_setup_error;
  } else if (code != CURLE_OK) {
    result.error = describe(code);
    if (result.status >= 400) {  // the status is the first failure: name it
      result.error = http_status_error(result.status, m_headers.reason()) + "; " + result.error;
    }
  } else if (util::istarts_with(result.final_url, "file:")) {
    result.status = 200;
  } else if (result.status == 304 && !m_sent_validators) {
    // Nothing to be "not modified" from: the feed would silently stay empty.
    result.error = http_status_error(304, "") + " to a request without validators";
  } else if (result.status == 304) {
    result.not_modified = true;
    // RFC 9110 §15.4.5 wants the validators repeated on a 304; keep ours when a server omits one.
    if (result.validators.etag.empty()) {
      result.validators.etag = m_request.validators.etag;
    }
    if (result.validators.last_modified.empty()) {
      result.validators.last_modified = m_request.validators.last_modified;
    }
  } else if (result.status < 200 || result.status >= 300) {
    result.error = http_status_error(result.status, m_headers.reason());
    if (result.status >= 300 && result.status < 400 && m_headers.fields().location.empty()) {
      result.error += " without a Location";  // a redirect that names no target
    }
  } else if (std::string cut = body_unfinished(); !cut.empty()) {
    result.error = std::move(cut);
  }
  if (result.ok() && !result.not_modified) {
    result.body = std::move(m_body);
  }
  return result;
}

void Transfer::fill_from_headers(model::FetchResult& result) const {
  const HeaderFields& f = m_headers.fields();
  result.status = m_headers.final_status();
  result.moved_permanently = m_headers.moved_permanently();
  result.validators.etag = f.etag;
  result.validators.last_modified = f.last_modified;
  result.content_type = f.content_type;
  result.content_location = f.content_location;
  result.content_language = f.content_language;
  if (!f.retry_after.empty()) {
    result.retry_after = parse_retry_after(f.retry_after, util::now());
  }
  if (!f.cache_control.empty()) {
    result.max_age = parse_max_age(f.cache_control);
  }
  result.expires_in = parse_expires(f.expires, f.date, util::now());
}

}  // namespace orrery::fetch
