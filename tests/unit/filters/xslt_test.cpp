#include "filters/xslt.h"

#include <gtest/gtest.h>

#include "filters/chain.h"
#include "helpers.h"

namespace orrery::filters {
namespace {

using test::filter_fixture;
using test::load_output;

std::shared_ptr<const Stylesheet> shipped(std::string_view name) {
  auto style = Stylesheet::load(builtin_filters_dir() / name);
  EXPECT_TRUE(style) << style.error().message;
  return style ? *style : nullptr;
}

TEST(XsltFilter, H1TitleMakesTheSingleHeadingTheTitleAndRemovesIt) {
  auto style = shipped("h1title.xslt");
  ASSERT_TRUE(style);
  Outcome o = style->apply(filter_fixture("h1-content.xml"), {});
  pugi::xml_document doc;
  load_output(doc, o);
  pugi::xml_node entry = doc.child("entry");
  EXPECT_STREQ(entry.child("title").text().get(), "The real title");
  EXPECT_STREQ(entry.child("title").attribute("type").value(), "text");
  EXPECT_FALSE(entry.child("content").child("div").child("h1"));
  EXPECT_STREQ(entry.child("content").child("div").child("p").text().get(), "Body text.");
}

TEST(XsltFilter, H1TitleLeavesATitleAloneWithoutASingleHeading) {
  auto style = shipped("h1title.xslt");
  ASSERT_TRUE(style);
  Outcome o = style->apply(filter_fixture("headings.xml"), {});  // an h1, no title element
  pugi::xml_document doc;
  load_output(doc, o);
  EXPECT_FALSE(doc.child("entry").child("title"));
  Outcome o2 = style->apply(filter_fixture("tagged-blue.xml"), {});
  pugi::xml_document doc2;
  load_output(doc2, o2);
  EXPECT_STREQ(doc2.child("entry").child("title").text().get(), "Another note");
}

TEST(XsltFilter, DetitleEmptiesATitleThatRepeatsTheContent) {
  auto style = shipped("detitle.xslt");
  ASSERT_TRUE(style);
  Outcome o = style->apply(filter_fixture("repeated-title.xml"), {});
  pugi::xml_document doc;
  load_output(doc, o);
  EXPECT_TRUE(doc.child("entry").child("title"));
  EXPECT_STREQ(doc.child("entry").child("title").text().get(), "");
}

TEST(XsltFilter, DetitleKeepsShortOrDistinctTitles) {
  auto style = shipped("detitle.xslt");
  ASSERT_TRUE(style);
  Outcome o = style->apply(filter_fixture("tagged-blue.xml"), {});
  pugi::xml_document doc;
  load_output(doc, o);
  EXPECT_STREQ(doc.child("entry").child("title").text().get(), "Another note");
}

TEST(XsltFilter, OptionsArriveAsStringParameters) {
  test::TempDir dir;
  auto path = dir.write("param.xslt", R"(<xsl:stylesheet version="1.0"
      xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
    <xsl:param name="greeting"/>
    <xsl:template match="/"><out><xsl:value-of select="$greeting"/></out></xsl:template>
  </xsl:stylesheet>)");
  auto style = Stylesheet::load(path);
  ASSERT_TRUE(style) << style.error().message;
  Outcome o = (*style)->apply("<entry/>", {{"greeting", "it's \"quoted\" & 1+1"}});
  ASSERT_EQ(o.kind, Outcome::Kind::output) << o.reason;
  EXPECT_NE(o.text.find("<out>it's \"quoted\" &amp; 1+1</out>"), std::string::npos) << o.text;
}

TEST(XsltFilter, AnEmptyResultDrops) {
  test::TempDir dir;
  auto path = dir.write("nothing.xslt", R"(<xsl:stylesheet version="1.0"
      xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
    <xsl:template match="/"/>
  </xsl:stylesheet>)");
  auto style = Stylesheet::load(path);
  ASSERT_TRUE(style);
  EXPECT_EQ((*style)->apply("<entry/>", {}).kind, Outcome::Kind::drop);
}

TEST(XsltFilter, WritingFilesIsForbidden) {
  test::TempDir dir;
  auto target = dir / "written.txt";
  auto path = dir.write("writer.xslt", R"(<xsl:stylesheet version="1.1"
      xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
    <xsl:template match="/">
      <xsl:document href=")" + target.string() +
                                           R"("><x/></xsl:document>
      <done/>
    </xsl:template>
  </xsl:stylesheet>)");
  auto style = Stylesheet::load(path);
  ASSERT_TRUE(style) << style.error().message;
  Outcome o = (*style)->apply("<entry/>", {});
  EXPECT_EQ(o.kind, Outcome::Kind::failure);
  EXPECT_FALSE(std::filesystem::exists(target));
}

TEST(XsltFilter, ABrokenStylesheetFailsToLoadNamingTheFile) {
  test::TempDir dir;
  auto path = dir.write("broken.xslt", "<xsl:stylesheet");
  auto style = Stylesheet::load(path);
  ASSERT_FALSE(style);
  EXPECT_NE(style.error().message.find("broken.xslt"), std::string::npos);
}

TEST(XsltFilter, MalformedInputFails) {
  auto style = shipped("detitle.xslt");
  ASSERT_TRUE(style);
  EXPECT_EQ(style->apply("<entry>", {}).kind, Outcome::Kind::failure);
}

}  // namespace
}  // namespace orrery::filters

