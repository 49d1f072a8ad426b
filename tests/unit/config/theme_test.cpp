#include "config/theme.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config.h"
#include "planet_fixture.h"

namespace orrery::config {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(ConfigTheme, NoThemeAndNoTemplatesUsesTheBuiltInDefaultTheme) {
  PlanetFixture planet;
  auto config = planet.load_text("[Planet]\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->planet.output_theme, planet.themes() / "default");
  EXPECT_THAT(config->planet.template_files,
              ElementsAre(planet.themes() / "default/index.html.tmpl"));
  EXPECT_THAT(config->planet.bill_of_materials,
              ElementsAre(planet.themes() / "default/planet.css"));
  EXPECT_THAT(config->planet.bill_of_materials_targets, ElementsAre("planet.css"));
}

TEST(ConfigTheme, NamedThemeIsFoundAmongBuiltInThemes) {
  PlanetFixture planet;
  auto config = planet.load_text("[Planet]\noutput_theme = default\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->planet.output_theme, planet.themes() / "default");
}

TEST(ConfigTheme, ThemeBesideTheConfigWinsOverTheBuiltInOne) {
  PlanetFixture planet;
  planet.dir().write("default/config.ini", "[Planet]\ntemplate_files = mine.tmpl\n");
  planet.dir().write("default/mine.tmpl", "x");
  auto config = planet.load_text("[Planet]\noutput_theme = default\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->planet.output_theme, planet.dir() / "default");
  EXPECT_THAT(config->planet.template_files, ElementsAre(planet.dir() / "default/mine.tmpl"));
}

TEST(ConfigTheme, ThemeValuesAreDefaultsUnderTheOperatorsValues) {
  PlanetFixture planet;
  planet.dir().write("t/config.ini", "[Planet]\nitems_per_page = 10\ndate_format = %Y\n");
  planet.dir().write("a", "x");
  auto config =
      planet.load_text("[Planet]\noutput_theme = t\nitems_per_page = 30\ntemplate_files = a\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->planet.items_per_page, 30);
  EXPECT_EQ(config->planet.date_format, "%Y");
  EXPECT_EQ(config->planet.raw.at("date_format"), "%Y");
}

TEST(ConfigTheme, TemplateFilesAndBillOfMaterialsAddToTheThemes) {
  PlanetFixture planet;
  planet.dir().write("extra.tmpl", "x");
  planet.dir().write("logo.png", "png");
  auto config = planet.load_text(
      "[Planet]\ntemplate_files = extra.tmpl index.html.tmpl\nbill_of_materials = logo.png\n"
      "output_theme = default\n");
  ASSERT_TRUE(config) << config.error().message;
  auto theme = planet.themes() / "default";
  EXPECT_THAT(config->planet.template_files,
              ElementsAre(theme / "index.html.tmpl", planet.dir() / "extra.tmpl"));
  EXPECT_THAT(config->planet.bill_of_materials,
              ElementsAre(theme / "planet.css", planet.dir() / "logo.png"));
}

TEST(ConfigTheme, TemplateDirectoriesAreOperatorsThenThemeThenConfigThenThemes) {
  PlanetFixture planet;
  planet.dir().write("t/config.ini", "[Planet]\ntemplate_directories = parts\n");
  planet.dir().write("t/parts/a.tmpl", "x");
  auto config = planet.load_text(
      "[Planet]\noutput_theme = t\ntemplate_directories = mine\ntemplate_files = a.tmpl\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_THAT(config->planet.template_directories,
              ElementsAre(planet.dir() / "mine", planet.dir() / "t", planet.dir().path(),
                          planet.dir() / "t/parts"));
  EXPECT_THAT(config->planet.template_files, ElementsAre(planet.dir() / "t/parts/a.tmpl"));
}

TEST(ConfigTheme, OperatorsTemplateDirectoryIsSearchedBeforeTheTheme) {
  PlanetFixture planet;
  planet.dir().write("mine/index.html.tmpl", "mine");
  auto config = planet.load_text("[Planet]\noutput_theme = default\ntemplate_directories = mine\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_THAT(config->planet.template_files, ElementsAre(planet.dir() / "mine/index.html.tmpl"));
}

TEST(ConfigTheme, UnknownThemeIsAnErrorNamingWhereItLooked) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\noutput_theme = fancy\n"),
            "DIR/planet.ini:2: output_theme: theme \"fancy\" not found (no config.ini in "
            "DIR/fancy or DIR/themes/fancy)");
}

TEST(ConfigTheme, MissingBuiltInDefaultThemeIsAnError) {
  test::TempDir dir;
  auto config = load(dir.write("planet.ini", "[Planet]\n"), LoadOptions{dir / "none"});
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message, (dir / "planet.ini").string() +
                                        ": built-in theme \"default\" not found: no " +
                                        (dir / "none/default/config.ini").string());
}

TEST(ConfigTheme, ErrorInTheThemesConfigNamesThatFile) {
  PlanetFixture planet;
  planet.dir().write("t/config.ini", "[Planet]\nitems_per_page = many\n");
  EXPECT_EQ(planet.error_of("[Planet]\noutput_theme = t\n"),
            "DIR/t/config.ini:2: items_per_page: \"many\" is not a number");
}

TEST(ConfigTheme, MissingTemplateIsAnErrorNamingTheDirectoriesSearched) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\ntemplate_files = nope.tmpl\n"),
            "DIR/planet.ini:2: template_files: \"nope.tmpl\" not found in DIR");
}

TEST(ConfigTheme, MissingBillOfMaterialsFileIsAWarningAsInVenus) {
  PlanetFixture planet;
  auto config = planet.load_text("[Planet]\nbill_of_materials = gone.png\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_THAT(config->planet.bill_of_materials, ElementsAre(planet.dir() / "themes/default/planet.css"));
  EXPECT_THAT(config->warnings,
              ElementsAre(AllOf(HasSubstr("planet.ini:2: bill_of_materials: \"gone.png\" not found in "),
                                HasSubstr("; not copied"))));
}

TEST(ConfigTheme, BillOfMaterialsTargetKeepsItsFolder) {
  PlanetFixture planet;
  planet.dir().write("images/logo.png", "png");
  auto config = planet.load_text("[Planet]\nbill_of_materials = images/logo.png\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_THAT(config->planet.bill_of_materials_targets,
              ElementsAre("planet.css", "images/logo.png"));
}

TEST(ConfigTheme, BillOfMaterialsEntryWithAKeyExpandsOncePerFeedValue) {
  PlanetFixture planet;
  planet.dir().write("images/a.png", "a");
  planet.dir().write("images/b.png", "b");
  auto config = planet.load_text(
      "[Planet]\nbill_of_materials = images/#{face}\n[https://a.example/]\nface = a.png\n"
      "[https://b.example/]\nface = b.png\n[https://c.example/]\n[https://d.example/]\n"
      "face = a.png\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_THAT(config->planet.bill_of_materials_targets,
              ElementsAre("planet.css", "images/a.png", "images/b.png"));
}

TEST(ConfigTheme, BillOfMaterialsOutsideOutputDirIsRefused) {
  PlanetFixture planet;
  EXPECT_EQ(planet.error_of("[Planet]\nbill_of_materials = ../secret\n"),
            "DIR/planet.ini:2: bill_of_materials: \"../secret\" would leave output_dir");
}

TEST(ConfigTheme, SplitListGivesOneSettingPerName) {
  Setting list{"template_files", "a.tmpl\n b.tmpl", "planet.ini", "/srv", 3};
  std::vector<Setting> names = split_list(list);
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[1].value, "b.tmpl");
  EXPECT_EQ(names[1].line, 3);
}

}  // namespace
}  // namespace orrery::config
