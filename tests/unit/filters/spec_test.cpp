#include "filters/spec.h"

#include <gtest/gtest.h>

namespace orrery::filters {
namespace {

TEST(FilterSpec, PlainNameHasNoOptions) {
  FilterSpec s = parse_spec("stripAd/yahoo.sed");
  EXPECT_EQ(s.name, "stripAd/yahoo.sed");
  EXPECT_TRUE(s.query.empty());
  EXPECT_EQ(s.written, "stripAd/yahoo.sed");
}

TEST(FilterSpec, QueryOptionsAreDecodedAsPythonParseQsl) {
  FilterSpec s = parse_spec(
      "xpath_sifter.py?require=//atom%3Acategory%5B%40term%3D%27two%27%5D"
      "&note=a+b;width=300");
  EXPECT_EQ(s.name, "xpath_sifter.py");
  EXPECT_EQ(s.query.at("require"), "//atom:category[@term='two']");
  EXPECT_EQ(s.query.at("note"), "a b");
  EXPECT_EQ(s.query.at("width"), "300");
}

TEST(FilterSpec, PairsWithoutValueAreIgnored) {
  FilterSpec s = parse_spec("excerpt.py?omit=&flag&width=10");
  EXPECT_EQ(s.query.size(), 1u);
  EXPECT_EQ(s.query.at("width"), "10");
}

TEST(FilterSpec, MalformedEscapeStaysAsWritten) { EXPECT_EQ(unquote_plus("100%zz%4"), "100%zz%4"); }

TEST(FilterSpec, TeeSplitsOnlyWhereAllowed) {
  FilterSpec tee = parse_spec("xhtml2html.plugin?quote_char=x>index.html4", TeeSyntax::allowed);
  EXPECT_EQ(tee.name, "xhtml2html.plugin");
  EXPECT_EQ(tee.query.at("quote_char"), "x");
  EXPECT_EQ(tee.tee, "index.html4");
  FilterSpec entry = parse_spec("a.sed>b");
  EXPECT_EQ(entry.name, "a.sed>b");
  EXPECT_TRUE(entry.tee.empty());
}

}  // namespace
}  // namespace orrery::filters
