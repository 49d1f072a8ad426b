#include "cli/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

#include "util/strings.h"

namespace orrery::cli {

namespace {

// Python's levelname: spdlog's level name in upper case ("WARNING", "CRITICAL").
class UpperLevel : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm& /*time*/,
              spdlog::memory_buf_t& dest) override {
    std::string name(spdlog::level::to_string_view(msg.level).data(),
                     spdlog::level::to_string_view(msg.level).size());
    for (char& c : name) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    // Padding as spdlog's own flags do it ("%-8*": text on the left).
    using Side = spdlog::details::padding_info::pad_side;
    std::size_t pad =
        padinfo_.enabled() && padinfo_.width_ > name.size() ? padinfo_.width_ - name.size() : 0;
    std::size_t before = padinfo_.side_ == Side::left     ? pad
                         : padinfo_.side_ == Side::center ? pad / 2
                                                          : 0;
    dest.append(std::string(before, ' '));
    dest.append(name);
    dest.append(std::string(pad - before, ' '));
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<UpperLevel>();
  }
};

constexpr char k_upper_level_flag = '*';

// syslog's priority for journald ("<3>" for an error), sd-daemon(3)'s prefix.
class SyslogPriority : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm& /*time*/,
              spdlog::memory_buf_t& dest) override {
    char priority = '6';
    switch (msg.level) {
      case spdlog::level::trace:
      case spdlog::level::debug:
        priority = '7';
        break;
      case spdlog::level::info:
        priority = '6';
        break;
      case spdlog::level::warn:
        priority = '4';
        break;
      case spdlog::level::err:
        priority = '3';
        break;
      case spdlog::level::critical:
        priority = '2';
        break;
      default:
        break;
    }
    const char text[] = {'<', priority, '>'};
    dest.append(text, text + sizeof text);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<SyslogPriority>();
  }
};

constexpr char k_priority_flag = '~';

struct PythonField {
  std::string_view name;
  std::string_view pattern;  // spdlog flags, without padding
};

// Python logging's LogRecord attributes orrery can fill (spdlog pattern flags).
constexpr PythonField k_fields[] = {
    {"levelname", "%*"}, {"name", "%n"},    {"message", "%v"}, {"asctime", "%Y-%m-%d %H:%M:%S,%e"},
    {"msecs", "%e"},     {"created", "%E"}, {"process", "%P"}, {"thread", "%t"},
};

int venus_level_index(const std::string& name) {
  std::string n = util::to_lower(name);
  if (n == "debug") return 0;
  if (n == "info") return 1;
  if (n == "error") return 3;
  if (n == "critical" || n == "fatal") return 4;
  return 2;  // WARNING, Venus's default
}

}  // namespace

bool stderr_is_journal(const char* journal_stream) {
  if (journal_stream == nullptr || *journal_stream == '\0') {
    return false;
  }
  struct stat st {};
  if (::fstat(STDERR_FILENO, &st) != 0) {
    return false;
  }
  std::string expected = std::to_string(static_cast<unsigned long long>(st.st_dev)) + ":" +
                         std::to_string(static_cast<unsigned long long>(st.st_ino));
  return expected == journal_stream;
}

std::string spdlog_pattern(std::string_view format, std::string& unsupported) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      out += format[i];
      continue;
    }
    if (format.substr(i, 2) == "%%") {
      out += "%%";
      ++i;
      continue;
    }
    std::size_t close = format.find(')', i);
    if (format.substr(i, 2) != "%(" || close == std::string_view::npos) {
      unsupported = std::string(format.substr(i, 2));
      return "";
    }
    std::string_view name = format.substr(i + 2, close - i - 2);
    std::size_t spec = close + 1;  // [-]width, then the conversion letter
    std::size_t end = spec;
    while (end < format.size() &&
           (format[end] == '-' || std::isdigit(static_cast<unsigned char>(format[end])))) {
      ++end;
    }
    const PythonField* field = nullptr;
    for (const PythonField& f : k_fields) {
      field = f.name == name ? &f : field;
    }
    if (end >= format.size() ||
        std::string_view("sdfi").find(format[end]) == std::string_view::npos || !field) {
      unsupported = std::string(format.substr(i, std::min(end + 1, format.size()) - i));
      return "";
    }
    std::string_view width = format.substr(spec, end - spec);
    // Python right-justifies by default and "-" left-justifies; spdlog's "%8x" pads on the left
    // and "%-8x" on the right. Padding applies to single-flag fields only.
    std::string flags(field->pattern);
    if (!width.empty() && flags.size() == 2) {
      flags = "%" + std::string(width) + flags.substr(1);
    }
    out += flags;
    i = end;
  }
  return out;
}

void setup_logging(const std::string& venus_level, Verbosity verbosity,
                   const std::string& log_format) {
  static const spdlog::level::level_enum k_levels[] = {spdlog::level::debug, spdlog::level::info,
                                                       spdlog::level::warn, spdlog::level::err,
                                                       spdlog::level::critical};
  int index = venus_level_index(venus_level) - verbosity.verbose + (verbosity.quiet ? 1 : 0);
  index = std::clamp(index, 0, 4);
  spdlog::drop("orrery");  // set up again once the config is read
  auto logger = spdlog::stderr_logger_mt("orrery");
  std::string unsupported;
  std::string pattern = log_format.empty() ? "%l: %v" : spdlog_pattern(log_format, unsupported);
  if (pattern.empty()) {
    pattern = "%l: %v";
  }
  if (stderr_is_journal(std::getenv("JOURNAL_STREAM"))) {
    // Under systemd, stderr goes to the journal: each line carries its syslog priority.
    pattern = std::string("%") + k_priority_flag + pattern;
  } else if (::isatty(STDERR_FILENO) == 1) {
    // On a terminal a progress line may be showing: each message first clears it.
    pattern = "\r\033[K" + pattern;
  }
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<UpperLevel>(k_upper_level_flag)
      .add_flag<SyslogPriority>(k_priority_flag)
      .set_pattern(pattern);
  logger->set_formatter(std::move(formatter));
  logger->set_level(k_levels[index]);
  spdlog::set_default_logger(logger);
  if (!unsupported.empty()) {
    spdlog::warn("log_format: {} is not a field orrery can write; its own format is used",
                 unsupported);
  }
}

}  // namespace orrery::cli
