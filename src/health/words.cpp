#include "health/words.h"

#include <array>
#include <cctype>
#include <utility>

#include "util/strings.h"

namespace orrery::health {

namespace {

bool contains(std::string_view text, std::string_view part) {
  return util::to_lower(text).find(util::to_lower(part)) != std::string::npos;
}

// The leading decimal number of `text` ("30 s" → "30"), "" if none.
std::string leading_number(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
      break;
    }
    out.push_back(c);
  }
  return out;
}

// The number after `marker` in `error` ("timed out after 30 s", "after " → "30"), "" if none.
std::string number_after(std::string_view error, std::string_view marker) {
  std::size_t at = error.find(marker);
  return at == std::string_view::npos ? std::string()
                                      : leading_number(error.substr(at + marker.size()));
}

// "30 s" for the number after `marker`, "the time limit" when there is none.
std::string seconds_after(std::string_view error, std::string_view marker) {
  std::string n = number_after(error, marker);
  return n.empty() ? std::string("the time limit") : n + " s";
}

// A byte count as people read it: "16 MiB", "512 KiB", "100 bytes".
std::string byte_words(const std::string& digits) {
  if (digits.empty() || digits.size() > 15) {
    return "the limit";
  }
  const unsigned long long n = std::stoull(digits);
  if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) {
    return std::to_string(n / (1024 * 1024)) + " MiB";
  }
  if (n >= 1024 && n % 1024 == 0) {
    return std::to_string(n / 1024) + " KiB";
  }
  return digits + " bytes";
}

// A reason phrase worth repeating: the standard ones fetch/ writes ("Not Found", "I'm a
// teapot"); a server's own phrase only when it is made of letters and spaces.
bool plain_phrase(std::string_view phrase) {
  if (phrase.empty() || phrase.size() > 40) {
    return false;
  }
  for (char c : phrase) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u) == 0 && c != ' ' && c != '-' && c != '\'') {
      return false;
    }
  }
  return true;
}

// "HTTP 404 Not Found" (and what follows a ';') → "the server answers 404 Not Found".
std::string http_words(int status, std::string_view error) {
  std::string_view rest;
  if (util::istarts_with(error, "HTTP ")) {
    rest = error.substr(5);
    std::string code = leading_number(rest);
    if (!code.empty()) {
      status = std::stoi(code.substr(0, 3));
      rest = rest.substr(code.size());
    }
  }
  std::string_view phrase = util::trim(rest.substr(0, rest.find(';')));
  constexpr std::string_view k_no_location = " without a Location";
  const bool no_location = phrase.ends_with(k_no_location);
  if (no_location) {
    phrase.remove_suffix(k_no_location.size());
  }
  const bool without_validators = util::istarts_with(phrase, "Not Modified to a request");
  if (without_validators) {
    phrase = "Not Modified";
  }
  std::string words = "the server answers " + std::to_string(status);
  if (plain_phrase(phrase)) {
    words.append(" ").append(phrase);
  }
  if (status == 410) {
    words += ": the feed was removed for good";
  } else if (no_location) {
    words += " but names no new address";
  } else if (without_validators) {
    words += " to a request that asked for no cached copy";
  }
  return words;
}

std::string connect_words(std::string_view error) {
  if (contains(error, "refused")) {
    return "the server refuses connections";
  }
  if (contains(error, "unreachable") || contains(error, "no route")) {
    return "the server cannot be reached";
  }
  return "the connection to the server failed";
}

std::string tls_words(std::string_view error) {
  if (contains(error, "expired")) {
    return "the server's TLS certificate has expired";
  }
  if (contains(error, "subject name") || contains(error, "host name") ||
      contains(error, "hostname")) {
    return "the server's TLS certificate is for another name";
  }
  if (contains(error, "certificate")) {
    return "the server's TLS certificate is not trusted";
  }
  return "the secure connection (TLS) to the server failed";
}

std::string parse_words(std::string_view reason) {
  if (util::istarts_with(reason, "internal error")) {
    return "orrery could not read the document (an internal error)";
  }
  if (util::istarts_with(reason, "NotAFeed: root element <html")) {
    return "the address serves a web page, not a feed";
  }
  if (util::istarts_with(reason, "NotAFeed: JSON")) {
    return "the document is JSON but not a JSON Feed";
  }
  if (util::istarts_with(reason, "JSONDecodeError")) {
    return "the document is not a feed (it is not valid JSON)";
  }
  if (contains(reason, "no element found")) {
    return "the document is not a feed (it is empty or not XML)";
  }
  return "the document is not a feed";
}

