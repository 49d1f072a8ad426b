#include "fetch/response_headers.h"

#include <algorithm>

#include "fetch/http_date.h"
#include "util/strings.h"

namespace orrery::fetch {

namespace {

// Bigger delays than this mean nothing to a poller; clamping keeps the arithmetic safe.
constexpr std::int64_t k_max_delta_seconds = 10LL * 365 * 24 * 3600;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// delta-seconds = 1*DIGIT (RFC 9111 §1.2.2), clamped.
std::optional<std::chrono::seconds> delta_seconds(std::string_view s) {
  if (s.empty()) {
    return std::nullopt;
  }
  std::int64_t v = 0;
  for (char c : s) {
    if (!is_digit(c)) {
      return std::nullopt;
    }
    v = std::min<std::int64_t>(v * 10 + (c - '0'), k_max_delta_seconds);
  }
  return std::chrono::seconds(v);
}

}  // namespace

bool ResponseHeaders::add_line(std::string_view line) {
  if (line.size() >= 5 && line.substr(0, 5) == "HTTP/") {
    m_bytes = 0;
    start_response(line);
  }
  m_bytes += line.size();
  if (m_bytes > m_max_bytes) {
    return false;
  }
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  if (line.empty() || line.substr(0, 5) == "HTTP/") {
    return true;
  }
  if ((line.front() == ' ' || line.front() == '\t') && m_last_field != nullptr) {
    m_last_field->append(" ").append(util::trim(line));  // obs-fold (RFC 9112 §5.2)
    return true;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    m_last_field = nullptr;
    return true;
  }
  add_field(util::trim(line.substr(0, colon)), util::trim(line.substr(colon + 1)));
  return true;
}

void ResponseHeaders::start_response(std::string_view status_line) {
  // HTTP-version SP 3DIGIT [SP reason-phrase]; HTTP/2 and HTTP/3 send no reason phrase.
  const auto sp = status_line.find(' ');
  std::string_view rest = sp == std::string_view::npos ? "" : status_line.substr(sp + 1);
  int status = 0;
  if (rest.size() >= 3 && is_digit(rest[0]) && is_digit(rest[1]) && is_digit(rest[2])) {
    status = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
  }
  m_fields = HeaderFields{};
  m_last_field = nullptr;
  if (status >= 100 && status < 200) {
    return;  // interim response: the real status line follows
  }
  m_statuses.push_back(status);
  m_reason = std::string(util::trim(rest.size() > 3 ? rest.substr(3) : ""));
}

void ResponseHeaders::add_field(std::string_view name, std::string_view value) {
  struct Slot {
    std::string_view name;
    std::string HeaderFields::*field;
  };
  static constexpr Slot k_slots[] = {
      {"etag", &HeaderFields::etag},
      {"last-modified", &HeaderFields::last_modified},
      {"content-type", &HeaderFields::content_type},
      {"content-location", &HeaderFields::content_location},
      {"content-language", &HeaderFields::content_language},
      {"location", &HeaderFields::location},
      {"retry-after", &HeaderFields::retry_after},
      {"expires", &HeaderFields::expires},
      {"date", &HeaderFields::date},
  };
  // List-valued headers: every line joined with ", " (RFC 9110 §5.3).
  static constexpr Slot k_lists[] = {
      {"cache-control", &HeaderFields::cache_control},
      {"content-encoding", &HeaderFields::content_encoding},
  };
  m_last_field = nullptr;
  for (const auto& slot : k_lists) {
    if (util::iequals(name, slot.name)) {
      std::string& joined = m_fields.*slot.field;
      joined.append(joined.empty() ? "" : ", ").append(value);
      m_last_field = &joined;
      return;
    }
  }
  for (const auto& slot : k_slots) {
    if (util::iequals(name, slot.name)) {
      std::string& field = m_fields.*slot.field;
      if (field.empty()) {  // a repeated singleton header: the first one wins
        field = std::string(value);
        m_last_field = &field;
      }
      return;
    }
  }
}

bool ResponseHeaders::moved_permanently() const {
  if (m_statuses.size() < 2) {
    return false;
  }
  for (std::size_t i = 0; i + 1 < m_statuses.size(); ++i) {
    if (m_statuses[i] != 301 && m_statuses[i] != 308) {
      return false;
    }
  }
  return true;
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, util::TimePoint now) {
  value = util::trim(value);
  if (auto delta = delta_seconds(value)) {
    return delta;
  }
  auto date = parse_http_date(value);
  if (!date) {
    return std::nullopt;
  }
  if (*date <= now) {
    return std::chrono::seconds(0);
  }
  return std::min(*date - now, std::chrono::seconds(k_max_delta_seconds));
}

std::optional<std::chrono::seconds> parse_max_age(std::string_view cache_control) {
  std::string_view rest = cache_control;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view directive = util::trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
    const auto eq = directive.find('=');
    if (eq == std::string_view::npos ||
        !util::iequals(util::trim(directive.substr(0, eq)), "max-age")) {
      continue;
    }
    std::string_view arg = util::trim(directive.substr(eq + 1));
    if (arg.size() >= 2 && arg.front() == '"' && arg.back() == '"') {
      arg = arg.substr(1, arg.size() - 2);
    }
    return delta_seconds(arg);
  }
  return std::nullopt;
}

std::optional<std::chrono::seconds> parse_expires(std::string_view expires, std::string_view date,
                                                  util::TimePoint now) {
  expires = util::trim(expires);
  if (expires.empty()) {
    return std::nullopt;
  }
  const auto until = parse_http_date(expires);
  if (!until) {
    return std::chrono::seconds(0);
  }
  const util::TimePoint from = parse_http_date(util::trim(date)).value_or(now);
  if (*until <= from) {
    return std::chrono::seconds(0);
  }
  return std::min(std::chrono::duration_cast<std::chrono::seconds>(*until - from),
                  std::chrono::seconds(k_max_delta_seconds));
}

}  // namespace orrery::fetch
