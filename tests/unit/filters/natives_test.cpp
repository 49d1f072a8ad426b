#include "filters/native.h"

#include <gtest/gtest.h>

#include "filters/chain.h"
#include "helpers.h"

namespace orrery::filters {
namespace {

using test::filter_fixture;
using test::load_output;

TEST(NativeFilters, AreFoundUnderVenusNames) {
  for (const char* name : {"excerpt.py", "regexp_sifter.py", "xpath_sifter.py", "notweets.py",
                           "minhead.py", "coral_cdn_filter.py"}) {
    EXPECT_NE(find_native(name), nullptr) << name;
  }
  EXPECT_EQ(find_native("mememe.plugin"), nullptr);
}

// excerpt.py

TEST(Excerpt, CutsAtTheFirstWrappedLineWithAnEllipsis) {
  Outcome o = excerpt(filter_fixture("long-summary.xml"), {{"width", "100"}, {"omit", "p"}});
  pugi::xml_document doc;
  load_output(doc, o);
  pugi::xml_node ex = doc.child("entry").child("planet:excerpt");
  ASSERT_TRUE(ex) << o.text;
  EXPECT_STREQ(doc.child("entry").attribute("xmlns:planet").value(),
               "http://planet.intertwingly.net/");
  // The <p> is omitted (unwrapped); the div is kept.
  EXPECT_STREQ(ex.first_child().name(), "div");
  EXPECT_EQ(std::string(ex.first_child().first_child().value()),
            "The planets move on ellipses with the sun at one focus, sweeping equal areas in "
            "equal times as they \u2026");
  EXPECT_TRUE(doc.child("entry").child("summary")) << "the summary stays";
}

TEST(Excerpt, DefaultWidthKeepsAShortSummaryWhole) {
  Outcome o = excerpt(filter_fixture("images.xml"), {});
  pugi::xml_document doc;
  load_output(doc, o);
  pugi::xml_node div = doc.child("entry").child("planet:excerpt").child("div");
  EXPECT_EQ(div.select_nodes(".//img").size(), 3u);
}

TEST(Excerpt, OmittedImagesBecomeLinksShowingTheirAlt) {
  Outcome o = excerpt(filter_fixture("images.xml"), {{"omit", "img"}});
  pugi::xml_document doc;
  load_output(doc, o);
  auto anchors = doc.child("entry").child("planet:excerpt").select_nodes(".//a");
  ASSERT_EQ(anchors.size(), 3u) << o.text;
  std::vector<std::string> hrefs;
  std::vector<std::string> texts;
  for (const auto& a : anchors) {
    hrefs.push_back(a.node().attribute("href").value());
    texts.push_back(a.node().last_child().value());
  }
  EXPECT_EQ(hrefs, (std::vector<std::string>{"http://example.org/a.png", "http://example.org/page",
                                             "http://example.org/other"}));
  EXPECT_EQ(texts, (std::vector<std::string>{"first", "second", "<img>"}));
}

TEST(Excerpt, ATargetNamedLikeTheSourceReplacesIt) {
  Outcome o = excerpt(filter_fixture("long-summary.xml"),
                      {{"width", "40"}, {"omit", "p"}, {"target", "atom:summary"}});
  pugi::xml_document doc;
  load_output(doc, o);
  auto summaries = doc.child("entry").select_nodes("summary");
  ASSERT_EQ(summaries.size(), 1u) << o.text;
  EXPECT_EQ(std::string(summaries.first().node().child("div").first_child().value()),
            "The planets move on ellipses with the \u2026");
  EXPECT_FALSE(doc.child("entry").attribute("xmlns:planet"));
}

TEST(Excerpt, AnEntryWithoutSummaryOrContentPassesUnchanged) {
  std::string entry = filter_fixture("tweet.xml");
  Outcome o = excerpt(entry, {});
  EXPECT_EQ(o.kind, Outcome::Kind::output);
  EXPECT_EQ(o.text, entry);
}

TEST(Excerpt, ABadWidthFailsNamingIt) {
  Outcome o = excerpt(filter_fixture("images.xml"), {{"width", "wide"}});
  EXPECT_EQ(o.kind, Outcome::Kind::failure);
  EXPECT_NE(o.reason.find("width"), std::string::npos);
}

TEST(Excerpt, MalformedInputFails) {
  EXPECT_EQ(excerpt("<entry><summary>", {}).kind, Outcome::Kind::failure);
}

// regexp_sifter.py

TEST(RegexpSifter, RequireKeepsMatchingEntriesAndDropsOthers) {
  Options options{{"require", "blue"}};
  EXPECT_EQ(regexp_sifter(filter_fixture("tagged-blue.xml"), options).kind, Outcome::Kind::output);
  // "blue" appears in the red entry's id, link and source only: metadata is not text.
  EXPECT_EQ(regexp_sifter(filter_fixture("tagged-red.xml"), options).kind, Outcome::Kind::drop);
}

TEST(RegexpSifter, ExcludeDropsMatchingEntries) {
  Options options{{"exclude", "blue"}};
  EXPECT_EQ(regexp_sifter(filter_fixture("tagged-blue.xml"), options).kind, Outcome::Kind::drop);
  EXPECT_EQ(regexp_sifter(filter_fixture("tagged-red.xml"), options).kind, Outcome::Kind::output);
}

TEST(RegexpSifter, AttributeWordsAndEntitiesCountAsText) {
  std::string red = filter_fixture("tagged-red.xml");
  EXPECT_EQ(regexp_sifter(red, {{"require", "nebula"}}).kind, Outcome::Kind::output);
  EXPECT_EQ(regexp_sifter(red, {{"require", "Stars & dust"}}).kind, Outcome::Kind::output);
  EXPECT_EQ(regexp_sifter(red, {{"require", "^ ?A note on colour red Stars"}}).kind,
            Outcome::Kind::output);
}

TEST(RegexpSifter, EveryLineOfRequireMustMatch) {
  std::string red = filter_fixture("tagged-red.xml");
  EXPECT_EQ(regexp_sifter(red, {{"require", "colour\nnebula"}}).kind, Outcome::Kind::output);
  EXPECT_EQ(regexp_sifter(red, {{"require", "colour\ncomet"}}).kind, Outcome::Kind::drop);
}

TEST(RegexpSifter, PythonStyleSyntaxWorks) {
  std::string red = filter_fixture("tagged-red.xml");
  EXPECT_EQ(regexp_sifter(red, {{"require", "(?i)NOTE ON (?P<what>colou?r)"}}).kind,
            Outcome::Kind::output);
}

TEST(RegexpSifter, ABadPatternFailsNamingIt) {
  Outcome o = regexp_sifter(filter_fixture("tagged-red.xml"), {{"exclude", "(unclosed"}});
  EXPECT_EQ(o.kind, Outcome::Kind::failure);
  EXPECT_NE(o.reason.find("(unclosed"), std::string::npos);
}

TEST(RegexpSifter, CatastrophicBacktrackingHitsTheMatchLimit) {
  std::string entry = "<entry><title>" + std::string(40, 'a') + "! c</title></entry>";
  Outcome o = regexp_sifter(entry, {{"require", "(a|aa)*c"}});
  EXPECT_EQ(o.kind, Outcome::Kind::failure);
  EXPECT_NE(o.reason.find("limit"), std::string::npos);
}

// xpath_sifter.py

TEST(XpathSifter, RequireAndExcludeEvaluateXPathWithAtomPrefix) {
  Options require{{"require", "//atom:category[@term='blue']"}};
  EXPECT_EQ(xpath_sifter(filter_fixture("tagged-blue.xml"), require).kind, Outcome::Kind::output);
  EXPECT_EQ(xpath_sifter(filter_fixture("tagged-red.xml"), require).kind, Outcome::Kind::drop);
  Options exclude{{"exclude", "//xhtml:img"}};
  EXPECT_EQ(xpath_sifter(filter_fixture("tagged-red.xml"), exclude).kind, Outcome::Kind::drop);
  EXPECT_EQ(xpath_sifter(filter_fixture("tagged-blue.xml"), exclude).kind, Outcome::Kind::output);
}

TEST(XpathSifter, NonNodeResultsCountByTheirTruth) {
  std::string blue = filter_fixture("tagged-blue.xml");
  EXPECT_EQ(xpath_sifter(blue, {{"require", "count(//atom:category) = 1"}}).kind,
            Outcome::Kind::output);
  EXPECT_EQ(xpath_sifter(blue, {{"require", "count(//atom:category) > 1"}}).kind,
            Outcome::Kind::drop);
}

TEST(XpathSifter, AnInvalidExpressionFails) {
  Outcome o = xpath_sifter(filter_fixture("tagged-blue.xml"), {{"require", "//[bad"}});
  EXPECT_EQ(o.kind, Outcome::Kind::failure);
  EXPECT_NE(o.reason.find("//[bad"), std::string::npos);
}

// notweets.py

TEST(Notweets, DropsTwitterEntriesOnly) {
  EXPECT_EQ(notweets(filter_fixture("tweet.xml"), {}).kind, Outcome::Kind::drop);
  EXPECT_EQ(notweets(filter_fixture("tagged-blue.xml"), {}).kind, Outcome::Kind::output);
}

// minhead.py

TEST(Minhead, ShiftsHeadingsSoTheTopIsTheMinimum) {
  Outcome o = minhead(filter_fixture("headings.xml"), {{"min", "3"}});
  pugi::xml_document doc;
  load_output(doc, o);
  pugi::xml_node div = doc.child("entry").child("content").child("div");
  std::vector<std::string> names;
  for (pugi::xml_node n : div.children()) {
    names.push_back(std::string(n.name()) + ":" + n.text().get());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"h3:Top", "h4:Second", "h6:Fourth"}));
}