// A rule: an error starting with `prefix` means `words`.
using Rule = std::pair<std::string_view, std::string_view>;
constexpr std::array<Rule, 12> k_fixed_rules = {{
    {"refused to connect to private address",
     "the address leads to a private network, which this planet does not fetch from"},
    {"cannot resolve host", "the address does not resolve (no such host name)"},
    {"body cut short", "the connection closed before the whole document arrived"},
    {"cannot decode body", "the server's compressed document cannot be decoded"},
    {"response headers larger than", "the server's response headers are larger than the limit"},
    {"write failed", "the download failed"},
    {"redirect to a disallowed scheme", "the server redirects to an address that is not http(s)"},
    {"invalid response", "the server's answer is not valid HTTP"},
    {"scheme not allowed", "the address is not an http or https URL"},
    {"receive failed", "the connection to the server broke off"},
    {"send failed", "the connection to the server broke off"},
    {"server closed the connection without a response",
     "the server closed the connection without answering"},
}};

}  // namespace

std::string failure_words(int status, std::string_view error) {
  error = util::trim(error);
  if (util::istarts_with(error, "fetch: ")) {
    error = error.substr(7);
  }
  if (util::istarts_with(error, "parse: ")) {
    return parse_words(util::trim(error.substr(7)));
  }
  if (util::istarts_with(error, "HTTP ") || (error.empty() && status >= 300)) {
    return http_words(status, error);
  }
  if (util::istarts_with(error, "timed out after")) {
    return "the server did not answer within " + seconds_after(error, "after ");
  }
  if (util::istarts_with(error, "connect timed out after")) {
    return "the server did not accept a connection within " + seconds_after(error, "after ");
  }
  if (util::istarts_with(error, "too slow")) {
    return "the server sent less than " + number_after(error, "less than ") + " bytes/s for " +
           seconds_after(error, " for ");
  }
  if (util::istarts_with(error, "abandoned at the cycle deadline")) {
    return "the download did not finish within the planet's time limit of " +
           seconds_after(error, " of ");
  }
  if (util::istarts_with(error, "body larger than")) {
    return "the document is larger than " + byte_words(number_after(error, "than "));
  }
  if (util::istarts_with(error, "more than") && contains(error, "redirects")) {
    return "the address redirects more than " + number_after(error, "more than ") + " times";
  }
  if (util::istarts_with(error, "connect failed")) {
    return connect_words(error);
  }
  if (util::istarts_with(error, "TLS failed")) {
    return tls_words(error);
  }
  if (util::istarts_with(error, "cannot set ") || util::istarts_with(error, "cannot start")) {
    return "orrery could not start the download (an internal error)";
  }
  for (const auto& [prefix, words] : k_fixed_rules) {
    if (util::istarts_with(error, prefix)) {
      return std::string(words);
    }
  }
  // libcurl's own text for file: URLs ("Couldn't open file /srv/x.xml") names a local path.
  if (contains(error, "file")) {
    return "the file cannot be read";
  }
  if (error.empty()) {
    return "";
  }
  return "the feed could not be fetched";
}

std::string recovery_words(std::string_view bozo_exception) {
  std::string_view e = util::trim(bozo_exception);
  if (e.empty()) {
    return "";
  }
  if (util::istarts_with(e, "SAXParseException")) {
    return "the document is not well-formed XML";
  }
  if (util::istarts_with(e, "CharacterEncodingOverride")) {
    return "the document's declared character encoding is wrong";
  }
  if (util::istarts_with(e, "CharacterEncodingUnknown")) {
    return "the document's character encoding is unknown";
  }
  if (util::istarts_with(e, "DocumentTooLarge")) {
    return "the document is too large: only its beginning was read";
  }
  if (util::istarts_with(e, "UndeclaredNamespace")) {
    return "the document uses an XML namespace prefix it does not declare";
  }
  if (util::istarts_with(e, "DepthLimitExceeded") || util::istarts_with(e, "EntryLimitExceeded")) {
    return "the document passes one of orrery's limits: only part of it was read";
  }
  return "the document is not well-formed";
}

}  // namespace orrery::health
