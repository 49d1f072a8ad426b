#include "filters/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <fmt/format.h>

#include "model/limits.h"

namespace orrery::filters {

namespace {

struct CodeDeleter {
  void operator()(pcre2_code* c) const { pcre2_code_free(c); }
};
struct MatchDataDeleter {
  void operator()(pcre2_match_data* d) const { pcre2_match_data_free(d); }
};
struct MatchContextDeleter {
  void operator()(pcre2_match_context* c) const { pcre2_match_context_free(c); }
};

using MatchContext = std::unique_ptr<pcre2_match_context, MatchContextDeleter>;

MatchContext limited_context() {
  MatchContext ctx(pcre2_match_context_create(nullptr));
  if (ctx) {
    pcre2_set_match_limit(ctx.get(), model::limits::k_max_filter_regex_match_steps);
  }
  return ctx;
}

std::string error_text(int code) {
  PCRE2_UCHAR buf[256];
  pcre2_get_error_message(code, buf, sizeof buf);
  return std::string(reinterpret_cast<const char*>(buf));
}

std::string match_error(int rc) {
  if (rc == PCRE2_ERROR_MATCHLIMIT) {
    return fmt::format("the pattern needs more than {} matching steps (the filter regex limit)",
                       model::limits::k_max_filter_regex_match_steps);
  }
  return error_text(rc);
}

}  // namespace

struct Regex::Code {
  std::unique_ptr<pcre2_code, CodeDeleter> code;
};

util::Result<Regex> Regex::compile(std::string_view pattern, bool dotall) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  uint32_t options = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | (dotall ? PCRE2_DOTALL : 0);
  pcre2_code* c = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                options, &error, &offset, nullptr);
  if (!c) {
    return util::unexpected(fmt::format("\"{}\": {} at offset {}", pattern, error_text(error),
                                        static_cast<std::size_t>(offset)));
  }
  auto code = std::make_shared<Code>();
  code->code.reset(c);
  return Regex(std::move(code));
}

util::Result<bool> Regex::search(std::string_view text) const {
  std::unique_ptr<pcre2_match_data, MatchDataDeleter> data(
      pcre2_match_data_create_from_pattern(m_code->code.get(), nullptr));
  MatchContext ctx = limited_context();
  int rc = pcre2_match(m_code->code.get(), reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(),
                       0, 0, data.get(), ctx.get());
  if (rc >= 0) {
    return true;
  }
  if (rc == PCRE2_ERROR_NOMATCH) {
    return false;
  }
  return util::unexpected(match_error(rc));
}

util::Result<std::string> Regex::replace_all(std::string_view text,
                                             std::string_view replacement) const {
  MatchContext ctx = limited_context();
  std::string out(text.size() + 64, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    PCRE2_SIZE length = out.size();
    int rc =
        pcre2_substitute(m_code->code.get(), reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(),
                         0, PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH, nullptr,
                         ctx.get(), reinterpret_cast<PCRE2_SPTR>(replacement.data()),
                         replacement.size(), reinterpret_cast<PCRE2_UCHAR*>(out.data()), &length);
    if (rc >= 0) {
      out.resize(length);
      return out;
    }
    if (rc != PCRE2_ERROR_NOMEMORY) {
      return util::unexpected(match_error(rc));
    }
    out.assign(length, '\0');  // the length it needs
  }
  return util::unexpected("substitution output did not fit");
}

}  // namespace orrery::filters
