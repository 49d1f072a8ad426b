#pragma once
// Shared by the filters tests: fixtures and reading filter output.

#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "filters/outcome.h"
#include "support/temp_dir.h"

namespace orrery::test {

inline std::string filter_fixture(std::string_view name) {
  return slurp(data_path(std::string("filters/") + std::string(name)));
}

// Parses a filter's output; fails the test when it is not well-formed.
inline void load_output(pugi::xml_document& doc, const filters::Outcome& o) {
  ASSERT_EQ(o.kind, filters::Outcome::Kind::output) << o.reason;
  ASSERT_TRUE(doc.load_string(o.text.c_str(), pugi::parse_default | pugi::parse_ws_pcdata))
      << o.text;
}

}  // namespace orrery::test
