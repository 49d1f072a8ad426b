#include "render/htmltmpl/template.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "model/limits.h"
#include "support/temp_dir.h"

namespace orrery::render::htmltmpl {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Renders `source` (parsed as "t.tmpl") against `context`; a parse error fails the test.
std::string render(std::string_view source, const Context& context = {}) {
  util::Result<Template> t = Template::parse(source, "t.tmpl", {});
  if (!t) {
    ADD_FAILURE() << t.error().message;
    return {};
  }
  return t->render(context);
}

std::string parse_error(std::string_view source) {
  util::Result<Template> t = Template::parse(source, "t.tmpl", {});
  if (t) {
    ADD_FAILURE() << "parsed without error: " << source;
    return {};
  }
  return t.error().message;
}

Context rows(std::vector<std::string> names) {
  std::vector<Context> loop;
  for (std::string& n : names) {
    Context row;
    row.set_text("n", std::move(n));
    loop.push_back(std::move(row));
  }
  Context c;
  c.set_loop("Rows", std::move(loop));
  return c;
}

TEST(Htmltmpl, TextWithoutStatementsIsCopied) {
  EXPECT_EQ(render("<p>plain & simple</p>\n"), "<p>plain & simple</p>\n");
}

TEST(Htmltmpl, VarSubstitutesTheValue) {
  Context c;
  c.set_text("name", "Planet X");
  EXPECT_EQ(render("<h1><TMPL_VAR name></h1>", c), "<h1>Planet X</h1>");
}

TEST(Htmltmpl, VarAcceptsNameAttributeQuotedOrNot) {
  Context c;
  c.set_text("name", "X");
  EXPECT_EQ(render("<TMPL_VAR NAME=\"name\">|<TMPL_VAR NAME=name>|<TMPL_VAR name='name'>", c),
            "X|X|X");
}

TEST(Htmltmpl, StatementNamesAreCaseInsensitive) {
  Context c;
  c.set_text("name", "X");
  EXPECT_EQ(render("<tmpl_var name>|<Tmpl_If name>yes</tmpl_if>", c), "X|yes");
}

TEST(Htmltmpl, CommentFormOfStatementsWorks) {
  Context c;
  c.set_text("name", "X");
  EXPECT_EQ(render("<!-- TMPL_IF name --><!-- TMPL_VAR name --><!-- /TMPL_IF -->", c), "X");
}

TEST(Htmltmpl, MissingVarIsEmpty) { EXPECT_EQ(render("[<TMPL_VAR nothing>]"), "[]"); }

TEST(Htmltmpl, TextValuesAreEscapedByDefault) {
  Context c;
  c.set_text("title", "<script>alert('x')</script> & \"q\"");
  EXPECT_EQ(render("<TMPL_VAR title>", c),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
}

TEST(Htmltmpl, TextValuesStayEscapedWithEscapeNone) {
  Context c;
  c.set_text("title", "<script>");
  EXPECT_EQ(render("<TMPL_VAR title ESCAPE=\"NONE\">", c), "&lt;script&gt;");
}

TEST(Htmltmpl, TextValuesAreEscapedOnceWithEscapeHtml) {
  Context c;
  c.set_text("author", "Tom & Jerry");
  EXPECT_EQ(render("<TMPL_VAR author ESCAPE=\"HTML\">", c), "Tom &amp; Jerry");
}

TEST(Htmltmpl, HtmlValuesPassVerbatimByDefault) {
  Context c;
  c.set_html("content", "<p>Hello <em>world</em></p>");
  EXPECT_EQ(render("<TMPL_VAR content>", c), "<p>Hello <em>world</em></p>");
}

TEST(Htmltmpl, HtmlValuesAreEscapedWithEscapeHtml) {
  Context c;
  c.set_html("content", "<p>a&amp;b</p>");
  EXPECT_EQ(render("<TMPL_VAR content ESCAPE=HTML>", c), "&lt;p&gt;a&amp;amp;b&lt;/p&gt;");
}

TEST(Htmltmpl, EscapeUrlQuotesLikePythonQuotePlus) {
  Context c;
  c.set_text("q", "a b/c?d=é");
  EXPECT_EQ(render("<TMPL_VAR q ESCAPE=\"URL\">", c), "a+b%2Fc%3Fd%3D%C3%A9");
}

TEST(Htmltmpl, NumbersAndFlagsRenderAsDigits) {
  Context c;
  c.set_number("count", 42);
  c.set_flag("on", true);
  EXPECT_EQ(render("<TMPL_VAR count>/<TMPL_VAR on>", c), "42/1");
}

TEST(Htmltmpl, IfRendersItsBodyWhenTrue) {
  Context c;
  c.set_text("x", "1");
  EXPECT_EQ(render("<TMPL_IF x>yes<TMPL_ELSE>no</TMPL_IF>", c), "yes");
}

TEST(Htmltmpl, IfRendersElseWhenFalseOrMissing) {
  Context c;
  c.set_text("empty", "");
  EXPECT_EQ(render("<TMPL_IF empty>yes<TMPL_ELSE>no</TMPL_IF>", c), "no");
  EXPECT_EQ(render("<TMPL_IF missing>yes<TMPL_ELSE>no</TMPL_IF>", c), "no");
}

TEST(Htmltmpl, IfOnALoopTestsForPasses) {
  EXPECT_EQ(render("<TMPL_IF Rows>some</TMPL_IF>", rows({"a"})), "some");
  EXPECT_EQ(render("<TMPL_IF Rows>some<TMPL_ELSE>none</TMPL_IF>", rows({})), "none");
}

TEST(Htmltmpl, UnlessIsTheInverseOfIf) {
  Context c;
  c.set_flag("off", false);
  EXPECT_EQ(render("<TMPL_UNLESS off>shown<TMPL_ELSE>hidden</TMPL_UNLESS>", c), "shown");
}

TEST(Htmltmpl, LoopRepeatsItsBodyPerRow) {
  EXPECT_EQ(render("<TMPL_LOOP Rows>[<TMPL_VAR n>]</TMPL_LOOP>", rows({"a", "b", "c"})),
            "[a][b][c]");
}

TEST(Htmltmpl, LoopRowsSeeOnlyTheirOwnNames) {
  // Venus runs htmltmpl with global lookup off: a planet-wide name is empty inside Items.
  Context c = rows({"a", "b"});
  c.set_text("name", "P");
  c.set_text("n", "outer");
  EXPECT_EQ(render("<TMPL_LOOP Rows>[<TMPL_VAR name>]<TMPL_IF name>!</TMPL_IF>:<TMPL_VAR n> "
                   "</TMPL_LOOP>",
                   c),
            "[]:a []:b ");
}

TEST(Htmltmpl, GlobalOneReadsTheEnclosingScopes) {
  Context c = rows({"a", "b"});
  c.set_text("name", "P");
  c.set_text("n", "outer");
  EXPECT_EQ(render("<TMPL_LOOP Rows><TMPL_VAR name GLOBAL=\"1\">"
                   "<TMPL_IF name GLOBAL=\"1\">+</TMPL_IF>"
                   "<TMPL_UNLESS name GLOBAL=\"1\">-</TMPL_UNLESS>:<TMPL_VAR n GLOBAL=\"1\"> "
                   "</TMPL_LOOP>",
                   c),
            "P+:a P+:b ");
}

TEST(Htmltmpl, GlobalZeroKeepsTheLookupLocal) {
  Context c = rows({"a"});
  c.set_text("name", "P");
  EXPECT_EQ(render("<TMPL_LOOP Rows>[<TMPL_VAR name GLOBAL=\"0\">]</TMPL_LOOP>", c), "[]");
}

TEST(Htmltmpl, GlobalTakesTheNearestEnclosingValue) {
  Context inner;
  inner.set_text("leaf", "x");
  Context outer;
  outer.set_text("n", "row");
  outer.set_loop("Inner", {inner});
  Context c;
  c.set_text("n", "top");
  c.set_loop("Outer", {outer});
  EXPECT_EQ(render("<TMPL_LOOP Outer><TMPL_LOOP Inner><TMPL_VAR n GLOBAL=\"1\">"
                   "</TMPL_LOOP></TMPL_LOOP>",
                   c),
            "row");
}

TEST(Htmltmpl, LoopsAreFoundOnlyInTheCurrentScope) {
  // htmltmpl looks a loop up in the current pass only, GLOBAL or not.
  Context c = rows({"a", "b"});
  Context other;
  other.set_text("n", "o");
  c.set_loop("Other", {other});
  EXPECT_EQ(render("<TMPL_LOOP Rows>[<TMPL_LOOP Other><TMPL_VAR n></TMPL_LOOP>"
                   "<TMPL_VAR Other GLOBAL=\"1\">]</TMPL_LOOP>",
                   c),
            "[0][0]");
}

TEST(Htmltmpl, NestedLoopsSeeOnlyTheirOwnRows) {
  Context inner;
  inner.set_text("leaf", "x");
  Context outer;
  outer.set_text("n", "o");
  outer.set_loop("Inner", {inner, inner});
  Context c;
  c.set_loop("Outer", {outer});
  EXPECT_EQ(render("<TMPL_LOOP Outer><TMPL_VAR n><TMPL_LOOP Inner>[<TMPL_VAR n><TMPL_VAR leaf>]"
                   "</TMPL_LOOP></TMPL_LOOP>",
                   c),
            "o[x][x]");
}

TEST(Htmltmpl, LoopNamePrintsItsNumberOfPasses) {
  EXPECT_EQ(render("<TMPL_VAR Rows>", rows({"a", "b", "c"})), "3");
}

TEST(Htmltmpl, MissingCapitalisedNameIsZero) {
  // htmltmpl takes a capitalised name for a loop and prints its passes.
  EXPECT_EQ(render("[<TMPL_VAR Nothing>][<TMPL_VAR nothing>]<TMPL_IF Nothing>!</TMPL_IF>"),
            "[0][]");
}

TEST(Htmltmpl, MagicLoopVariablesDescribeThePass) {
  std::string out = render(
      "<TMPL_LOOP Rows><TMPL_VAR __PASS__>/<TMPL_VAR __PASSTOTAL__>"
      "<TMPL_IF __FIRST__>F</TMPL_IF><TMPL_IF __LAST__>L</TMPL_IF>"
      "<TMPL_IF __INNER__>I</TMPL_IF><TMPL_IF __ODD__>O</TMPL_IF> </TMPL_LOOP>",
      rows({"a", "b", "c"}));
  EXPECT_EQ(out, "1/3FO 2/3I 3/3LO ");
}

TEST(Htmltmpl, MagicEveryIsTrueOnInnerMultiples) {
  EXPECT_EQ(render("<TMPL_LOOP Rows><TMPL_IF __EVERY__2>|</TMPL_IF><TMPL_VAR n></TMPL_LOOP>",
                   rows({"a", "b", "c", "d", "e"})),
            "a|bc|de");
}

TEST(Htmltmpl, MagicVariablesOutsideLoopsAreEmpty) {
  EXPECT_EQ(render("[<TMPL_VAR __FIRST__>]"), "[]");
}

TEST(Htmltmpl, CommentLinesLeaveTheirNewline) {
  // htmltmpl removes `### .*`, never the newline: a comment line becomes an empty line.
  EXPECT_EQ(render("a\n### a comment line\n   ### indented comment\nb\n"), "a\n\n   \nb\n");
}

TEST(Htmltmpl, CommentAfterTextCutsTheRestOfTheLine) {
  EXPECT_EQ(render("a ### note\nb"), "a \nb");
}

TEST(Htmltmpl, HashesWithoutASpaceAreNotAComment) {
  EXPECT_EQ(render("<a href=\"#top\">###x</a>"), "<a href=\"#top\">###x</a>");
  EXPECT_EQ(render("a ###\n###\tb\n"), "a ###\n###\tb\n");
}

TEST(Htmltmpl, CommentBeforeAStatementKeepsTheStatementRules) {
  // The comment goes first; the statement then starts its line and eats the newline after it.
  Context c;
  c.set_text("x", "1");
  EXPECT_EQ(render("### c\n<TMPL_IF x>\nyes\n</TMPL_IF>\n", c), "\nyes\n");
}

TEST(Htmltmpl, StatementEatsLeadingBlanksAndTrailingNewline) {
  Context c;
  c.set_text("x", "1");
  EXPECT_EQ(render("<ul>\n  <TMPL_IF x>\n  <li>one</li>\n  </TMPL_IF>\n</ul>\n", c),
            "<ul>\n  <li>one</li>\n</ul>\n");
}

TEST(Htmltmpl, CrLfTemplatesLoseTheWholeLineBreakAfterAStatement) {
  Context c;
  c.set_text("x", "1");
  EXPECT_EQ(
      render("<ul>\r\n### comment\r\n  <TMPL_IF x>\r\n<li>one</li>\r\n</TMPL_IF>\r\n</ul>\r\n", c),
      // `### .*` takes the comment line's CR along and leaves its LF, as in htmltmpl.
      "<ul>\r\n\n<li>one</li>\r\n</ul>\r\n");
}

TEST(Htmltmpl, IncludeSplicesTheFileFromTheTemplateDirectory) {
  test::TempDir dir;
  dir.write("header.tmpl", "<h1><TMPL_VAR name></h1>\n");
  std::filesystem::path main =
      dir.write("index.html.tmpl", "<TMPL_INCLUDE NAME=\"header.tmpl\">body");
  util::Result<Template> t = Template::load(main, {});
  ASSERT_TRUE(t) << t.error().message;
  Context c;
  c.set_text("name", "P");
  EXPECT_EQ(t->render(c), "<h1>P</h1>\nbody");
}

TEST(Htmltmpl, IncludeSearchesTemplateDirectoriesAfterItsOwn) {
  test::TempDir dir;
  dir.write("common/footer.tmpl", "footer");
  std::filesystem::path main = dir.write("theme/index.html.tmpl", "<TMPL_INCLUDE footer.tmpl>");
  util::Result<Template> t = Template::load(main, {dir / "common"});
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->render({}), "footer");
}

TEST(Htmltmpl, IncludeLooksInTheIncSubdirectoryLikeHtmltmpl) {
  test::TempDir dir;
  dir.write("theme/inc/sidebar.tmpl", "sidebar");
  std::filesystem::path main = dir.write("theme/index.html.tmpl", "<TMPL_INCLUDE sidebar.tmpl>");
  util::Result<Template> t = Template::load(main, {});
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->render({}), "sidebar");
}