namespace orrery::filters {
namespace {

using test::filter_fixture;
using test::load_output;

Outcome run_shipped(std::string_view name, std::string_view fixture) {
  auto style = Stylesheet::load(builtin_filters_dir() / name);
  EXPECT_TRUE(style) << name << ": " << style.error().message;
  return style ? (*style)->apply(filter_fixture(fixture), {}) : Outcome::failure("no stylesheet");
}

TEST(XsltFilter, BylineAuthorMovesTheBylineToTheAuthor) {
  Outcome o = run_shipped("delDupName/byline_author.xslt", "byline.xml");
  pugi::xml_document doc;
  load_output(doc, o);
  pugi::xml_node entry = doc.child("entry");
  EXPECT_STREQ(entry.child("author").child("name").text().get(), "Jane Roe");
  EXPECT_STREQ(entry.child("author").child("email").text().get(), "someone@example.org");
  pugi::xml_node div = entry.child("content").child("div");
  EXPECT_FALSE(div.child("span"));
  // The two breaks after the byline go; a later one stays.
  EXPECT_EQ(div.select_nodes("br").size(), 1u) << o.text;
  EXPECT_STREQ(div.first_child().name(), "p");
}

TEST(XsltFilter, PByNameAndPFromRemoveRepeatedNames) {
  Outcome by = run_shipped("delDupName/p_by_name.xslt", "by-name.xml");
  EXPECT_EQ(by.text.find("By Jane Roe"), std::string::npos) << by.text;
  EXPECT_NE(by.text.find("Rick"), std::string::npos);
  Outcome from = run_shipped("delDupName/p_from.xslt", "by-name.xml");
  EXPECT_EQ(from.text.find("Rick"), std::string::npos) << from.text;
  EXPECT_NE(from.text.find("By Jane Roe"), std::string::npos);
}

TEST(XsltFilter, AddsearchAddsTheFormTheOpenSearchLinkAndScriptEndTags) {
  Outcome o = run_shipped("addsearch.xslt", "page.xhtml");
  ASSERT_EQ(o.kind, Outcome::Kind::output) << o.reason;
  EXPECT_NE(o.text.find("<h2>Search</h2><form><input name=\"q\"/></form></div>"), std::string::npos)
      << o.text;
  EXPECT_NE(o.text.find(" href=\"http://planet.example.org/news/opensearchdescription.xml\""),
            std::string::npos);
  EXPECT_NE(o.text.find("title=\"A planet search\""), std::string::npos);
  EXPECT_NE(o.text.find("</script>"), std::string::npos);
  EXPECT_NE(o.text.find("<!DOCTYPE html>"), std::string::npos);
}

TEST(XsltFilter, AddsearchGenshiRunsAsTheShippedXslt) {
  Filter f = resolve(parse_spec("addsearch.genshi"), {}, SearchPath{{builtin_filters_dir()}});
  ASSERT_EQ(f.runner, Runner::xslt) << f.problem;
  EXPECT_EQ(f.spec.written, "addsearch.genshi");
  Outcome o = run_filter(f, filter_fixture("page.xhtml"));
  EXPECT_NE(o.text.find("<h2>Search</h2>"), std::string::npos);
}

}  // namespace
}  // namespace orrery::filters
