// html2xhtml.plugin and xhtml2html.plugin as native filters, through libxml2's HTML parser and
// serialiser (Venus used html5lib, a Python 2 library). They let a Venus planet turn an HTML
// theme's page into XHTML for XSLT output filters (addsearch.xslt) and back.

#include <memory>
#include <string>
#include <vector>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include "filters/native.h"

namespace orrery::filters {

namespace {

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using Doc = std::unique_ptr<xmlDoc, DocDeleter>;

const xmlChar* xml_text(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

// Puts every element without a namespace into XHTML's, declared once on the root.
void into_xhtml(xmlNode* root) {
  xmlNs* ns = xmlNewNs(root, xml_text("http://www.w3.org/1999/xhtml"), nullptr);
  // An explicit stack: the page is input, its depth is not ours to trust with recursion.
  std::vector<xmlNode*> stack{root};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    if (n->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (!n->ns) {
      xmlSetNs(n, ns);
    }
    for (xmlNode* c = n->children; c; c = c->next) {
      stack.push_back(c);
    }
  }
}

// Takes XHTML's elements out of their namespace: libxml2's HTML serialiser knows void and raw
// text elements only by their bare names.
void out_of_xhtml(xmlNode* root) {
  std::vector<xmlNode*> stack{root};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    if (n->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (n->ns && n->ns->href &&
        xmlStrEqual(n->ns->href, xml_text("http://www.w3.org/1999/xhtml")) && !n->ns->prefix) {
      n->ns = nullptr;
    }
    for (xmlNode* c = n->children; c; c = c->next) {
      stack.push_back(c);
    }
  }
}

std::string take(xmlChar* bytes, int size) {
  std::string out(reinterpret_cast<const char*>(bytes), bytes ? static_cast<std::size_t>(size) : 0);
  xmlFree(bytes);
  return out;
}

}  // namespace

Outcome html2xhtml(std::string_view page, const Options&) {
  Doc doc(htmlReadMemory(
      page.data(), static_cast<int>(page.size()), nullptr, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING));
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) {
    return Outcome::failure("input is not an HTML document");
  }
  into_xhtml(root);
  // The HTML doctype describes the input, not the XML written now.
  if (xmlDtd* dtd = xmlGetIntSubset(doc.get())) {
    xmlUnlinkNode(reinterpret_cast<xmlNode*>(dtd));
    xmlFreeDtd(dtd);
  }
  xmlChar* bytes = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc.get(), &bytes, &size, "UTF-8");
  return Outcome::output(take(bytes, size));
}

Outcome xhtml2html(std::string_view page, const Options&) {
  Doc doc(xmlReadMemory(page.data(), static_cast<int>(page.size()), nullptr, "UTF-8",
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc || !xmlDocGetRootElement(doc.get())) {
    return Outcome::failure("input is not well-formed XHTML");
  }
  out_of_xhtml(xmlDocGetRootElement(doc.get()));
  xmlChar* bytes = nullptr;
  int size = 0;
  htmlDocDumpMemoryFormat(doc.get(), &bytes, &size, 0);
  return Outcome::output(take(bytes, size));
}

}  // namespace orrery::filters
