#pragma once
// Shared helpers of the parse tests.

#include <string>
#include <string_view>

#include "parse/parse.h"
#include "support/temp_dir.h"

namespace orrery::parse::test {

inline model::ParsedFeed parse_text(std::string_view text, const ParseHints& hints = {}) {
  return parse_document(text, hints);
}

// Parses tests/data/parse/<name>.
inline model::ParsedFeed parse_fixture(std::string_view name, const ParseHints& hints = {}) {
  return parse_document(orrery::test::slurp(orrery::test::data_path("parse/" + std::string(name))),
                        hints);
}

}  // namespace orrery::parse::test