TEST(Htmltmpl, IncludeOfMissingFileNamesFileAndLine) {
  test::TempDir dir;
  std::filesystem::path main = dir.write("index.html.tmpl", "one\n<TMPL_INCLUDE nope.tmpl>\n");
  util::Result<Template> t = Template::load(main, {});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message, main.string() + ":2: TMPL_INCLUDE \"nope.tmpl\": no such template");
}

TEST(Htmltmpl, IncludeCycleIsRefused) {
  test::TempDir dir;
  dir.write("a.tmpl", "<TMPL_INCLUDE b.tmpl>");
  dir.write("b.tmpl", "<TMPL_INCLUDE a.tmpl>");
  util::Result<Template> t = Template::load(dir / "a.tmpl", {});
  ASSERT_FALSE(t);
  EXPECT_THAT(t.error().message, HasSubstr("b.tmpl:1: TMPL_INCLUDE \"a.tmpl\": include cycle"));
}

TEST(Htmltmpl, IncludeDepthIsBounded) {
  test::TempDir dir;
  int levels = model::limits::k_max_template_include_depth + 2;
  for (int i = 0; i < levels; ++i) {
    dir.write("t" + std::to_string(i) + ".tmpl",
              "<TMPL_INCLUDE t" + std::to_string(i + 1) + ".tmpl>");
  }
  dir.write("t" + std::to_string(levels) + ".tmpl", "leaf");
  util::Result<Template> t = Template::load(dir / "t0.tmpl", {});
  ASSERT_FALSE(t);
  EXPECT_THAT(t.error().message, HasSubstr("includes nested deeper than"));
}

