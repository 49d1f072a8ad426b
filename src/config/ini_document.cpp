#include "config/ini_document.h"

#include <fmt/format.h>
#include <ini.h>

#include <algorithm>
#include <iterator>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>

#include "config/interpolate.h"
#include "model/limits.h"
#include "util/strings.h"

namespace orrery::config {

namespace {

constexpr std::string_view k_default_section = "DEFAULT";
constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
constexpr std::size_t k_max_quoted_bytes = 60;  // of a bad line, in its error message

// Debian's inih (r55) exposes its build options as globals. Its defaults cap a line at 200 bytes
// on a stack buffer; Venus configs have longer lines (feed URLs with queries, template lists), so
// switch once, for the whole process, to a heap buffer that grows to our own line limit. Only
// this file uses inih.
void configure_inih_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    ini_use_stack = false;
    ini_allow_realloc = true;
    ini_max_line = static_cast<int>(model::limits::k_max_config_line_bytes) + 3;  // \r \n \0
  });
}

enum class LineKind { blank_or_comment, section, key, continuation };

// State shared by the line reader and the value handler. inih reads one line, then calls the
// handler for it, so `line` and `kind` describe the line the handler is called for. inih's own
// section buffer truncates names at 50 bytes (feed URLs are longer) and never reports empty
// sections, so sections are recognised here and inih's section argument is ignored.
struct ParseState {
  std::string_view text;
  std::string_view display_name;
  int file = 0;  // index of this file in the document
  std::size_t pos = 0;
  bool at_line_start = true;
  int line = 0;
  LineKind kind = LineKind::blank_or_comment;
  bool after_key = false;  // an indented line continues the last key (inih's prev_name)
  std::string last_key;
  std::vector<IniSection> sections;  // as written: repeats and [DEFAULT] included
  std::optional<std::string> error;  // the first error; reading stops there

  void fail(std::string reason) {
    if (!error) {
      error = fmt::format("{}:{}: {}", display_name, line, reason);
    }
  }
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// True when `s` holds '=' or ':' before any inline comment (a ';' after whitespace), the rule
// inih splits keys by.
bool has_separator(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '=' || s[i] == ':') {
      return true;
    }
    if (s[i] == ';' && i > 0 && is_blank(s[i - 1])) {
      return false;
    }
  }
  return false;
}

// At most `max` bytes of `s` for a message, not cutting a UTF-8 sequence, "…" when shortened.
std::string excerpt(std::string_view s, std::size_t max) {
  if (s.size() <= max) {
    return std::string(s);
  }
  while (max > 0 && (static_cast<unsigned char>(s[max]) & 0xC0) == 0x80) {
    --max;
  }
  return std::string(s.substr(0, max)) + "…";
}

// Classifies one physical line (without its '\n') and records section headers.
void classify(ParseState& st, std::string_view line) {
  std::string_view stripped = util::trim(line);
  if (stripped.empty() || stripped.front() == '#' || stripped.front() == ';') {
    st.kind = LineKind::blank_or_comment;
    return;
  }
  bool indented = stripped.data() != line.data();
  if (indented && st.after_key) {
    st.kind = LineKind::continuation;
    return;
  }
  if (stripped.front() == '[') {
    st.kind = LineKind::section;
    st.after_key = false;
    std::size_t close = stripped.find(']');
    if (close == std::string_view::npos) {
      st.fail("section header has no closing \"]\"");
      return;
    }
    std::string_view name = util::trim(stripped.substr(1, close - 1));
    if (name.empty()) {
      st.fail("empty section name \"[]\"");
      return;
    }
    st.sections.push_back(IniSection{std::string(name), st.line, st.file, {}, {}});
    return;
  }
  st.kind = LineKind::key;
  st.after_key = true;
  if (st.sections.empty()) {
    st.fail("key before any [section]");
  } else if (!has_separator(stripped)) {
    st.fail(fmt::format("expected \"key = value\", a [section] or a comment, not \"{}\"",
                        excerpt(stripped, k_max_quoted_bytes)));
  }
}

// inih's fgets-style reader over `text`: copies at most num - 1 bytes of the current line.
// Checks each physical line once, when it starts; returning nullptr ends the parse.
char* read_line(char* out, int num, void* user) {
  auto& st = *static_cast<ParseState*>(user);
  if (st.error || st.pos >= st.text.size() || num < 2) {
    return nullptr;
  }
  std::size_t eol = st.text.find('\n', st.pos);
  std::size_t end = eol == std::string_view::npos ? st.text.size() : eol + 1;
  if (st.at_line_start) {
    ++st.line;
    std::string_view line = st.text.substr(st.pos, end - st.pos);
    if (!line.empty() && line.back() == '\n') {
      line.remove_suffix(1);
    }
    if (line.size() > model::limits::k_max_config_line_bytes) {
      st.fail(fmt::format("line is longer than {} bytes", model::limits::k_max_config_line_bytes));
    } else if (line.find('\0') != std::string_view::npos) {
      st.fail("contains a NUL byte");
    } else {
      classify(st, line);
    }
    if (st.error) {
      return nullptr;
    }
  }
  std::size_t n = std::min(end - st.pos, static_cast<std::size_t>(num - 1));
  std::memcpy(out, st.text.data() + st.pos, n);
  out[n] = '\0';
  st.pos += n;
  st.at_line_start = st.pos == end;
  return out;
}