TEST(Minhead, DefaultMinimumIsThree) {
  Outcome o = minhead(filter_fixture("headings.xml"), {});
  EXPECT_NE(o.text.find("<h3>Top</h3>"), std::string::npos) << o.text;
}

TEST(Minhead, HeadingsAlreadyLowEnoughAreLeftAlone) {
  std::string entry = filter_fixture("headings.xml");
  Outcome o = minhead(entry, {{"min", "1"}});
  EXPECT_EQ(o.text, entry);
}

TEST(Minhead, ABadMinimumFails) {
  EXPECT_EQ(minhead(filter_fixture("headings.xml"), {{"min", "x"}}).kind, Outcome::Kind::failure);
}

// coral_cdn_filter.py

TEST(CoralCdn, RoutesHttpImagesThroughCoralKeepingUserInfoAndPort) {
  Outcome o = coral_cdn(filter_fixture("images-coral.xml"), {});
  pugi::xml_document doc;
  load_output(doc, o);
  std::vector<std::string> srcs;
  for (const auto& img : doc.select_nodes("//img")) {
    srcs.push_back(img.node().attribute("src").value());
  }
  EXPECT_EQ(srcs, (std::vector<std::string>{
                      "http://pics.example.net.nyud.net:8080/a.png",
                      "http://pics.example.net.8000.nyud.net:8080/b.png",
                      "http://me:secret@pics.example.net.nyud.net:8080/c.png",
                      "http://me:secret@pics.example.net.8000.nyud.net:8080/d.png",
                      "https://pics.example.net/e.png",
                      "",
                  }));
}

}  // namespace
}  // namespace orrery::filters

