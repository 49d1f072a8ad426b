#include "sanitise/css.h"

#include <gtest/gtest.h>

namespace orrery::sanitise::detail {
namespace {

struct StyleCase {
  const char* input;
  const char* expected;
};

std::string html_style(std::string_view style) { return sanitise_style(style, StyleContext::html); }

TEST(SanitiseStyle, KeepsAcceptablePropertiesRewrittenAsPropColonValue) {
  const StyleCase cases[] = {
      {"color:red", "color: red;"},
      {"font-family : Comic Sans MS;", "font-family: Comic Sans MS;"},
      {"FONT-WEIGHT: bold", "FONT-WEIGHT: bold;"},  // as written, as feedparser keeps it
      {"white-space: top;", "white-space: top;"},
      {"width: 300px; height: 100px", "width: 300px; height: 100px;"},
      {"font-family: 'Times New Roman', serif", "font-family: 'Times New Roman', serif;"},
  };
  for (const StyleCase& c : cases) {
    EXPECT_EQ(html_style(c.input), c.expected) << c.input;
  }
}

TEST(SanitiseStyle, DropsPropertiesOutsideTheAllowList) {
  EXPECT_EQ(html_style("position: absolute; z-index: 1; color: blue"), "color: blue;");
  EXPECT_EQ(html_style("mso-spacerun: yes;"), "");
  EXPECT_EQ(html_style("behavior: bold"), "");
}

TEST(SanitiseStyle, KeepsShorthandFamiliesOnlyWithKnownKeywordsAndSizes) {
  const StyleCase cases[] = {
      {"border: solid 2px #000000;", "border: solid 2px #000000;"},
      {"margin: 0 15px 0 0", "margin: 0 15px 0 0;"},
      {"padding-right: 0in", "padding-right: 0in;"},
      {"background-x: center", "background-x: center;"},
      {"border-bottom: dashed", "border-bottom: dashed;"},
      {"border-color: rgb(0,0,0)", "border-color: rgb(0,0,0);"},
      {"background-repeat: repeat", ""},
      {"margin: 100000px", ""},
      {"border: groove", ""},
  };
  for (const StyleCase& c : cases) {
    EXPECT_EQ(html_style(c.input), c.expected) << c.input;
  }
}

TEST(SanitiseStyle, RemovesUrlTokensButKeepsTheOtherDeclarations) {
  EXPECT_EQ(html_style("background-image:url(http://x.example/a.png); color: red"), "color: red;");
  EXPECT_EQ(html_style("background: URL( http://x.example/a.png ) red"), "background: red;");
  EXPECT_EQ(html_style("background: url('javascript:alert(1)') red"), "");  // ')' inside
}

TEST(SanitiseStyle, DropsEverythingWhenAnyPartIsOutsideTheGauntlet) {
  const char* hostile[] = {
      "width: expression(alert(1))",
      "color: red; width: expression(alert(1))",
      "color: red; background: url(http://x",  // unclosed url(
      "color: re\\64",                         // CSS escape
      "color: red /* comment */",
      "color: \"red",  // unbalanced quote
      "-moz-binding: foo",
      "color: red; x: y: z",  // not a declaration list
      "color: red<",
      "font-family: \"a;b\"",
  };
  for (const char* style : hostile) {
    EXPECT_EQ(html_style(style), "") << style;
  }
}

TEST(SanitiseStyle, AllowsFillAndStrokeOnlyInSvg) {
  EXPECT_EQ(html_style("fill: red"), "");
  EXPECT_EQ(sanitise_style("fill: red; stroke-width: 2", StyleContext::svg),
            "fill: red; stroke-width: 2;");
}

TEST(SanitiseStyle, SkipsEmptyValuesAndEmptyDeclarations) {
  // An empty value is skipped; a `;` that ends no declaration is not feedparser's declaration
  // list, and the whole attribute goes.
  EXPECT_EQ(html_style("color: ;font-style: italic"), "font-style: italic;");
  EXPECT_EQ(html_style("color: red;  "), "color: red;");
  EXPECT_EQ(html_style("color: ; ; font-style: italic;;"), "");
  EXPECT_EQ(html_style("color: red;;"), "");
  EXPECT_EQ(html_style("; color: red"), "");
  EXPECT_EQ(html_style("color: red; ;"), "");
}

// Checked against feedparser's sanitize_style: the property keeps its case, keywords are
// matched as written (`AUTO` is not `auto`).
TEST(SanitiseStyle, PropertyNamesKeepTheirCase) {
  EXPECT_EQ(html_style("COLOR: Red; Font-Weight: BOLD"), "COLOR: Red; Font-Weight: BOLD;");
  EXPECT_EQ(html_style("Background-Color: #fff"), "Background-Color: #fff;");
  EXPECT_EQ(html_style("MARGIN: 0 AUTO"), "");
  EXPECT_EQ(html_style("color: red; FILL: blue"), "color: red;");
}

TEST(SanitiseStyle, KeepsFontNamesInOtherScripts) {
  EXPECT_EQ(html_style("font-family: 'ＭＳ Ｐゴシック'"), "font-family: 'ＭＳ Ｐゴシック';");
}

}  // namespace
}  // namespace orrery::sanitise::detail