TEST(Htmltmpl, IncludeDepthWithinTheBoundWorks) {
  test::TempDir dir;
  int levels = model::limits::k_max_template_include_depth;
  for (int i = 0; i < levels; ++i) {
    dir.write("t" + std::to_string(i) + ".tmpl",
              "<TMPL_INCLUDE t" + std::to_string(i + 1) + ".tmpl>");
  }
  dir.write("t" + std::to_string(levels) + ".tmpl", "leaf");
  util::Result<Template> t = Template::load(dir / "t0.tmpl", {});
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->render({}), "leaf");
}

TEST(Htmltmpl, BlockNestingIsBounded) {
  std::string deep;
  for (int i = 0; i <= model::limits::k_max_template_nesting; ++i) deep += "<TMPL_IF x>";
  EXPECT_THAT(parse_error(deep), HasSubstr("blocks nested deeper than"));
}

TEST(Htmltmpl, MissingFileIsAnError) {
  util::Result<Template> t = Template::load("/nonexistent/index.html.tmpl", {});
  ASSERT_FALSE(t);
  EXPECT_THAT(t.error().message, StartsWith("/nonexistent/index.html.tmpl: cannot read"));
}

TEST(Htmltmpl, UnclosedIfNamesTheLineItOpensOn) {
  EXPECT_EQ(parse_error("a\nb\n<TMPL_IF x>\nc\n"), "t.tmpl:3: <TMPL_IF> x is never closed");
}

