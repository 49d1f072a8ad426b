#pragma once
// filters-internal: PCRE2 patterns with orrery's match limit (model/limits.h). PCRE2's syntax is
// close to Python's `re`, in which Venus operators wrote `filter` and `exclude`.

#include <memory>
#include <string>
#include <string_view>

#include "util/result.h"

namespace orrery::filters {

class Regex {
 public:
  // Compiles `pattern` (UTF-8, Python-like syntax). `dotall`: `.` matches a newline too.
  // Fails with PCRE2's message and the offset.
  static util::Result<Regex> compile(std::string_view pattern, bool dotall = false);

  // True when the pattern matches somewhere in `text` (Python's re.search). Fails when the
  // match limit (model::limits::k_max_filter_regex_match_steps) is reached.
  util::Result<bool> search(std::string_view text) const;

  // Every match replaced by `replacement`, where $1 names the first group. Fails like search.
  util::Result<std::string> replace_all(std::string_view text, std::string_view replacement) const;

 private:
  struct Code;
  explicit Regex(std::shared_ptr<const Code> code) : m_code(std::move(code)) {}
  std::shared_ptr<const Code> m_code;
};

}  // namespace orrery::filters