namespace orrery::filters {
namespace {

// html2xhtml.plugin, xhtml2html.plugin

TEST(HtmlPlugins, Html2xhtmlWritesWellFormedXhtml) {
  Outcome o = html2xhtml(test::filter_fixture("page.html"), {});
  pugi::xml_document doc;
  test::load_output(doc, o);
  pugi::xml_node html = doc.child("html");
  ASSERT_TRUE(html) << o.text;
  EXPECT_STREQ(html.attribute("xmlns").value(), "http://www.w3.org/1999/xhtml");
  EXPECT_TRUE(doc.select_node("//div[@id='sidebar']/img[@alt='logo']"));
  EXPECT_TRUE(doc.select_node("//div[@id='body']/p/br"));
}

TEST(HtmlPlugins, Xhtml2htmlWritesHtmlWithoutSelfClosingTags) {
  Outcome o = xhtml2html(test::filter_fixture("page.xhtml"), {{"quote_attr_values", "True"}});
  ASSERT_EQ(o.kind, Outcome::Kind::output) << o.reason;
  EXPECT_EQ(o.text.find("/>"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("</script>"), std::string::npos);
  EXPECT_NE(o.text.find("<link rel=\"alternate\""), std::string::npos);
}

TEST(HtmlPlugins, AnHtmlPageGoesThroughAnXsltOutputFilterAndBack) {
  SearchPath search{{builtin_filters_dir()}};
  Chain chain;
  for (const char* name : {"html2xhtml.plugin", "addsearch.xslt", "xhtml2html.plugin"}) {
    chain.filters.push_back(resolve(parse_spec(name), {}, search));
  }
  OutputChainResult r = run_output_chain(chain, test::filter_fixture("page.html"));
  ASSERT_TRUE(r.output);
  EXPECT_TRUE(r.failures.empty()) << r.failures.front().reason;
  EXPECT_NE(r.output->find("<h2>Search</h2><form><input name=\"q\"></form>"), std::string::npos)
      << *r.output;
  EXPECT_NE(r.output->find("http://planet.example.org/opensearchdescription.xml"),
            std::string::npos);
}

}  // namespace
}  // namespace orrery::filters