TEST(Htmltmpl, LineNumbersCountDroppedCommentLines) {
  EXPECT_EQ(parse_error("### one\n### two\n<TMPL_LOOP Items>"),
            "t.tmpl:3: <TMPL_LOOP> Items is never closed");
}

TEST(Htmltmpl, UnmatchedCloseIsAnError) {
  EXPECT_EQ(parse_error("x\n</TMPL_LOOP>"),
            "t.tmpl:2: </TMPL_LOOP> without a matching opening statement");
}

TEST(Htmltmpl, MismatchedCloseIsAnError) {
  EXPECT_EQ(parse_error("<TMPL_IF x></TMPL_LOOP></TMPL_IF>"),
            "t.tmpl:1: </TMPL_LOOP> without a matching opening statement");
}

TEST(Htmltmpl, ElseOutsideIfIsAnError) {
  EXPECT_EQ(parse_error("<TMPL_LOOP Rows><TMPL_ELSE></TMPL_LOOP>"),
            "t.tmpl:1: <TMPL_ELSE> without a matching opening statement");
}

TEST(Htmltmpl, SecondElseIsAnError) {
  EXPECT_EQ(parse_error("<TMPL_IF x>\n<TMPL_ELSE>\n<TMPL_ELSE>\n</TMPL_IF>"),
            "t.tmpl:3: second <TMPL_ELSE> (the first is on line 2)");
}

