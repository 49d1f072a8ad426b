#include "config/values.h"

#include <fmt/format.h>

#include <array>
#include <charconv>

#include "util/strings.h"
#include "util/url.h"

namespace orrery::config {

namespace {

struct LevelName {
  std::string_view written;
  std::string_view level;
};

// Python's logging level names, with the aliases logging itself accepts.
constexpr std::array<LevelName, 7> k_log_levels{{
    {"DEBUG", "DEBUG"},
    {"INFO", "INFO"},
    {"WARNING", "WARNING"},
    {"WARN", "WARNING"},
    {"ERROR", "ERROR"},
    {"CRITICAL", "CRITICAL"},
    {"FATAL", "CRITICAL"},
}};

bool is_pchar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return true;
  }
  return std::string_view("-._~!$&'()*+,;=:@/").find(static_cast<char>(c)) !=
         std::string_view::npos;
}

}  // namespace

std::string Setting::error(std::string_view reason) const {
  return fmt::format("{}:{}: {}: {}", file, line, key, reason);
}

util::Result<int> read_count(const Setting& s) {
  std::string_view text = util::trim(s.value);
  std::string_view digits = text;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
    digits.remove_prefix(1);
  }
  bool all_digits = !digits.empty();
  for (char c : digits) {
    all_digits = all_digits && c >= '0' && c <= '9';
  }
  if (!all_digits) {
    return util::unexpected(s.error(fmt::format("\"{}\" is not a number", s.value)));
  }
  if (text.front() == '-') {
    return util::unexpected(s.error(fmt::format("\"{}\" must not be negative", s.value)));
  }
  int n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    return util::unexpected(s.error(fmt::format("\"{}\" is too large", s.value)));
  }
  return n;
}

util::Result<std::chrono::seconds> read_seconds(const Setting& s) {
  auto n = read_count(s);
  if (!n) {
    return util::unexpected(n.error().message);
  }
  if (*n < 1) {
    return util::unexpected(s.error(fmt::format("\"{}\" must be at least 1 second", s.value)));
  }
  return std::chrono::seconds(*n);
}

util::Result<std::string> read_log_level(const Setting& s) {
  std::string_view text = util::trim(s.value);
  for (const LevelName& name : k_log_levels) {
    if (util::iequals(text, name.written)) {
      return std::string(name.level);
    }
  }
  return util::unexpected(s.error(
      fmt::format("\"{}\" is not a log level (DEBUG, INFO, WARNING, ERROR or CRITICAL)", s.value)));
}

util::Result<bool> read_bool(const Setting& s) {
  std::string v = util::to_lower(util::trim(s.value));
  if (v == "1" || v == "yes" || v == "true" || v == "on") {
    return true;
  }
  if (v == "0" || v == "no" || v == "false" || v == "off") {
    return false;
  }
  return util::unexpected(
      s.error(fmt::format("\"{}\" is not a boolean (yes, no, true, false, on, off, 1, 0)", s.value)));
}

util::Result<std::size_t> read_choice(const Setting& s,
                                      const std::vector<std::string_view>& choices) {
  std::string_view text = util::trim(s.value);
  std::string listed;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (util::iequals(text, choices[i])) {
      return i;
    }
    listed += fmt::format("{}{}", i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ",
                          choices[i].empty() ? "\"\"" : choices[i]);
  }
  return util::unexpected(s.error(fmt::format("\"{}\" is not {}", s.value, listed)));
}

util::Result<std::string> read_url(const Setting& s) {
  std::string url(util::trim(s.value));
  if (!url.empty() && !util::is_absolute_url(url)) {
    return util::unexpected(s.error(fmt::format("\"{}\" is not an absolute URL", s.value)));
  }
  return url;
}

std::filesystem::path read_path(const Setting& s) {
  std::filesystem::path p(std::string(util::trim(s.value)));
  if (p.is_relative()) {
    p = s.directory / p;
  }
  return p.lexically_normal();
}

std::string file_url(const std::filesystem::path& p) {
  std::string out = "file://";
  for (unsigned char c : p.generic_string()) {
    if (is_pchar(c)) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

}  // namespace orrery::config
