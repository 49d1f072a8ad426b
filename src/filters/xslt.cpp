#include "filters/xslt.h"

#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace orrery::filters {

namespace {

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct StyleDeleter {
  void operator()(xsltStylesheet* s) const { xsltFreeStylesheet(s); }
};
struct TransformDeleter {
  void operator()(xsltTransformContext* c) const { xsltFreeTransformContext(c); }
};
struct SecurityDeleter {
  void operator()(xsltSecurityPrefs* p) const { xsltFreeSecurityPrefs(p); }
};

// Collects libxml2/libxslt messages into a string instead of stderr.
extern "C" void collect_message(void* context, const char* format, ...) {
  auto* into = static_cast<std::string*>(context);
  char buf[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  if (into->size() < 4096) {
    *into += buf;
  }
}

// The first line of collected messages, trimmed, for a one-line report.
std::string first_line(const std::string& messages) {
  std::string line = messages.substr(0, messages.find('\n'));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) {
    line.pop_back();
  }
  return line.empty() ? std::string("no details") : line;
}

// Routes the generic libxml2 and libxslt error output of this thread to `into` while in scope.
class CaptureErrors {
 public:
  explicit CaptureErrors(std::string& into)
      : m_xml_ctx(xmlGenericErrorContext), m_xml(xmlGenericError) {
    xmlSetGenericErrorFunc(&into, &collect_message);
    m_xslt_ctx = xsltGenericErrorContext;
    m_xslt = xsltGenericError;
    xsltSetGenericErrorFunc(&into, &collect_message);
  }
  CaptureErrors(const CaptureErrors&) = delete;
  CaptureErrors& operator=(const CaptureErrors&) = delete;
  ~CaptureErrors() {
    xmlSetGenericErrorFunc(m_xml_ctx, m_xml);
    xsltSetGenericErrorFunc(m_xslt_ctx, m_xslt);
  }

 private:
  void* m_xml_ctx;
  xmlGenericErrorFunc m_xml;
  void* m_xslt_ctx = nullptr;
  xmlGenericErrorFunc m_xslt = nullptr;
};

std::unique_ptr<xsltSecurityPrefs, SecurityDeleter> no_writes_no_network() {
  std::unique_ptr<xsltSecurityPrefs, SecurityDeleter> prefs(xsltNewSecurityPrefs());
  for (xsltSecurityOption option : {XSLT_SECPREF_WRITE_FILE, XSLT_SECPREF_CREATE_DIRECTORY,
                                    XSLT_SECPREF_WRITE_NETWORK, XSLT_SECPREF_READ_NETWORK}) {
    xsltSetSecurityPrefs(prefs.get(), option, xsltSecurityForbid);
  }
  return prefs;
}

}  // namespace

struct Stylesheet::Impl {
  std::unique_ptr<xsltStylesheet, StyleDeleter> style;
};

Stylesheet::Stylesheet(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Stylesheet::~Stylesheet() = default;

util::Result<std::shared_ptr<const Stylesheet>> Stylesheet::load(
    const std::filesystem::path& path) {
  std::string messages;
  CaptureErrors capture(messages);
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      xmlReadFile(path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOCDATA));
  if (!doc) {
    return util::unexpected(
        fmt::format("{}: not a well-formed stylesheet: {}", path.string(), first_line(messages)));
  }
  auto impl = std::make_unique<Impl>();
  impl->style.reset(xsltParseStylesheetDoc(doc.get()));
  if (!impl->style) {
    return util::unexpected(fmt::format("{}: {}", path.string(), first_line(messages)));
  }
  doc.release();  // owned by the stylesheet now
  return std::shared_ptr<const Stylesheet>(new Stylesheet(std::move(impl)));
}

Outcome Stylesheet::apply(std::string_view input, const Options& params) const {
  std::string messages;
  CaptureErrors capture(messages);
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      xmlReadMemory(input.data(), static_cast<int>(input.size()), nullptr, "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) {
    return Outcome::failure("input is not well-formed XML");
  }
  std::unique_ptr<xsltTransformContext, TransformDeleter> ctxt(
      xsltNewTransformContext(m_impl->style.get(), doc.get()));
  auto prefs = no_writes_no_network();
  if (!ctxt || xsltSetCtxtSecurityPrefs(prefs.get(), ctxt.get()) != 0) {
    return Outcome::failure("cannot set up the transformation");
  }
  std::vector<const char*> args;
  for (const auto& [key, value] : params) {
    args.push_back(key.c_str());
    args.push_back(value.c_str());
  }
  args.push_back(nullptr);
  if (xsltQuoteUserParams(ctxt.get(), args.data()) != 0) {
    return Outcome::failure("bad parameters: " + first_line(messages));
  }
  std::unique_ptr<xmlDoc, DocDeleter> result(xsltApplyStylesheetUser(
      m_impl->style.get(), doc.get(), nullptr, nullptr, nullptr, ctxt.get()));
  if (!result || ctxt->state == XSLT_STATE_ERROR || ctxt->state == XSLT_STATE_STOPPED) {
    return Outcome::failure("transformation failed: " + first_line(messages));
  }
  xmlChar* bytes = nullptr;
  int length = 0;
  if (xsltSaveResultToString(&bytes, &length, result.get(), m_impl->style.get()) != 0) {
    return Outcome::failure("cannot serialise the result");
  }
  std::string text(reinterpret_cast<const char*>(bytes),
                   bytes ? static_cast<std::size_t>(length) : 0);
  xmlFree(bytes);
  if (text.empty()) {
    return Outcome::drop();
  }
  return Outcome::output(std::move(text));
}

}  // namespace orrery::filters
