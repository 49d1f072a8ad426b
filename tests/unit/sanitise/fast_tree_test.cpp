// FastTree against gumbo: wherever the fast path builds a tree, it must be gumbo's tree, node
// for node (describe_tree shows every field sanitise reads). Checked on hand-picked shapes, on
// every reference the fast path decodes, on the conformance cases and golden inputs, and on a
// deterministic stream of tag soup. The tests also pin down what the fast path must build (the
// common shapes, so that it keeps paying for itself) and what it must leave to gumbo.

#include "sanitise/fast_tree.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "cases.h"
#include "sanitise/gumbo_tree.h"
#include "sanitise/sanitise.h"
#include "util/utf8.h"

namespace orrery::sanitise::detail {
namespace {

std::string gumbo_tree(std::string_view html) {
  FragmentTree tree(FragmentTree::Bounded{}, std::string(html));
  return describe_tree(tree.root());
}

// True when the fast path built `html`'s tree; fails the test when that tree is not gumbo's.
bool built_as_gumbo_builds(std::string_view html) {
  FastTree fast;
  if (!fast.build(html, Limits{}.max_parse_depth)) {
    return false;
  }
  EXPECT_EQ(describe_tree(fast.root()), gumbo_tree(html)) << "input: " << html;
  return true;
}

TEST(FastTree, BuildsTheCommonShapesOfFeedHtml) {
  const std::vector<std::string> inputs{
      "<p>Hello <a href=\"https://example.org/a?b=1&amp;c=2\">world</a>, <em>again</em>.</p>",
      "<p>one</p>\n<p>two <strong>bold</strong> <b>b</b> <i>i</i> <code>x &lt; y</code></p>",
      "<ul><li>a</li><li>b <a href='/x' target=_blank rel=\"noopener\">link</a></li></ul>",
      "<ol>\n  <li>first</li>\n  <li>second</li>\n</ol>",
      "<p><img src=\"a.jpg\" alt=\"An image\" width=\"640\" height=\"480\" /></p>",
      "<figure class=\"wp-block-image\"><img loading=lazy src=a.png srcset=\"a-300w.png 300w, "
      "a-768w.png 768w\" sizes=\"(max-width: 640px) 100vw, 640px\"><figcaption>Cap</figcaption>"
      "</figure>",
      "<h2>Title</h2><h3>Sub</h3><blockquote><p>Quoted</p></blockquote><hr /><p>after</p>",
      "<table class=\"results\"><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td>"
      "<td>2%</td></tr></tbody></table>",
      "<table>\n<tbody>\n<tr>\n<td>x</td>\n</tr>\n</tbody>\n</table>",
      "<pre><code>int main() {\n  return 0;\n}</code></pre>",
      "<pre>\nleading newline</pre>",
      "<pre>\n\ntwo newlines</pre>",
      "text <!-- a comment --> more<!-- more -->",
      "<p>before</p><script type=\"text/javascript\">if (a < b && c) { x(\"</p>\"); }</script>"
      "<p>after</p>",
      "<style>p { color: red }</style><p>styled</p>",
      "<script></script>",
      "&rsquo;quoted&lsquo; &ldquo;double&rdquo; &mdash; &hellip; &nbsp;&copy;&amp;&lt;&gt;",
      "&#8217; &#x2019; &#X2019; &#146; &#039; &#38; &#x26;",
      "a < b and c & d; 3 <= 4 &",
      "<p>unclosed at the end",
      "<ul><li>open list",
      "<p><span style=\"font-family: Arial; color: #000000\">&#160;</span></p>",
      "<p>Ünïcödé — ☃ 𝄞</p>",
      "<a href=\"x\"onclick=\"y()\"title=\"t\">no spaces</a>",
      "<img src=\"x\" / alt=\"stray slash\">",
      "<input type=\"email\" name=\"email\" /><input type=\"submit\" value=\"Go\">",
      "<embed src=\"a.swf\" type=\"application/x-shockwave-flash\" width=\"400\">",
      "<div class=\"sharedaddy\" style=\"display:none\"><a href=\"#\" onclick=\"x()\">Print</a>"
      "</div>",
      "<p>a<br>b<br/>c<br />d<wbr>e</p>",
      "<p ALIGN=\"Center\" Class=x>upper-case names</p>",
      "<p title=\"&#8220;quoted&#8221; &amp; &lt;b&gt;\">attribute references</p>",
      "<p hidden>boolean attribute</p>",
      "<dl><dt>term</dt><dd>definition</dd></dl>",
      "<p>tab\tand\fform feed</p>",
      // end tags the tree builder implies, where that is popping the current element
      "<p>one<p>two\n\n<p class=x>three",
      "<p>a<div>b</div>",
      "<div><p>a</div>after",
      "<ul><li>a<li>b</ul>",
      "<ul><li><p>a<li>b</ul>",
      "<ol><li>a</li><li><p>b</li></ol>",
      "<dl><dt>a<dd>b<dt>c</dl>",
      "<h2>a<h3>b</h3>",
      "<blockquote><p>quoted</blockquote>",
      "<table><tr><td>a<td>b<tr><td>c</table>",
      "<table><tr><th>h</th></tr><tr><td>x</td></tr></table>",
      "<table><tbody><tr><td><p>x</td></tr></tbody></table>",
      "<table><tbody><td>x</table>",
      "<table><thead><tr><th>a</thead><tbody><tr><td>b</tbody></table>",
      "<table><td>x</td></table>",
      "<table>\n<tr>\n<td>x</td>\n</tr>\n</table>",
      // end tags that pop what is above their element, with nothing to reopen
      "<p>a<span>b</p>c",
      "<div><span>a<p>b</div>",
      "<ul><li><span>x</li><li>y</ul>",
      "<section><blockquote><p>x</p></section>",
      "<table><tr><td><b>bold</td><td>x</table>",
      "<table><tr><td><em>a<td>b</table>",
      "<p><span>a<div>b</div>",
      "<ul><li><span>a<li>b",
      "<dl><dt><span>a<dd>b</dl>",
      "<p><div>x</div>y</p>z",
      "<p><div>x</div></p>",
      "</p>",
      "<div></p></div>",
      // formatting elements closed by another element's tag, reopened where text follows
      "<p><b>x</p>y",
      "<div><em>x</div>",
      "<p><a href=x>y<div>z",
      "<li><b>x<li>y",
      "<p>text <a class=anchor href=\"#x\"><h2 id=x>Title</h2></a>\n<p>more",
      "<p><b>x<p>y</b>z",
      "<p><i>a<div>b</div>c</i>d",
      "<h2><a href=y>x</h2>after</a>z",
      "<table><tr><td><b>x</td><td>y</td></tr></table>z",
      "<p><b class=c><i>x<p>y<p>z",
      // ignored end tags of void elements
      "<p>a</img>b</p>",
      "<p>x<embed src=a></embed>y</p>",
      "<img src=a></img>",
      "a</img>",
      "</img>b",
      "a</embed>b</wbr>c<br>",
      // an '&' that starts no reference is text
      "1&1 Ionos, AT&T, R&D, Look&Lease",
      "<a href=\"/x?a=1&utm_source=rss&st=ab\">x</a>",
      "&x &xyz &_ & ;",
  };
  for (const std::string& input : inputs) {
    EXPECT_TRUE(built_as_gumbo_builds(input)) << "given up on: " << input;
  }
}

TEST(FastTree, LeavesEverythingElseToGumbo) {
  const std::vector<std::string> inputs{
      "<b><i>x</b></i>",                // adoption agency
      "<a href=x><a href=y>z</a></a>",  // <a> in <a>
      "<table>text</table>",            // foster parenting
      "<td>cell</td>",                  // table part outside a table
      "<svg><circle r=\"1\"/></svg>",   // foreign content
      "<math><mi>x</mi></math>",
      "&copy 2024",
      "&copy2024",
      "&notit",  // a legacy reference without ';'
      "&notin;",
      "&check;",
      "R&D;",  // a name the fast path does not know
      "&#0; &#129; &#xD800; &#x110000; &#1; &#12345678901;",
      "&#;",
      "&#x;",
      "<a href=\"?a=1&copy=2\">x</a>",
      "<!DOCTYPE html><p>x</p>",
      "<!-->",
      "<!--->",
      "<!-- a --!> b -->",
      "<!-- unterminated",
      "<?php echo 1; ?>",
      "</>",
      "</ p>",
      "line\r\nbreaks",  // CR: gumbo's input stream changes it
      "\x01 control",
      "\xEF\xBB\xBF"
      "byte-order mark",
      "<script><!-- document.write('<script>') --></script>",
      "<script>unterminated",
      "<script>x</script foo>",
      "<p/>self-closing non-void",
      "</br>",
      "<textarea>x</textarea>",
      "<title>x</title>",
      "<xmp>x</xmp>",
      "<foo>unknown</foo>",
      "<p class=a class=b>duplicate</p>",
      "<p title=\"unterminated>",
      "<p",
      "<a href=x=y>",
      "<a b\"c=d>",
      "<p title=a`b>x</p>",
      "<span cols=&rsquo;an>x</span>",
      "<p>x</div>",           // an end tag that closes nothing
      "<h1><h2>x</h2></h1>",  // a heading closes the open heading
      "<select><option>x</option></select>",
      "<button>x</button>",
      "<table><tbody><tr><td>x</td></tr></tbody><input type=hidden></table>",
      "<table>\t\t</embed>\n\n</table>",  // ignored, but it ends the table's text
      "<table> <body> </table>",
      "<<form>?",
      "&am<form>p;",
      "&<form>lt;",
      "a&#<form>38;",  // the removal would join tokens
  };
  for (const std::string& input : inputs) {
    FastTree fast;
    EXPECT_FALSE(fast.build(input, Limits{}.max_parse_depth)) << "built: " << input;
  }
}

// Unguarded input: the tags the guard removes are skipped, unless removing them would join the
// text around them into a token of its own.
TEST(FastTree, SkipsGuardRemovedTagsOnlyWhereTheJoinIsInert) {
  for (const char* input : {"<<form>?", "&am<form>p;", "&<form>lt;", "a&#<form>38;",
                            "<<iframe>Object>", "x<<noscript>p>"}) {
    FastTree fast;
    EXPECT_FALSE(fast.build(input, Limits{}.max_parse_depth, FastTree::Input::unguarded)) << input;
  }
  FastTree fast;
  EXPECT_TRUE(
      fast.build("a <form>b</form> c", Limits{}.max_parse_depth, FastTree::Input::unguarded));
}

TEST(FastTree, GivesUpBeyondTheDepthBound) {
  std::string deep;
  for (int i = 0; i < 40; ++i) {
    deep += "<span>";
  }
  FastTree shallow;
  EXPECT_TRUE(shallow.build(deep, 64));
  FastTree bounded;
  EXPECT_FALSE(bounded.build(deep, 16));
}

TEST(FastTree, NamedReferencesDecodeAsGumboDoes) {
  std::vector<std::string_view> names = fast_named_references();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (std::string_view name : names) {
    const std::string text = "a&" + std::string(name) + ";b";
    EXPECT_TRUE(built_as_gumbo_builds(text)) << text;
    EXPECT_TRUE(built_as_gumbo_builds("<p title=\"&" + std::string(name) + ";\">x</p>")) << name;
  }
}

// An '&' before letters: decoded, left as text or given up on, never different from gumbo.
TEST(FastTree, AmpersandsBeforeLettersReadAsGumboReadsThem) {
  std::string letters;
  for (char c = 'a'; c <= 'z'; ++c) {
    letters += c;
    letters += static_cast<char>(c - 'a' + 'A');
  }
  std::size_t built = 0;
  for (char a : letters) {
    for (char b : letters) {
      const std::string name{a, b};
      built += built_as_gumbo_builds("x&" + name + " y") ? 1 : 0;
      built += built_as_gumbo_builds("x&" + name + "; y") ? 1 : 0;
      built += built_as_gumbo_builds("<a title=\"&" + name + "=1\">y</a>") ? 1 : 0;
      for (char c : std::string("aeiolmnrstu")) {
        built += built_as_gumbo_builds("x&" + name + c + "z y") ? 1 : 0;
      }
    }
  }
  EXPECT_GT(built, letters.size() * letters.size() * 10);
}

TEST(FastTree, NumericReferencesDecodeAsGumboDoes) {
  std::vector<std::uint32_t> values;
  for (std::uint32_t v = 0; v < 0x800; ++v) {
    values.push_back(v);
  }
  for (std::uint32_t v = 0x800; v < 0x110010; v += 0x3F1) {
    values.push_back(v);
  }
  for (std::uint32_t v : {0xD7FFu, 0xD800u, 0xDFFFu, 0xE000u, 0xFDCFu, 0xFDD0u, 0xFDEFu, 0xFDF0u,
                          0xFFFDu, 0xFFFEu, 0xFFFFu, 0x1FFFEu, 0x10FFFDu, 0x10FFFFu, 0x110000u}) {
    values.push_back(v);
  }
  std::size_t built = 0;
  for (std::uint32_t v : values) {
    std::ostringstream hex;
    hex << std::hex << v;
    built += built_as_gumbo_builds("x&#" + std::to_string(v) + ";y") ? 1 : 0;
    built += built_as_gumbo_builds("x&#x" + hex.str() + ";y") ? 1 : 0;
    built += built_as_gumbo_builds("<a title=\"&#" + std::to_string(v) + ";\">y</a>") ? 1 : 0;
  }
  EXPECT_GT(built, values.size() * 2);  // most of them are the fast path's
}

TEST(FastTree, MatchesGumboOnTheConformanceCasesAndGoldenInputs) {
  std::size_t built = 0;
  std::size_t total = 0;
  for (const test::Case& c : test::read_cases("sanitise/feedparser.cases")) {
    ++total;
    built += built_as_gumbo_builds(bounded_input(c.input, Limits{})) ? 1 : 0;
  }
  for (const char* name : {"blog_post.html", "hostile.html", "svg_and_math.html", "tables.html"}) {
    std::ifstream in(std::string(ORRERY_TEST_DATA_DIR) + "/sanitise/golden/" + name,
                     std::ios::binary);
    ASSERT_TRUE(in) << name;
    std::stringstream content;
    content << in.rdbuf();
    ++total;
    built += built_as_gumbo_builds(bounded_input(content.str(), Limits{})) ? 1 : 0;
  }
  EXPECT_GT(built, total / 4) << built << " of " << total;
}

// Tag soup from a vocabulary that the fast path mostly handles, with enough mistakes mixed in
// that it also gives up often: either way, a tree it builds must be gumbo's.
std::string soup(std::mt19937& rng) {
  static const std::vector<std::string> pieces{"<p>",
                                               "</p>",
                                               "<a href=\"/x?a=1&amp;b=2\">",
                                               "<a href=y>",
                                               "</a>",
                                               "<em>",
                                               "</em>",
                                               "<b>",
                                               "</b>",
                                               "<i>",
                                               "</i>",
                                               "<ul>",
                                               "</ul>",
                                               "<ol>",
                                               "</ol>",
                                               "<li>",
                                               "</li>",
                                               "<img src=\"a.png\" alt='x'>",
                                               "<br>",
                                               "<br />",
                                               "<hr>",
                                               "<h2>",
                                               "</h2>",
                                               "<h3>",
                                               "</h3>",
                                               "<blockquote>",
                                               "</blockquote>",
                                               "<pre>",
                                               "<pre>\n",
                                               "</pre>",
                                               "<code>",
                                               "</code>",
                                               "<table>",
                                               "</table>",
                                               "<tbody>",
                                               "</tbody>",
                                               "<thead>",
                                               "</thead>",
                                               "<tr>",
                                               "</tr>",
                                               "<td>",
                                               "</td>",
                                               "<th>",
                                               "</th>",
                                               "<div class=c>",
                                               "</div>",
                                               "<span style=\"color: red\">",
                                               "</span>",
                                               "<figure>",
                                               "</figure>",
                                               "<figcaption>",
                                               "</figcaption>",
                                               "<dl>",
                                               "</dl>",
                                               "<dt>",
                                               "</dt>",
                                               "<dd>",
                                               "</dd>",
                                               "<script>x<y</script>",
                                               "<style>p{}</style>",
                                               "<!-- c -->",
                                               "<input type=text>",
                                               "<embed src=a>",
                                               "text",
                                               " ",
                                               "\n",
                                               "&amp;",
                                               "&lt;",
                                               "&rsquo;",
                                               "&#8217;",
                                               "&#x2019;",
                                               "&#150;",
                                               "&nbsp;",
                                               "&",
                                               "<",
                                               " < ",
                                               "é",
                                               "—",
                                               "&copy",
                                               "<center>",
                                               "</center>",
                                               "<details>",
                                               "<summary>",
                                               "</summary>",
                                               "</details>",
                                               "<time>",
                                               "</time>",
                                               "<video src=v>",
                                               "</video>",
                                               "<source src=s>",
                                               "<meta itemprop=x content=y>",
                                               "<link rel=a href=b>",
                                               "</img>",
                                               "</embed>",
                                               "<fieldset>",
                                               "</fieldset>",
                                               "<mark>",
                                               "</mark>",
                                               "1&1",
                                               "&utm_source=x",
                                               "&copy",
                                               "&notin;",
                                               "<caption>",
                                               "<colgroup>",
                                               "<P>",
                                               "</P>",
                                               "<A HREF=z>",
                                               "</A>",
                                               "<br/>",
                                               "<p/>",
                                               "<svg>",
                                               "</svg>",
                                               "\t",
                                               "x=y",
                                               "<p title=\"a&quot;b\">",
                                               "<img alt=\"&#8220;q&#8221;\" src=q>",
                                               "<td colspan=2>"};
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 16);
  std::string out;
  for (int n = length(rng); n > 0; --n) {
    out += pieces[pick(rng)];
  }
  return out;
}

TEST(FastTree, MatchesGumboOnTagSoup) {
  std::mt19937 rng(20261201);
  std::size_t built = 0;
  constexpr std::size_t k_rounds = 20000;
  for (std::size_t i = 0; i < k_rounds; ++i) {
    built += built_as_gumbo_builds(soup(rng)) ? 1 : 0;
    if (::testing::Test::HasFailure()) {
      break;  // one mismatch is enough to read
    }
  }
  EXPECT_GT(built, k_rounds / 50) << built << " of " << k_rounds;
}

// Fragment skips the nesting guard when the fast path's bound shows the guard would change
// nothing; either way its tree must be gumbo's for the guarded input.
TEST(FastTree, FragmentsAreGumbosTreeOfTheGuardedInput) {
  Limits limits;
  limits.max_parse_depth = 32;
  std::vector<std::string> inputs;
  std::string many;  // far more tags than the limit, shallow
  for (int i = 0; i < 200; ++i) {
    many += "<p>para <a href=x>" + std::to_string(i) + "</a></p>";
  }
  inputs.push_back(many);
  for (int depth : {20, 31, 32, 33, 40}) {
    std::string deep;
    for (int i = 0; i < depth; ++i) {
      deep += "<span>";
    }
    inputs.push_back(deep + "x");
  }
  std::string headings = "<div>";  // each heading closes the one before: the guard errs deep
  for (int i = 0; i < 40; ++i) {
    headings += i % 2 == 0 ? "<h2>a" : "<h3>b";
  }
  inputs.push_back(headings + "</div>" + many);
  inputs.push_back("<p>x<iframe src=y>inline</iframe><object><embed src=a></embed></object>");
  inputs.push_back("a<iframe src=y>b &#8217; c</iframe>d &#8220;<form action=x>e</form>f");
  inputs.push_back("<p>&#38;<noscript><img src=a></noscript>&#x26;</p><object>&#146;");
  inputs.push_back("<form><input type=email name=e /><input type=submit value=Go></form>");
  std::size_t fast = 0;
  for (const std::string& input : inputs) {
    Fragment fragment(input, limits);
    FragmentTree gumbo(input, limits);
    EXPECT_EQ(describe_tree(fragment.root()), describe_tree(gumbo.root())) << input;
    fast += fragment.built_by_fast_path() ? 1 : 0;
  }
  EXPECT_GE(fast, 9u);
}

TEST(FastTree, SanitisingIsUnchangedByTheFastPath) {
  // The same input through the fast path and through gumbo (made to give up by a trailing
  // "</div>" that closes nothing, outside any element the sanitiser writes).
  const std::string input =
      "<p>Hello <a href=\"../x\" onclick=\"evil()\">world</a> &rsquo;<script>alert(1)</script>"
      "<img src=\"javascript:alert(1)\" alt=\"&#8220;\"></p><!-- c --><pre>\ncode</pre>";
  Fragment fast(input, Limits{});
  EXPECT_TRUE(fast.built_by_fast_path());
  Fragment slow(input + "</div>", Limits{});
  EXPECT_FALSE(slow.built_by_fast_path());
  EXPECT_EQ(sanitise_html(input, "http://example.org/a/"),
            sanitise_html(input + "</div>", "http://example.org/a/"));
}

}  // namespace
}  // namespace orrery::sanitise::detail
