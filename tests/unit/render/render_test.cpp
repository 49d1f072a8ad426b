#include "render/render.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "support/golden.h"
#include "support/temp_dir.h"
#include "unit/render/fixtures.h"

namespace orrery::render {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::filesystem::path k_default_theme =
    std::filesystem::path(ORRERY_SOURCE_DIR) / "config/themes/default";

const RenderedFile* find(const std::vector<RenderedFile>& files, std::string_view name) {
  for (const RenderedFile& f : files) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

std::vector<RenderedFile> render_ok(const RenderInput& input) {
  util::Result<std::vector<RenderedFile>> files = render_site(input);
  EXPECT_TRUE(files) << files.error().message;
  return files ? std::move(*files) : std::vector<RenderedFile>{};
}

TEST(RenderSite, DefaultThemeIndexMatchesGolden) {
  test::Planet p;
  p.config.planet.template_files = {k_default_theme / "index.html.tmpl"};
  std::vector<RenderedFile> files = render_ok(p.input);
  const RenderedFile* index = find(files, "index.html");
  ASSERT_NE(index, nullptr);
  orrery::test::expect_golden("render/default_index.html", index->content);
}

TEST(RenderSite, DefaultThemeNeverLetsTitleMarkupThrough) {
  test::Planet p;
  p.config.planet.template_files = {k_default_theme / "index.html.tmpl"};
  p.config.feeds[0].name = "<b>Ann</b>";
  std::vector<RenderedFile> files = render_ok(p.input);
  const RenderedFile* index = find(files, "index.html");
  ASSERT_NE(index, nullptr);
  EXPECT_THAT(index->content, Not(HasSubstr("<script>")));
  EXPECT_THAT(index->content, Not(HasSubstr("<b>Ann</b>")));
  EXPECT_THAT(index->content, HasSubstr("&lt;b&gt;Ann&lt;/b&gt;"));
}

TEST(RenderSite, DefaultThemeOfAnEmptyPlanetSaysSo) {
  test::Planet p;
  p.config.planet.template_files = {k_default_theme / "index.html.tmpl"};
  p.input.entries.clear();
  std::vector<RenderedFile> files = render_ok(p.input);
  ASSERT_NE(find(files, "index.html"), nullptr);
  EXPECT_THAT(find(files, "index.html")->content, HasSubstr("class=\"empty\""));
  EXPECT_THAT(find(files, "index.html")->content, Not(HasSubstr("</section>\n</main>")));
}

TEST(RenderSite, EveryTemplateIsNamedAfterItsFileWithoutTmpl) {
  orrery::test::TempDir dir;
  test::Planet p;
  p.config.planet.template_files = {
      dir.write("index.html.tmpl", "<TMPL_VAR name>"),
      dir.write("names.txt.tmpl", "<TMPL_LOOP Channels>x</TMPL_LOOP>")};
  std::vector<RenderedFile> files = render_ok(p.input);
  ASSERT_EQ(files.size(), 10u);  // the two templates, then the eight outputs written in code
  EXPECT_EQ(files[0].name, "index.html");
  EXPECT_EQ(files[0].content, "Planet Test");
  EXPECT_EQ(files[1].name, "names.txt");
  EXPECT_EQ(files[1].content, "xxx");
  EXPECT_EQ(files[2].name, "atom.xml");
}

TEST(RenderSite, EveryOutputWrittenInCodeIsWrittenWithoutATheme) {
  test::Planet p;
  std::vector<RenderedFile> files = render_ok(p.input);
  std::vector<std::string> names;
  for (const RenderedFile& f : files) {
    names.push_back(f.name);
    EXPECT_TRUE(f.notes.empty()) << f.name;
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"atom.xml", "rss20.xml", "rss10.xml", "opml.xml",
                                      "foafroll.xml", "feed.json", "feeds.html", "health.json"}));
}

