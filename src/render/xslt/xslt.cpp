#include "render/xslt/xslt.h"

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <cstdarg>
#include <cstdio>
#include <memory>
#include <mutex>
#include <system_error>
#include <vector>

namespace orrery::render::xslt {

namespace {

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct StylesheetFree {
  void operator()(xsltStylesheet* style) const { xsltFreeStylesheet(style); }
};
struct ContextFree {
  void operator()(xsltTransformContext* ctxt) const { xsltFreeTransformContext(ctxt); }
};
struct PrefsFree {
  void operator()(xsltSecurityPrefs* prefs) const { xsltFreeSecurityPrefs(prefs); }
};
struct XmlFree {
  void operator()(xmlChar* p) const { xmlFree(p); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;
using StylesheetPtr = std::unique_ptr<xsltStylesheet, StylesheetFree>;
using ContextPtr = std::unique_ptr<xsltTransformContext, ContextFree>;
using PrefsPtr = std::unique_ptr<xsltSecurityPrefs, PrefsFree>;

// Reads, writes and directories a stylesheet may not touch: no network either way, no file
// written, no directory created. Local files may be read (document(), includes).
PrefsPtr forbidding_prefs() {
  PrefsPtr prefs(xsltNewSecurityPrefs());
  xsltSetSecurityPrefs(prefs.get(), XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
  xsltSetSecurityPrefs(prefs.get(), XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
  xsltSetSecurityPrefs(prefs.get(), XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
  xsltSetSecurityPrefs(prefs.get(), XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
  return prefs;
}

// Once per process: the parser, EXSLT (Venus's opml uses date:), the default security prefs
// (they guard xsl:include/xsl:import while a stylesheet compiles, before a transform context
// exists) and an entity loader that never goes to the network.
void initialise() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    exsltRegisterAll();
    xsltSetDefaultSecurityPrefs(forbidding_prefs().release());
    xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
  });
}

// Collects what libxml2 and libxslt report while one transform runs, instead of stderr.
class ErrorCapture {
 public:
  ErrorCapture() {
    xmlSetGenericErrorFunc(this, &ErrorCapture::collect);
    xsltSetGenericErrorFunc(this, &ErrorCapture::collect);
  }
  ~ErrorCapture() {
    xmlSetGenericErrorFunc(nullptr, nullptr);
    xsltSetGenericErrorFunc(nullptr, nullptr);
  }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  // What was reported, its non-empty lines joined by "; " (libxslt puts where an error happened
  // on one line and why on the next), or `fallback`.
  std::string summary(std::string_view fallback) const {
    std::string out;
    std::size_t start = 0;
    while (start < m_text.size()) {
      std::size_t end = m_text.find('\n', start);
      if (end == std::string::npos) {
        end = m_text.size();
      }
      std::string_view line(m_text.data() + start, end - start);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '^')) {
        line.remove_suffix(1);
      }
      if (!line.empty()) {
        out += out.empty() ? "" : "; ";
        out += line;
      }
      start = end + 1;
    }
    return out.empty() ? std::string(fallback) : out;
  }

 private:
  __attribute__((format(printf, 2, 3))) static void collect(void* self, const char* format, ...) {
    char buffer[1024];
    va_list args;
    va_start(args, format);
    int n = std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    auto* capture = static_cast<ErrorCapture*>(self);
    if (n > 0 && capture->m_text.size() < 16 * 1024) {
      capture->m_text.append(buffer, std::min(static_cast<std::size_t>(n), sizeof buffer - 1));
    }
  }

  std::string m_text;
};

util::Unexpected<util::Error> fail(const std::filesystem::path& stylesheet,
                                   const std::string& reason) {
  return util::unexpected(stylesheet.string() + ": xslt: " + reason);
}

}  // namespace

util::Result<std::string> transform(const std::filesystem::path& stylesheet,
                                    std::string_view document,
                                    const std::map<std::string, std::string>& params,
                                    const Limits& limits) {
  initialise();
  std::error_code ec;
  std::uintmax_t size = std::filesystem::file_size(stylesheet, ec);
  if (ec) {
    return fail(stylesheet, "cannot read the stylesheet: " + ec.message());
  }
  if (size > limits.max_stylesheet_bytes) {
    return fail(stylesheet, "the stylesheet is larger than " +
                                std::to_string(limits.max_stylesheet_bytes) + " bytes");
  }
  ErrorCapture errors;
  // The stylesheet is the operator's: its own DTD entities are expanded, but nothing is fetched
  // from the network. Its URL is its path, so includes and imports resolve beside it.
  DocPtr style_doc(xmlReadFile(stylesheet.c_str(), nullptr, XSLT_PARSE_OPTIONS | XML_PARSE_NONET));
  if (!style_doc) {
    return fail(stylesheet, errors.summary("the stylesheet is not well-formed XML"));
  }
  StylesheetPtr style(xsltParseStylesheetDoc(style_doc.get()));
  if (!style) {
    return fail(stylesheet, errors.summary("not an XSLT stylesheet"));
  }
  style_doc.release();  // owned by the stylesheet now
  if (style->errors != 0) {
    return fail(stylesheet, errors.summary("the stylesheet has errors"));
  }
  // The document is built from feeds: no DTD, no entity expansion, no network.
  DocPtr doc(xmlReadMemory(document.data(), static_cast<int>(document.size()), nullptr, "UTF-8",
                           XML_PARSE_NONET));
  if (!doc) {
    return fail(stylesheet,
                "the input document is not well-formed: " + errors.summary("parse error"));
  }
  ContextPtr ctxt(xsltNewTransformContext(style.get(), doc.get()));
  if (!ctxt) {
    return fail(stylesheet, "cannot create a transform context");
  }
  PrefsPtr prefs = forbidding_prefs();
  xsltSetCtxtSecurityPrefs(prefs.get(), ctxt.get());
  ctxt->maxTemplateDepth = limits.max_template_depth;
  ctxt->maxTemplateVars = limits.max_template_vars;
  std::vector<const char*> pairs;
  for (const auto& [name, value] : params) {
    pairs.push_back(name.c_str());
    pairs.push_back(value.c_str());
  }
  pairs.push_back(nullptr);
  if (xsltQuoteUserParams(ctxt.get(), pairs.data()) != 0) {
    return fail(stylesheet, errors.summary("a template option cannot be an xsl:param"));
  }
  DocPtr result(
      xsltApplyStylesheetUser(style.get(), doc.get(), nullptr, nullptr, nullptr, ctxt.get()));
  if (!result || ctxt->state == XSLT_STATE_ERROR || ctxt->state == XSLT_STATE_STOPPED) {
    return fail(stylesheet, errors.summary("the transformation failed"));
  }
  xmlChar* raw = nullptr;
  int length = 0;
  if (xsltSaveResultToString(&raw, &length, result.get(), style.get()) != 0) {
    return fail(stylesheet, errors.summary("cannot serialise the result"));
  }
  std::unique_ptr<xmlChar, XmlFree> owned(raw);
  if (raw == nullptr || length <= 0) {
    return std::string();
  }
  return std::string(reinterpret_cast<const char*>(raw), static_cast<std::size_t>(length));
}

}  // namespace orrery::render::xslt
