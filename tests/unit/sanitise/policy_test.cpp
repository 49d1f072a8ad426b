#include "sanitise/policy.h"

#include <gtest/gtest.h>

namespace orrery::sanitise::detail {
namespace {

constexpr std::string_view k_base = "http://example.org/blog/post.html";

std::string link(std::string_view value) { return safe_url(value, k_base, UrlContext::link); }

TEST(SanitiseUrl, KeepsAllowedSchemesAndResolvesRelativeReferences) {
  EXPECT_EQ(link("https://a.example/x"), "https://a.example/x");
  EXPECT_EQ(link("ftp://a.example/x"), "ftp://a.example/x");
  EXPECT_EQ(link("mailto:me@example.org"), "mailto:me@example.org");
  EXPECT_EQ(link("../img/a.png"), "http://example.org/img/a.png");
  EXPECT_EQ(link("#top"), "http://example.org/blog/post.html#top");
  EXPECT_EQ(link("//cdn.example/x.js"), "http://cdn.example/x.js");
}

TEST(SanitiseUrl, LeavesRelativeReferencesAloneWithoutAnAbsoluteBase) {
  EXPECT_EQ(safe_url("a/b.html", "", UrlContext::link), "a/b.html");
}

TEST(SanitiseUrl, RefusesScriptSchemesHoweverTheyAreDisguised) {
  const char* hostile[] = {
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:x",
      "\x01javascript:x",
      "vbscript:msgbox(1)",
      "data:text/html,<script>alert(1)</script>",
      "livescript:x",
      "jav\x7f"
      "ascript:x",
      "file:///etc/passwd",
  };
  for (const char* url : hostile) {
    EXPECT_EQ(link(url), "") << url;
  }
}

TEST(SanitiseUrl, RefusesAHostileBaseThatWouldLendItsScheme) {
  EXPECT_EQ(safe_url("x", "javascript:alert(1)//", UrlContext::link), "");
}

TEST(SanitiseUrl, AllowsRasterDataImagesOnlyAsImageSources) {
  const std::string png = "data:image/png;base64,iVBORw0KGgo=";
  EXPECT_EQ(safe_url(png, k_base, UrlContext::image_source), png);
  EXPECT_EQ(safe_url(png, k_base, UrlContext::link), "");
  EXPECT_EQ(safe_url("data:image/svg+xml;base64,PHN2Zz4=", k_base, UrlContext::image_source), "");
  EXPECT_EQ(safe_url("data:image/png;base64,<x>", k_base, UrlContext::image_source), "");
}

TEST(SanitisePolicy, ClassifiesElementsByVocabulary) {
  EXPECT_EQ(element_action(Vocabulary::html, "p"), ElementAction::keep);
  EXPECT_EQ(element_action(Vocabulary::html, "blink"), ElementAction::unwrap);
  EXPECT_EQ(element_action(Vocabulary::html, "form"), ElementAction::unwrap);
  EXPECT_EQ(element_action(Vocabulary::html, "noscript"), ElementAction::unwrap);
  EXPECT_EQ(element_action(Vocabulary::html, "script"), ElementAction::drop);
  EXPECT_EQ(element_action(Vocabulary::html, "style"), ElementAction::drop);
  EXPECT_EQ(element_action(Vocabulary::html, "iframe"), ElementAction::drop);
  EXPECT_EQ(element_action(Vocabulary::svg, "linearGradient"), ElementAction::keep);
  EXPECT_EQ(element_action(Vocabulary::svg, "foreignObject"), ElementAction::keep);
  EXPECT_EQ(element_action(Vocabulary::svg, "script"), ElementAction::drop);
  EXPECT_EQ(element_action(Vocabulary::mathml, "mfrac"), ElementAction::keep);
  EXPECT_EQ(element_action(Vocabulary::mathml, "annotation-xml"), ElementAction::drop);
}

TEST(SanitisePolicy, NeverAllowsEventHandlersOrRawStyle) {
  EXPECT_TRUE(is_allowed_attribute(Vocabulary::html, "href"));
  EXPECT_FALSE(is_allowed_attribute(Vocabulary::html, "onclick"));
  EXPECT_FALSE(is_allowed_attribute(Vocabulary::svg, "onload"));
  EXPECT_FALSE(is_allowed_attribute(Vocabulary::html, "style"));
  EXPECT_FALSE(is_allowed_attribute(Vocabulary::html, "autoplay"));
  EXPECT_TRUE(is_allowed_attribute(Vocabulary::svg, "viewBox"));
  EXPECT_FALSE(is_allowed_attribute(Vocabulary::svg, "xml:base"));
}

TEST(SanitisePolicy, KnowsWhichAttributesHoldUrls) {
  EXPECT_EQ(attribute_value_kind("href"), AttributeValue::url);
  EXPECT_EQ(attribute_value_kind("xlink:href"), AttributeValue::url);
  EXPECT_EQ(attribute_value_kind("poster"), AttributeValue::url);
  EXPECT_EQ(attribute_value_kind("srcset"), AttributeValue::srcset);
  EXPECT_EQ(attribute_value_kind("ping"), AttributeValue::url_list);
  EXPECT_EQ(attribute_value_kind("title"), AttributeValue::plain);
}

}  // namespace
}  // namespace orrery::sanitise::detail
