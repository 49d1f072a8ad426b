// script_rule: feedparser's counter over <script>, <style> and <applet>, on the source text.

#include "sanitise/script_rule.h"

#include <gtest/gtest.h>

#include <string>

namespace orrery::sanitise::detail {
namespace {

std::string ruled(std::string_view html) {
  std::optional<std::string> out = apply_script_rule(html);
  return out ? *out : std::string(html);
}

TEST(ScriptRule, FindsOnlyInputWithTheThreeTags) {
  EXPECT_TRUE(has_script_like_tag("a<script>b"));
  EXPECT_TRUE(has_script_like_tag("a</STYLE>b"));
  EXPECT_TRUE(has_script_like_tag("<Applet code=x>"));
  EXPECT_FALSE(has_script_like_tag("<p>script style applet</p>"));
  EXPECT_FALSE(has_script_like_tag("<p><s>x</s><a href=y>z</a></p>"));
  EXPECT_FALSE(has_script_like_tag("a <"));
}

TEST(ScriptRule, LeavesInputWithoutThemUnchanged) {
  EXPECT_FALSE(apply_script_rule("<p>plain <b>html</b></p>"));
  EXPECT_FALSE(apply_script_rule("<a title=\"<script>\">x</a>"));  // inside a quoted value
  EXPECT_FALSE(apply_script_rule("<!-- <script> -->x"));
  EXPECT_FALSE(apply_script_rule("<scripts>x</scripts>"));
  EXPECT_FALSE(apply_script_rule("<script:x>y</script:x>"));
}

TEST(ScriptRule, CountsStartAndEndTags) {
  EXPECT_EQ(ruled("a<script>b</script>c"), "ac");
  EXPECT_EQ(ruled("a<script type='text/javascript'>b</script >c"), "ac");
  EXPECT_EQ(ruled("a<style>b</style>c<applet>d</applet>e"), "ace");
  EXPECT_EQ(ruled("a<script>b<script>c</script>d</script>e"), "ae");  // nested: counted
  EXPECT_EQ(ruled("a<script>b"), "a");                                // unclosed
  EXPECT_EQ(ruled("a<script/>b"), "ab");                              // <script></script>
  EXPECT_EQ(ruled("a<script src=x />b"), "a");                        // attributes: opens
}

TEST(ScriptRule, AStrayEndTagTakesTheCounterBelowZero) {
  EXPECT_EQ(ruled("a</script>b<script>c</script>d"), "ac");
  EXPECT_EQ(ruled("a</style>b"), "a");
}

TEST(ScriptRule, InsideAScriptTagsAndCommentsGoToo) {
  EXPECT_EQ(ruled("a<script>document.write('<b>x</b>')</script>c"), "ac");
  EXPECT_EQ(ruled("a<script><!-- x --></script>c"), "ac");
  // after a stray end tag the counter is below zero: tags stay, as feedparser writes them
  EXPECT_EQ(ruled("a</script><b>x</b><script>y</script>"), "a<b></b>y");
}

TEST(ScriptRule, CommentsEndWhereSgmllibEndsThem) {
  EXPECT_EQ(ruled("<!-- a -- ><script>x</script>b"), "<!-- a -- >b");
  EXPECT_EQ(ruled("<!-- <script> -->a<script>b</script>"), "<!-- <script> -->a");
  EXPECT_EQ(ruled("x<script>y</script><!-- unclosed"), "x<!-- unclosed");
}

TEST(ScriptRule, WhatItLeavesCannotJoinIntoNewTags) {
  EXPECT_EQ(ruled("<scr<script>ipt>alert(1)</scr</script>ipt>"), "<scr>ipt>");
  EXPECT_EQ(ruled("<<script>x</script>script>"), "&lt;script>");
  EXPECT_EQ(ruled("a<!x<script>y</script>z"), "a&lt;!xz");
  EXPECT_EQ(ruled("<![CDATA[<script>x</script>]]>"), "&lt;![CDATA[]]>");
}

TEST(ScriptRule, QuotedValuesFollowFeedparsersPattern) {
  // a quote closed before '>', '/', whitespace or the next name= skips what it holds
  EXPECT_EQ(ruled("<a title='x>y' href=z>t</a><script>s</script>"), "<a title='x>y' href=z>t</a>");
  // otherwise the tag ends at the first '<' or '>'
  EXPECT_EQ(ruled("<a title='x>y'z><script>s</script>"), "<a title='x>y'z>");
  // no closing quote anywhere: hostile input stays linear (each search remembers its miss)
  std::string soup;
  for (int i = 0; i < 20000; ++i) {
    soup += "<a \"<b '";
  }
  soup += "<script>x</script>";
  EXPECT_EQ(ruled(soup).find("x"), std::string::npos);
}

}  // namespace
}  // namespace orrery::sanitise::detail