int on_value(void* user, const char* /*section: truncated by inih*/, const char* name,
             const char* value) {
  auto& st = *static_cast<ParseState*>(user);
  if (st.error || st.sections.empty()) {
    return 0;
  }
  auto& values = st.sections.back().values;
  if (st.kind == LineKind::continuation) {
    IniValue& v = values[st.last_key];
    if (!v.value.empty()) {
      v.value += '\n';
    }
    v.value += value;
    return 1;
  }
  std::string key = util::to_lower(name);
  if (key.empty()) {
    st.fail("missing key before the \"=\" or \":\"");
    return 0;
  }
  std::string text = value;
  if (text == "\"\"") {
    text.clear();  // ConfigParser reads a bare "" as the empty string
  }
  st.last_key = key;
  values[key] = IniValue{std::move(text), st.line, st.file};
  return 1;
}

// Python 2's ConfigParser: a repeated section adds to the first; [DEFAULT]'s keys are inherited.
std::vector<IniSection> merge_sections(std::vector<IniSection> written) {
  std::vector<IniSection> merged;
  IniSection defaults;
  for (IniSection& s : written) {
    IniSection* into = s.name == k_default_section ? &defaults : nullptr;
    for (IniSection& m : merged) {
      if (!into && m.name == s.name) {
        into = &m;
      }
    }
    if (!into) {
      merged.push_back(std::move(s));
      continue;
    }
    if (into->file == s.file) {
      into->repeated_at.push_back(s.line);
    }
    for (auto& [key, value] : s.values) {
      into->values[key] = std::move(value);
    }
  }
  for (IniSection& s : merged) {
    s.values.insert(defaults.values.begin(), defaults.values.end());  // keeps existing keys
  }
  return merged;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

const IniSection* IniDocument::find(std::string_view name) const {
  for (const IniSection& s : sections) {
    if (s.name == name) {
      return &s;
    }
  }
  return nullptr;
}

const IniFile& IniDocument::file_of(int index) const {
  return files.at(static_cast<std::size_t>(index));
}

namespace {

// The sections of one file as written (repeats and [DEFAULT] included), each value marked with
// the file's index.
util::Result<std::vector<IniSection>> parse_sections(std::string_view text,
                                                     std::string_view display_name, int file) {
  configure_inih_once();
  if (text.substr(0, k_utf8_bom.size()) == k_utf8_bom) {
    text.remove_prefix(k_utf8_bom.size());
  }
  ParseState st;
  st.text = text;
  st.display_name = display_name;
  st.file = file;
  int rc = ini_parse_stream(read_line, &st, on_value, &st);
  if (st.error) {
    return util::unexpected(*st.error);
  }
  if (rc != 0) {  // inih found an error this reader did not anticipate
    return util::unexpected(rc > 0 ? fmt::format("{}:{}: cannot parse this line", display_name, rc)
                                   : fmt::format("{}: out of memory while parsing", display_name));
  }
  return std::move(st.sections);
}

util::Result<IniDocument> finish(IniDocument doc, std::vector<IniSection> written) {
  doc.sections = merge_sections(std::move(written));
  if (auto done = interpolate(doc); !done) {
    return util::unexpected(done.error().message);
  }
  return doc;
}

util::Result<std::string> read_text(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return util::unexpected(fmt::format("{}: cannot read: is a directory", name));
  }
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    return util::unexpected(fmt::format("{}: cannot read: not a regular file", name));
  }
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    return util::unexpected(fmt::format("{}: cannot read: {}", name, std::strerror(errno)));
  }
  std::string text;
  char buffer[64 * 1024];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) {
    if (text.size() + n > model::limits::k_max_config_bytes) {
      return util::unexpected(
          fmt::format("{}: larger than {} bytes", name, model::limits::k_max_config_bytes));
    }
    text.append(buffer, n);
  }
  if (std::ferror(file.get())) {
    return util::unexpected(fmt::format("{}: cannot read: {}", name, std::strerror(errno)));
  }
  return text;
}

std::filesystem::path directory_of(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::absolute(path, ec).parent_path().lexically_normal();
}

}  // namespace

util::Result<IniDocument> parse_ini(std::string_view text, std::string display_name) {
  auto written = parse_sections(text, display_name, 0);
  if (!written) {
    return util::unexpected(written.error().message);
  }
  IniDocument doc;
  doc.display_name = display_name;
  doc.files.push_back(IniFile{std::move(display_name), {}});
  return finish(std::move(doc), std::move(*written));
}

util::Result<IniDocument> read_ini_files(const std::vector<std::filesystem::path>& paths) {
  IniDocument doc;
  std::vector<IniSection> written;
  for (const std::filesystem::path& path : paths) {
    auto text = read_text(path);
    if (!text) {
      return util::unexpected(text.error().message);
    }
    int index = static_cast<int>(doc.files.size());
    auto sections = parse_sections(*text, path.string(), index);
    if (!sections) {
      return util::unexpected(sections.error().message);
    }
    doc.files.push_back(IniFile{path.string(), directory_of(path)});
    std::move(sections->begin(), sections->end(), std::back_inserter(written));
  }
  if (!doc.files.empty()) {
    doc.display_name = doc.files.front().display_name;
    doc.directory = doc.files.front().directory;
  }
  return finish(std::move(doc), std::move(written));
}

util::Result<IniDocument> read_ini_file(const std::filesystem::path& path) {
  return read_ini_files({path});
}

}  // namespace orrery::config
