// The XSLT engine: params, xsl:output, EXSLT, and what a stylesheet may not do.

#include "render/xslt/xslt.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "render/render.h"
#include "support/golden.h"
#include "support/temp_dir.h"
#include "unit/render/fixtures.h"

namespace orrery::render::xslt {
namespace {

namespace test = orrery::render::test;

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::filesystem::path engine(std::string_view name) {
  return orrery::test::data_path("render/xslt_theme/engine") / name;
}

constexpr std::string_view k_doc = "<?xml version=\"1.0\"?><doc>text</doc>";

TEST(XsltEngine, TemplateOptionsArriveAsStringParamsWhateverTheirQuotes) {
  util::Result<std::string> out =
      transform(engine("params.txt.xslt"), k_doc, {{"plain", "7"}, {"quotes", "it's \"quoted\""}});
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(*out, "[7|it's \"quoted\"]");
}

TEST(XsltEngine, AnOptionTheStylesheetDoesNotDeclareIsHarmless) {
  util::Result<std::string> out =
      transform(engine("params.txt.xslt"), k_doc, {{"plain", "a"}, {"days_per_page", "0"}});
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(*out, "[a|]");
}

TEST(XsltEngine, XslOutputMethodHtmlIsHonoured) {
  util::Result<std::string> out = transform(engine("html.html.xslt"), k_doc, {});
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_THAT(*out, HasSubstr("<br><p>x</p>"));
  EXPECT_THAT(*out, Not(HasSubstr("<?xml")));
}

TEST(XsltEngine, ExsltDatesAreRegistered) {
  util::Result<std::string> out = transform(engine("dates.txt.xslt"), k_doc, {});
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(*out, "Jul");
}

TEST(XsltEngine, ReadingFromTheNetworkFailsNamingTheStylesheet) {
  util::Result<std::string> out = transform(engine("network.xml.xslt"), k_doc, {});
  ASSERT_FALSE(out);
  EXPECT_THAT(out.error().message, StartsWith(engine("network.xml.xslt").string() + ": xslt: "));
  EXPECT_THAT(out.error().message, HasSubstr("http://127.0.0.1:9/secret.xml"));
  EXPECT_THAT(out.error().message, Not(HasSubstr("\n")));
}

TEST(XsltEngine, ExslDocumentCannotWriteAFile) {
  orrery::test::TempDir dir;
  std::filesystem::path target = dir.path() / "written.txt";
  util::Result<std::string> out =
      transform(engine("write.xml.xslt"), k_doc, {{"target", target.string()}});
  ASSERT_FALSE(out);
  EXPECT_THAT(out.error().message, HasSubstr("write.xml.xslt: xslt: "));
  EXPECT_THAT(out.error().message, HasSubstr("denied"));
  EXPECT_FALSE(std::filesystem::exists(target));
}

TEST(XsltEngine, EndlessRecursionStopsAtTheDepthBound) {
  Limits limits;
  limits.max_template_depth = 50;
  util::Result<std::string> out = transform(engine("recursion.xml.xslt"), k_doc, {}, limits);
  ASSERT_FALSE(out);
  EXPECT_THAT(out.error().message, HasSubstr("recursion.xml.xslt: xslt: "));
}

TEST(XsltEngine, TheDefaultDepthBoundStopsRecursionToo) {
  util::Result<std::string> out = transform(engine("recursion.xml.xslt"), k_doc, {});
  ASSERT_FALSE(out);
}

TEST(XsltEngine, ExternalEntitiesOfTheDocumentAreNotLoaded) {
  orrery::test::TempDir dir;
  std::filesystem::path secret = dir.write("secret.txt", "SECRET");
  std::string doc = "<?xml version=\"1.0\"?><!DOCTYPE doc [<!ENTITY e SYSTEM \"file://" +
                    secret.string() + "\">]><doc>&e;</doc>";
  util::Result<std::string> out = transform(engine("entity.txt.xslt"), doc, {});
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_THAT(*out, Not(HasSubstr("SECRET")));
}

TEST(XsltEngine, AStylesheetErrorIsOneLineNamingTheFile) {
  util::Result<std::string> out = transform(engine("broken.xml.xslt"), k_doc, {});
  ASSERT_FALSE(out);
  EXPECT_THAT(out.error().message, StartsWith(engine("broken.xml.xslt").string() + ": xslt: "));
  EXPECT_THAT(out.error().message, Not(HasSubstr("\n")));
}

TEST(XsltEngine, AMissingStylesheetIsAnError) {
  util::Result<std::string> out = transform(engine("missing.xml.xslt"), k_doc, {});
  ASSERT_FALSE(out);
  EXPECT_THAT(out.error().message, HasSubstr("missing.xml.xslt: xslt: cannot read"));
}

TEST(XsltEngine, AStylesheetLargerThanTheBoundIsRefused) {
  Limits limits;
  limits.max_stylesheet_bytes = 16;
  util::Result<std::string> out = transform(engine("params.txt.xslt"), k_doc, {}, limits);
  ASSERT_FALSE(out);
  EXPECT_THAT(out.error().message, HasSubstr("larger than 16 bytes"));
}

// render_site's dispatch: .xslt templates through this engine over the spliced document.

const RenderedFile* find(const std::vector<RenderedFile>& files, std::string_view name) {
  for (const RenderedFile& f : files) {
    if (f.name == name) {
      return &f;
    }
  }
  return nullptr;
}

void use_template(test::Planet& p, const std::filesystem::path& file,
                  std::map<std::string, std::string> options = {}) {
  p.config.planet.template_files = {file};
  config::TemplateSettings settings;
  settings.name = file.filename().string();
  settings.file = file;
  settings.raw = std::move(options);
  p.config.templates = {settings};
}

TEST(XsltTheme, RendersTheProjectsThemeWithItsIncludeSourcesAndParams) {
  test::Planet p;
  use_template(p, orrery::test::data_path("render/xslt_theme/index.html.xslt"),
               {{"heading", "Who's \"here\""}});
  util::Result<std::vector<RenderedFile>> files = render_site(p.input);
  ASSERT_TRUE(files) << files.error().message;
  const RenderedFile* index = find(*files, "index.html");
  ASSERT_NE(index, nullptr);
  orrery::test::expect_golden("render/xslt_theme/expected/index.html", index->content);
  EXPECT_THAT(index->content, HasSubstr("<h2>Who's \"here\"</h2>"));
  EXPECT_THAT(index->content, Not(HasSubstr("<script>")));
  EXPECT_NE(find(*files, "atom.xml"), nullptr);  // the code outputs still follow
}

TEST(XsltTheme, EntriesAreGroupedUnderTheirSubscription) {
  test::Planet p;
  use_template(p, orrery::test::data_path("render/xslt_theme/index.html.xslt"));
  util::Result<std::vector<RenderedFile>> files = render_site(p.input);
  ASSERT_TRUE(files) << files.error().message;
  const std::string& html = find(*files, "index.html")->content;
  std::size_t ann = html.find("id=\"ann-s-notes\"");
  std::size_t bob = html.find("<h3><a href=\"https://bob.example.net/\">");
  ASSERT_NE(ann, std::string::npos);
  ASSERT_NE(bob, std::string::npos);
  std::size_t shipping = html.find("Shipping it");
  std::size_t earlier = html.find("Earlier that day");
  EXPECT_GT(shipping, bob);
  EXPECT_GT(earlier, ann);
  EXPECT_LT(earlier, bob);  // Ann's Notes sorts before bob's URL-named channel
  EXPECT_THAT(html, HasSubstr("<h2>Subscriptions</h2>"));  // the param's default
}

TEST(XsltTheme, AStylesheetErrorStopsTheRenderNamingTheTemplate) {
  test::Planet p;
  use_template(p, engine("broken.xml.xslt"));
  util::Result<std::vector<RenderedFile>> files = render_site(p.input);
  ASSERT_FALSE(files);
  EXPECT_THAT(files.error().message, HasSubstr("broken.xml.xslt: xslt: "));
}

TEST(TemplateDispatch, DjangoTemplatesAreAnErrorNamingTheTemplate) {
  test::Planet p;
  p.config.planet.template_files = {"/themes/django/index.html.dj"};
  util::Result<std::vector<RenderedFile>> files = render_site(p.input);
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().message,
            "/themes/django/index.html.dj: Django templates are not supported by orrery (no "
            "Django engine); use an htmltmpl (.tmpl) or XSLT (.xslt) template");
}

TEST(TemplateDispatch, GenshiTemplatesAreAnErrorNamingTheTemplate) {
  test::Planet p;
  p.config.planet.template_files = {"/themes/genshi_fancy/index.html.genshi"};
  util::Result<std::vector<RenderedFile>> files = render_site(p.input);
  ASSERT_FALSE(files);
  EXPECT_THAT(files.error().message,
              StartsWith("/themes/genshi_fancy/index.html.genshi: Genshi templates are not "
                         "supported by orrery"));
}

TEST(TemplateDispatch, AnUnknownTemplateKindIsAnErrorNamingIt) {
  test::Planet p;
  p.config.planet.template_files = {"/themes/x/index.html.mustache"};
  util::Result<std::vector<RenderedFile>> files = render_site(p.input);
  ASSERT_FALSE(files);
  EXPECT_THAT(files.error().message,
              StartsWith("/themes/x/index.html.mustache: unknown template kind \".mustache\""));
}

}  // namespace
}  // namespace orrery::render::xslt
