#include "util/url_policy.h"

#include <gtest/gtest.h>

namespace orrery::util {
namespace {

TEST(UrlPolicy, WebSchemesPassForEveryUse) {
  for (UrlUse use : {UrlUse::link, UrlUse::resource}) {
    EXPECT_EQ(allowed_url(" https://x.test/a?b=1&c=2 ", use), "https://x.test/a?b=1&c=2");
    EXPECT_EQ(allowed_url("HTTP://x.test/", use), "HTTP://x.test/");
    EXPECT_EQ(allowed_url("ftp://x.test/f", use), "ftp://x.test/f");
  }
}

TEST(UrlPolicy, MailtoIsALinkNeverAResource) {
  EXPECT_EQ(allowed_url("mailto:me@x.test", UrlUse::link), "mailto:me@x.test");
  EXPECT_EQ(allowed_url("mailto:me@x.test", UrlUse::resource), "");
}

TEST(UrlPolicy, ScriptAndDataSchemesNeverPass) {
  for (const char* url :
       {"javascript:alert(1)", "JavaScript:alert(1)", " \x01javascript:alert(1)",
        "java\tscript:alert(1)", "java\nscript:alert(1)", "javascript&colon;alert(1)",
        "javascript&#58;alert(1)", "javascript&#x3A;alert(1)", "javascript&#0000058alert(1)",
        "java&#x09;script:alert(1)", "java&Tab;script:alert(1)", "&#106;avascript:alert(1)",
        "javascript%3aalert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64,AAAA", "file:///etc/passwd", "&bogus;javascript:alert(1)",
        "\xef\xbd\x8a"
        "avascript:alert(1)"}) {
    EXPECT_EQ(allowed_url(url, UrlUse::link, RelativeUrl::keep), "") << url;
  }
  EXPECT_EQ(allowed_url(std::string("java\0script:x", 13), UrlUse::link, RelativeUrl::keep), "");
}

TEST(UrlPolicy, EffectiveSchemeDecodesBeforeJudging) {
  EXPECT_EQ(effective_scheme("java&#x09;script&colon;x"), std::optional<std::string>("javascript"));
  EXPECT_EQ(effective_scheme("Https://x"), std::optional<std::string>("https"));
  EXPECT_EQ(effective_scheme("a/b:c"), std::optional<std::string>(""));
  EXPECT_EQ(effective_scheme("?q=a:b"), std::optional<std::string>(""));
  EXPECT_EQ(effective_scheme("page.html"), std::optional<std::string>(""));
  EXPECT_EQ(effective_scheme("1abc:x"), std::nullopt);
}

TEST(UrlPolicy, RelativeReferencesPassOnlyWhenAsked) {
  EXPECT_EQ(allowed_url("/a/b.html", UrlUse::link), "");
  EXPECT_EQ(allowed_url("/a/b.html", UrlUse::link, RelativeUrl::keep), "/a/b.html");
  EXPECT_EQ(allowed_url("./a:b", UrlUse::link, RelativeUrl::keep), "./a:b");
}

TEST(UrlPolicy, BrowserStrippedWhitespaceIsRemoved) {
  EXPECT_EQ(allowed_url("http://x.test/a\n/b\t", UrlUse::link), "http://x.test/a/b");
  EXPECT_EQ(allowed_url(" \t\n", UrlUse::link), "");
}

TEST(UrlPolicy, IdentifiersLoseOnlyScriptSchemes) {
  EXPECT_EQ(safe_identifier("tag:x.test,2024:1"), "tag:x.test,2024:1");
  EXPECT_EQ(safe_identifier("yt:video:abc"), "yt:video:abc");
  EXPECT_EQ(safe_identifier("12345"), "12345");
  EXPECT_EQ(safe_identifier("javascript:alert(1)"), "");
  EXPECT_EQ(safe_identifier(" java&#9;script&colon;alert(1)"), "");
  EXPECT_EQ(safe_identifier("data:text/html,x"), "");
}

TEST(MediaType, TypeSlashSubtypeTokensOnly) {
  EXPECT_EQ(media_type("audio/mpeg"), "audio/mpeg");
  EXPECT_EQ(media_type(" Audio/MPEG ; charset=x"), "audio/mpeg");
  EXPECT_EQ(media_type("application/rss+xml"), "application/rss+xml");
  for (const char* bad : {"", "audio", "/mpeg", "audio/", "audio/mpeg\"><script>alert(1)</script>",
                          "text/html<img>", "a b/c", "audio/mp3/x", "audio/\"x\""}) {
    EXPECT_EQ(media_type(bad), "") << bad;
  }
}

}  // namespace
}  // namespace orrery::util
