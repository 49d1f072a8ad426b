#include "parse/parse.h"

#include <pugixml.hpp>

#include <string>
#include <utility>

#include "model/limits.h"
#include "parse/cdf.h"
#include "parse/context.h"
#include "parse/double_encoding.h"
#include "parse/encoding.h"
#include "parse/json_feed.h"
#include "parse/namespaces.h"
#include "parse/xml_repair.h"
#include "parse/xml_tree.h"
#include "util/strings.h"
#include "util/url.h"

namespace orrery::parse {

namespace {

struct Format {
  Format() = default;
  Format(std::string v, Dialect d, std::string r = {})
      : version(std::move(v)), dialect(d), recovered(std::move(r)) {}

  std::string version;
  Dialect dialect = Dialect::rss;
  std::string recovered;  // what a loose reading accepted, "" when nothing
};

// feedparser's version names from the root element (and RSS's version attribute).
Format detect_format(pugi::xml_node root, std::string_view prolog) {
  xml::QName q = xml::split_name(root.name());
  std::string_view uri = xml::namespace_uri(root, q.prefix);
  if (util::iequals(q.local, "rss")) {
    std::string v(util::trim(xml::attribute(root, "version")));
    if (v == "0.91") {
      std::string lower = util::to_lower(prolog);
      bool netscape = lower.find("<!doctype") != std::string::npos &&
                      lower.find("netscape") != std::string::npos;
      return {netscape ? "rss091n" : "rss091u", Dialect::rss};
    }
    if (v == "0.92") return {"rss092", Dialect::rss};
    if (v == "0.93") return {"rss093", Dialect::rss};
    if (v == "0.94") return {"rss094", Dialect::rss};
    if (util::istarts_with(v, "2.")) return {"rss20", Dialect::rss};
    return {"rss", Dialect::rss};
  }
  // An RDF root without its namespace (`<rdf>`, `<RDF>`, a prefix never declared) is still
  // RSS 1.0 or 0.90, as a loose reader takes it.
  if (util::iequals(q.local, "RDF") &&
      (uri == ns::k_rdf || uri.empty() || uri == ns::k_rss10 || uri == ns::k_rss090)) {
    std::string recovered = uri != ns::k_rdf ? std::string("root <") + root.name() +
                                                   "> without the RDF namespace read as RDF"
                                             : std::string();
    for (pugi::xml_node c : root.children()) {
      if (c.type() == pugi::node_element && xml::element_namespace(c) == ns::k_rss090) {
        return {"rss090", Dialect::rdf, std::move(recovered)};
      }
    }
    return {"rss10", Dialect::rdf, std::move(recovered)};
  }
  if (q.local == "feed") {
    if (uri == ns::k_atom10) return {"atom10", Dialect::atom10};
    std::string v(util::trim(xml::attribute(root, "version")));
    if (v == "0.3") return {"atom03", Dialect::atom03};
    if (v == "0.2") return {"atom02", Dialect::atom03};
    if (v == "0.1") return {"atom01", Dialect::atom03};
    return {"atom", Dialect::atom03};
  }
  if (util::iequals(q.local, "channel")) return {"cdf", Dialect::cdf};
  return {};
}

// The first element below a root that is no feed (an HTML page, a SOAP envelope) that is the
// root of one (<rss>, <feed>, <rdf:RDF>), in document order; a null node when there is none.
// One iterative pass, whatever the depth.
pugi::xml_node wrapped_feed_root(pugi::xml_node root) {
  pugi::xml_node node = root.first_child();
  while (node && node != root) {
    if (node.type() == pugi::node_element) {
      std::string_view local = xml::split_name(node.name()).local;
      if (util::iequals(local, "rss") || local == "feed" || util::iequals(local, "RDF")) {
        return node;
      }
      if (node.first_child()) {
        node = node.first_child();
        continue;
      }
    }
    while (node != root && !node.next_sibling()) node = node.parent();
    if (node != root) node = node.next_sibling();
  }
  return {};
}

// The document's base: its URL, or a Content-Location that resolves to an http(s) URL.
std::string document_base(const ParseHints& hints) {
  if (!hints.content_location.empty()) {
    std::string resolved = util::resolve_url(hints.base_url, hints.content_location);
    std::string scheme = util::url_scheme(resolved);
    if (scheme == "http" || scheme == "https") return resolved;
  }
  return hints.base_url;
}

void collect_namespaces(pugi::xml_node root, model::ParsedFeed& out) {
  auto collect = [&](pugi::xml_node n) {
    for (pugi::xml_attribute a : n.attributes()) {
      std::string_view name = a.name();
      if (name == "xmlns") {
        out.namespaces.emplace("", a.value());
      } else if (name.substr(0, 6) == "xmlns:") {
        out.namespaces.emplace(std::string(name.substr(6)), a.value());
      }
    }
  };
  collect(root);
  for (pugi::xml_node c : root.children()) {
    if (c.type() == pugi::node_element) collect(c);
  }
}

void walk_document(pugi::xml_node root, const Format& format, const ParseHints& hints,
                   model::ParsedFeed& out) {
  Context ctx(out, format.dialect);
  Scope top{document_base(hints), hints.content_language, nullptr};
  Element feed_element = ctx.element(root, top);
  Target channel{out.feed, &out.feed, nullptr};
  if (format.dialect == Dialect::cdf) {
    out.feed.language = feed_element.scope.language;
    read_cdf(ctx, feed_element);
    return;
  }
  if (format.dialect == Dialect::atom10 || format.dialect == Dialect::atom03) {
    out.feed.base = feed_element.scope.base;
    out.feed.language = feed_element.scope.language;
    ctx.walk_children(feed_element, channel);
    return;
  }
  bool channel_seen = false;
  for (pugi::xml_node c : root.children()) {
    if (c.type() != pugi::node_element) continue;
    Element e = ctx.element(c, feed_element.scope);
    if (e.local == "channel" && e.prefix.empty() && !channel_seen) {
      channel_seen = true;
      out.feed.base = e.scope.base;
      out.feed.language = e.scope.language;
      ctx.walk_children(e, channel);
    } else {
      ctx.handle(e, channel);
    }
  }
}

// feedparser: an entry whose guid is a permalink and that has no link gets the guid as link.
void finish_entries(model::ParsedFeed& out) {
  for (model::ParsedEntry& entry : out.entries) {
    if (entry.guidislink && entry.link.empty()) entry.link = entry.id;
  }
}

// Records the first reason recovery was needed.
void flag(model::ParsedFeed& out, std::string exception) {
  if (!out.bozo) {
    out.bozo = true;
    out.bozo_exception = std::move(exception);
  }
}

// Parses `text` into `doc`, recovering as a forgiving reader would; returns the text the tree
// was built from.
std::string load_with_recovery(pugi::xml_document& doc, std::string text, model::ParsedFeed& out,
                               bool& rebalanced) {
  Repaired repaired = repair_entities(std::move(text));
  if (!repaired.problem.empty()) flag(out, "SAXParseException: " + repaired.problem);
  // No parse_doctype: DTDs are skipped, so external entities are never fetched and internal
  // entity declarations never expanded (no billion laughs). pugixml parses iteratively.
  unsigned options = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_wconv_attribute |
                     pugi::parse_eol | pugi::parse_ws_pcdata;
  pugi::xml_parse_result result =
      doc.load_buffer(repaired.text.data(), repaired.text.size(), options, pugi::encoding_utf8);
  if (result) return std::move(repaired.text);
  flag(out, std::string("SAXParseException: ") + result.description() + " at offset " +
                std::to_string(result.offset));
  // pugixml keeps what it read before the error; a rebalanced copy usually reads further
  // (mismatched tags, truncation, garbage after the root), so that the entries after the
  // error are not lost.
  std::string balanced = balance_tags(repaired.text);
  pugi::xml_document second;
  pugi::xml_parse_result retry =
      second.load_buffer(balanced.data(), balanced.size(), options, pugi::encoding_utf8);
  if (retry || retry.offset > result.offset) {
    doc.reset(second);
    rebalanced = true;
    return balanced;
  }
  return std::move(repaired.text);
}

void parse_xml(std::string text, const ParseHints& hints, model::ParsedFeed& out) {
  pugi::xml_document doc;
  bool rebalanced = false;
  std::string parsed = load_with_recovery(doc, std::move(text), out, rebalanced);
  if (std::string bounded = xml::bound_tree(doc); !bounded.empty()) flag(out, std::move(bounded));
  pugi::xml_node root = doc.document_element();
  if (!root) {
    out.version.clear();
    flag(out, "SAXParseException: no element found");
    return;
  }
  std::string_view prolog = std::string_view(parsed).substr(0, 4096);
  Format format =
      detect_format(root, prolog.substr(0, prolog.find(std::string("<") + root.name())));
  if (format.version.empty()) {
    if (pugi::xml_node inner = wrapped_feed_root(root)) {
      Format wrapped = detect_format(inner, {});
      if (!wrapped.version.empty()) {
        flag(out, std::string("NonFeedRoot: the feed <") + inner.name() + "> inside <" +
                      root.name() + "> was read");
        root = inner;
        format = std::move(wrapped);
      }
    }
  }
  if (!format.recovered.empty()) flag(out, "NonFeedRoot: " + format.recovered);
  out.version = format.version;
  collect_namespaces(root, out);
  if (format.version.empty()) {
    flag(out, std::string("NotAFeed: root element <") + root.name() + "> is not RSS, RDF or Atom");
    return;
  }
  walk_document(root, format, hints, out);
  finish_entries(out);
  // Say what the loose reading kept: the entries of a broken document are read one by one,
  // an element left open costing at most itself (balance_tags).
  if (rebalanced && out.bozo_exception.rfind("SAXParseException", 0) == 0) {
    out.bozo_exception +=
        "; recovered loosely (tags rebalanced): " + std::to_string(out.entries.size()) +
        " entries read";
  }
}

}  // namespace

model::ParsedFeed parse_document(std::string_view bytes, const ParseHints& hints) {
  model::ParsedFeed out;
  if (bytes.size() > model::limits::k_max_document_bytes) {
    bytes = bytes.substr(0, model::limits::k_max_document_bytes);
    out.bozo = true;
    out.bozo_exception = "DocumentTooLarge: only the first " +
                         std::to_string(model::limits::k_max_document_bytes) + " bytes were read";
  }
  Decoded decoded = decode_document(bytes, hints.content_type, hints.forced_encoding);
  out.encoding = decoded.encoding;
  if (!decoded.bozo_exception.empty()) flag(out, decoded.bozo_exception);
  if (decoded.json) {
    parse_json_feed(decoded.text, hints, out);
    return out;
  }
  parse_xml(std::move(decoded.text), hints, out);
  if (out.encoding == "utf-8") undo_double_encoding(out);  // as feedparser does
  return out;
}

}  // namespace orrery::parse