TEST(RenderSite, ThemeTemplateOfACodeOutputWinsAndSaysSo) {
  orrery::test::TempDir dir;
  test::Planet p;
  p.config.planet.template_files = {dir.write("rss10.xml.tmpl", "theme's own"),
                                    dir.write("feed.json.tmpl", "{}")};
  std::vector<RenderedFile> files = render_ok(p.input);
  ASSERT_EQ(files.size(), 8u);
  EXPECT_EQ(files[0].name, "rss10.xml");
  EXPECT_EQ(files[0].content, "theme's own");
  EXPECT_EQ(files[0].notes, (std::vector<std::string>{
                                "rss10.xml: written by the theme's template instead of orrery's "
                                "RSS 1.0 writer"}));
  EXPECT_EQ(files[1].name, "feed.json");
  EXPECT_EQ(files[1].content, "{}");
  for (std::size_t i = 2; i < files.size(); ++i) {
    EXPECT_NE(files[i].name, "rss10.xml");
    EXPECT_NE(files[i].name, "feed.json");
  }
}

TEST(RenderSite, AtomXmlIsAlwaysWrittenAndParses) {
  test::Planet p;
  std::vector<RenderedFile> files = render_ok(p.input);
  const RenderedFile* atom = find(files, "atom.xml");
  ASSERT_NE(atom, nullptr);
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(atom->content.c_str()));
}

TEST(RenderSite, ThemeTemplateForAtomXmlReplacesTheWriterInCode) {
  orrery::test::TempDir dir;
  test::Planet p;
  p.config.planet.template_files = {dir.write("atom.xml.tmpl", "the theme's feed")};
  std::vector<RenderedFile> files = render_ok(p.input);
  ASSERT_EQ(find(files, "atom.xml"), &files[0]);
  EXPECT_EQ(files[0].content, "the theme's feed");
  EXPECT_EQ(files.size(), 8u);
}

TEST(RenderSite, AnXsltTemplateReplacesTheCodeOutputOfItsName) {
  orrery::test::TempDir dir;
  test::Planet p;
  p.config.planet.template_files = {
      dir.write("rss20.xml.xslt",
                "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
                "<xsl:output method='text'/><xsl:template match='/'>the theme's rss</xsl:template>"
                "</xsl:stylesheet>")};
  std::vector<RenderedFile> files = render_ok(p.input);
  ASSERT_EQ(files.size(), 8u);
  EXPECT_EQ(files[0].name, "rss20.xml");
  EXPECT_EQ(files[0].content, "the theme's rss");
}

TEST(RenderSite, TemplateErrorNamesTheFileAndLine) {
  orrery::test::TempDir dir;
  test::Planet p;
  std::filesystem::path bad = dir.write("index.html.tmpl", "<html>\n<TMPL_LOOP Items>\n</html>\n");
  p.config.planet.template_files = {bad};
  util::Result<std::vector<RenderedFile>> files = render_site(p.input);
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().message, bad.string() + ":2: <TMPL_LOOP> Items is never closed");
}

TEST(RenderSite, TemplateSectionSettingsAreNoTemplateVariables) {
  // Venus's htmltmpl sees only the names tmpl.py sets, never a template section's keys.
  orrery::test::TempDir dir;
  test::Planet p;
  p.config.planet.template_files = {dir.write("a.html.tmpl", "[<TMPL_VAR banner>]"),
                                    dir.write("b.html.tmpl", "[<TMPL_VAR banner>]")};
  config::TemplateSettings a;
  a.name = "a.html.tmpl";
  a.raw = {{"banner", "for a"}};
  p.config.templates = {a};
  std::vector<RenderedFile> files = render_ok(p.input);
  ASSERT_GE(files.size(), 2u);
  EXPECT_EQ(files[0].content, "[]");
  EXPECT_EQ(files[1].content, "[]");
}

