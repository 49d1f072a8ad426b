// regexp_sifter.py and xpath_sifter.py as native filters; the sifter behind `filter` and
// `exclude` is regexp_sifter.py.

#include <memory>
#include <string>
#include <vector>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "filters/native.h"
#include "filters/regex.h"

namespace orrery::filters {

namespace {

std::vector<std::string> lines_of(const Options& options, const std::string& key) {
  std::vector<std::string> out;
  auto it = options.find(key);
  if (it == options.end()) {
    return out;
  }
  std::string_view rest = it->second;
  while (!rest.empty()) {
    auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (!line.empty()) {
      out.emplace_back(line);
    }
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  return out;
}

// The steps that reduce an entry to the words a person reads, in order: metadata elements
// (ids, urls, the source, dates, links) go; alt, title, label and term attribute values stay as
// words; every other tag goes; whitespace collapses; the five XML entities are decoded.
// Unlike Venus's line-by-line patterns these cross line breaks, so an indented entry reduces
// like a one-line one.
struct Step {
  const char* pattern;
  const char* replacement;
};
constexpr Step k_steps[] = {
    {R"(<id>.*?</id>)", " "},
    {R"(<url>.*?</url>)", " "},
    {R"(<source>.*?</source>)", " "},
    {R"(<updated.*?</updated>)", " "},
    {R"(<published.*?</published>)", " "},
    {R"(<link .*?>)", " "},
    {R"(<[^>]* alt=['"]([^'"]*)['"].*?>)", " $1 "},
    {R"(<[^>]* title=['"]([^'"]*)['"].*?>)", " $1 "},
    {R"(<[^>]* label=['"]([^'"]*)['"].*?>)", " $1 "},
    {R"(<[^>]* term=['"]([^'"]*)['"].*?>)", " $1 "},
    {R"(<.*?>)", " "},
    {R"(\s+)", " "},
    {R"(&gt;)", ">"},
    {R"(&lt;)", "<"},
    {R"(&apos;)", "'"},
    {R"(&quot;)", "\""},
    {R"(&amp;)", "&"},
    {R"(\s+)", " "},
};

util::Result<std::string> human_text(std::string_view entry) {
  std::string text(entry);
  for (const Step& step : k_steps) {
    auto re = Regex::compile(step.pattern, true);
    if (!re) {
      return util::unexpected(re.error().message);
    }
    auto next = re->replace_all(text, step.replacement);
    if (!next) {
      return util::unexpected(next.error().message);
    }
    text = std::move(*next);
  }
  return text;
}

const xmlChar* xml_text(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct XPathContextDeleter {
  void operator()(xmlXPathContext* c) const { xmlXPathFreeContext(c); }
};
struct XPathObjectDeleter {
  void operator()(xmlXPathObject* o) const { xmlXPathFreeObject(o); }
};

extern "C" void ignore_message(void*, const char*, ...) {}

// libxml2 prints XPath syntax errors to stderr; the sifter reports them itself.
class QuietXml {
 public:
  QuietXml() : m_ctx(xmlGenericErrorContext), m_func(xmlGenericError) {
    xmlSetGenericErrorFunc(nullptr, &ignore_message);
  }
  QuietXml(const QuietXml&) = delete;
  QuietXml& operator=(const QuietXml&) = delete;
  ~QuietXml() { xmlSetGenericErrorFunc(m_ctx, m_func); }

 private:
  void* m_ctx;
  xmlGenericErrorFunc m_func;
};

}  // namespace

Outcome regexp_sifter(std::string_view entry, const Options& options) {
  auto text = human_text(entry);
  if (!text) {
    return Outcome::failure(text.error().message);
  }
  for (const char* key : {"require", "exclude"}) {
    bool require = std::string_view(key) == "require";
    for (const std::string& pattern : lines_of(options, key)) {
      auto re = Regex::compile(pattern);
      if (!re) {
        return Outcome::failure(std::string(key) + ": " + re.error().message);
      }
      auto found = re->search(*text);
      if (!found) {
        return Outcome::failure(std::string(key) + ": \"" + pattern +
                                "\": " + found.error().message);
      }
      if (*found != require) {
        return Outcome::drop();
      }
    }
  }
  return Outcome::output(std::string(entry));
}

std::string regexp_sifter_problem(const Options& options) {
  for (const char* key : {"require", "exclude"}) {
    for (const std::string& pattern : lines_of(options, key)) {
      if (auto re = Regex::compile(pattern); !re) {
        return std::string(key) + ": " + re.error().message;
      }
    }
  }
  return "";
}

Outcome xpath_sifter(std::string_view entry, const Options& options) {
  QuietXml quiet;
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      xmlReadMemory(entry.data(), static_cast<int>(entry.size()), nullptr, "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) {
    return Outcome::failure("input is not well-formed XML");
  }
  std::unique_ptr<xmlXPathContext, XPathContextDeleter> ctx(xmlXPathNewContext(doc.get()));
  xmlXPathRegisterNs(ctx.get(), xml_text("atom"), xml_text("http://www.w3.org/2005/Atom"));
  xmlXPathRegisterNs(ctx.get(), xml_text("xhtml"), xml_text("http://www.w3.org/1999/xhtml"));
  for (const char* key : {"require", "exclude"}) {
    bool require = std::string_view(key) == "require";
    for (const std::string& expr : lines_of(options, key)) {
      std::unique_ptr<xmlXPathObject, XPathObjectDeleter> result(
          xmlXPathEvalExpression(xml_text(expr.c_str()), ctx.get()));
      if (!result) {
        return Outcome::failure(std::string(key) + ": \"" + expr + "\" is not a valid XPath");
      }
      bool found = xmlXPathCastToBoolean(result.get()) != 0;
      if (found != require) {
        return Outcome::drop();
      }
    }
  }
  return Outcome::output(std::string(entry));
}

}  // namespace orrery::filters