TEST(Htmltmpl, UnknownStatementIsAnError) {
  EXPECT_EQ(parse_error("<TMPL_WHILE x>"), "t.tmpl:1: unknown statement <TMPL_WHILE>");
}

TEST(Htmltmpl, StatementWithoutNameIsAnError) {
  EXPECT_EQ(parse_error("<TMPL_VAR>"), "t.tmpl:1: <TMPL_VAR> without a name");
}

TEST(Htmltmpl, UnterminatedStatementIsAnError) {
  EXPECT_EQ(parse_error("<TMPL_VAR name\n<p>"), "t.tmpl:1: statement without its closing \">\"");
}

TEST(Htmltmpl, BadEscapeValueIsAnError) {
  EXPECT_EQ(parse_error("<TMPL_VAR x ESCAPE=\"JS\">"),
            "t.tmpl:1: ESCAPE=\"JS\" is not HTML, URL or NONE");
}

TEST(Htmltmpl, UnknownAttributeIsAnError) {
  EXPECT_EQ(parse_error("<TMPL_VAR x DEFAULT=\"y\">"), "t.tmpl:1: unknown attribute default=");
}

TEST(Htmltmpl, UnknownMagicVariableIsAnError) {
  EXPECT_EQ(parse_error("<TMPL_LOOP Rows><TMPL_VAR __SECOND__></TMPL_LOOP>"),
            "t.tmpl:1: unknown magic variable __SECOND__");
}

TEST(Htmltmpl, OversizedSourceIsRefused) {
  std::string big(model::limits::k_max_template_bytes + 1, 'x');
  EXPECT_THAT(parse_error(big), HasSubstr("template larger than"));
}

TEST(Htmltmpl, OversizedFileIsRefused) {
  test::TempDir dir;
  std::filesystem::path big =
      dir.write("big.tmpl", std::string(model::limits::k_max_template_bytes + 1, 'x'));
  util::Result<Template> t = Template::load(big, {});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message, big.string() + ": template larger than " +
                                   std::to_string(model::limits::k_max_template_bytes) + " bytes");
}

}  // namespace
}  // namespace orrery::render::htmltmpl