TEST(RenderSite, TemplateSectionItemsPerPageNarrowsThePage) {
  orrery::test::TempDir dir;
  test::Planet p;
  p.config.planet.template_files = {dir.write("short.html.tmpl", "<TMPL_VAR Items>")};
  config::TemplateSettings t;
  t.name = "short.html.tmpl";
  t.items_per_page = 2;
  p.config.templates = {t};
  std::vector<RenderedFile> files = render_ok(p.input);
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files[0].content, "2");
}

TEST(RenderSite, TemplateSectionDaysPerPageDropsOlderEntries) {
  orrery::test::TempDir dir;
  test::Planet p;
  p.config.planet.template_files = {dir.write("today.html.tmpl", "<TMPL_VAR Items>")};
  config::TemplateSettings t;
  t.name = "today.html.tmpl";
  t.days_per_page = 1;
  p.config.templates = {t};
  std::vector<RenderedFile> files = render_ok(p.input);
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files[0].content, "2");  // the two entries of July 29; the page is at 12:00 that day
}

TEST(RenderSite, IncludesAreFoundInTemplateDirectories) {
  orrery::test::TempDir dir;
  test::Planet p;
  dir.write("common/head.tmpl", "<title><TMPL_VAR name></title>");
  p.config.planet.template_files = {dir.write("theme/index.html.tmpl", "<TMPL_INCLUDE head.tmpl>")};
  p.config.planet.template_directories = {dir / "common"};
  std::vector<RenderedFile> files = render_ok(p.input);
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files[0].content, "<title>Planet Test</title>");
}

TEST(RenderSite, VenusStyleRssTemplateGivesWellFormedEscapedXml) {
  test::Planet p;
  p.config.planet.template_files = {orrery::test::data_path("render/venus_style/rss20.xml.tmpl")};
  std::vector<RenderedFile> files = render_ok(p.input);
  const RenderedFile* rss = find(files, "rss20.xml");
  ASSERT_NE(rss, nullptr);
  EXPECT_THAT(rss->content, Not(HasSubstr("<script>")));
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_string(rss->content.c_str());
  ASSERT_TRUE(parsed) << parsed.description() << "\n" << rss->content;
  pugi::xml_node channel = doc.child("rss").child("channel");
  std::vector<pugi::xml_node> items(channel.children("item").begin(),
                                    channel.children("item").end());
  ASSERT_EQ(items.size(), 5u);
  EXPECT_STREQ(items[1].child_value("title"), "Ann's Notes: Tom & Jerry <script>alert(1)</script>");
  EXPECT_STREQ(items[0].child_value("description"),
               "<p>NEC members gathered after an exhausting week.</p>");
  EXPECT_STREQ(items[0].child_value("pubDate"), "Sat, 29 Jul 2023 11:10:00 +0000");
  EXPECT_STREQ(channel.child("atom:link").attribute("href").value(),
               "https://planet.example.org/rss20.xml");
}

TEST(RenderSite, DemoPlanetRendersWithTheBuiltInTheme) {
  util::Result<config::Config> demo =
      config::load(std::filesystem::path(ORRERY_SOURCE_DIR) / "config/planet.ini");
  ASSERT_TRUE(demo) << demo.error().message;
  RenderInput input;
  input.config = &*demo;
  input.now = test::at(2023, 7, 29, 12, 0);
  std::vector<RenderedFile> files = render_ok(input);
  const RenderedFile* index = find(files, "index.html");
  ASSERT_NE(index, nullptr);
  EXPECT_THAT(index->content, HasSubstr("<title>planet necblogs</title>"));
  // Nothing fetched yet: no entries, and (as in Venus, which lists a feed once it has a
  // sources/ file) no subscriptions.
  EXPECT_THAT(index->content, HasSubstr("Nothing to read yet"));
  ASSERT_NE(find(files, "atom.xml"), nullptr);
}

TEST(RenderSite, MissingConfigIsAnError) {
  RenderInput input;
  util::Result<std::vector<RenderedFile>> files = render_site(input);
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().message, "render: no configuration given");
}

}  // namespace
}  // namespace orrery::render
