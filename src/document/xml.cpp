// The small XML builders of document/: character cleaning, text constructs, links, dates, ids,
// and the indentation that leaves content alone.

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <initializer_list>

#include "document/build.h"
#include "util/strings.h"
#include "util/url.h"

namespace orrery::document::detail {

namespace {

// The entity references XML knows without a DTD (XML 1.0 §4.6); HTML's others (&nbsp;) would be
// left undecoded by the XML parser, so HTML holding them is carried as type="html".
bool has_html_only_entity(std::string_view html) {
  static constexpr std::string_view k_xml_entities[] = {"amp;", "lt;", "gt;", "quot;", "apos;"};
  for (std::size_t at = html.find('&'); at != std::string_view::npos; at = html.find('&', at + 1)) {
    std::string_view rest = html.substr(at + 1);
    if (rest.starts_with('#')) {
      continue;
    }
    bool known = false;
    for (std::string_view e : k_xml_entities) {
      known = known || rest.starts_with(e);
    }
    if (!known) {
      return true;
    }
  }
  return false;
}

// Character references the parser decoded may name characters XML cannot carry (&#1;).
void clean_tree(pugi::xml_node node) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata ||
        child.type() == pugi::node_comment) {
      child.set_value(xml_chars(child.value()).c_str());
    } else if (child.type() == pugi::node_element) {
      for (pugi::xml_attribute a : child.attributes()) {
        a.set_value(xml_chars(a.value()).c_str());
      }
      clean_tree(child);
    }
  }
}

bool only_text(pugi::xml_node node) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) {
      return false;
    }
  }
  return true;
}

// Line breaks and two-space indents between the structural elements (feed, entry, source,
// author, planet:source); never inside text constructs, whose whitespace is content.
void indent(pugi::xml_node node, int depth) {
  if (node.attribute("type") || only_text(node)) {
    return;
  }
  std::string inner = "\n" + std::string(static_cast<std::size_t>(depth + 1) * 2, ' ');
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element) {
      node.insert_child_before(pugi::node_pcdata, child).set_value(inner.c_str());
      indent(child, depth + 1);
    }
  }
  std::string closing = "\n" + std::string(static_cast<std::size_t>(depth) * 2, ' ');
  node.append_child(pugi::node_pcdata).set_value(closing.c_str());
}

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

}  // namespace

pugi::xml_node text_element(pugi::xml_node parent, const char* name, std::string_view value) {
  pugi::xml_node node = parent.append_child(name);
  node.append_child(pugi::node_pcdata).set_value(xml_chars(value).c_str());
  return node;
}

void html_construct(pugi::xml_node parent, const char* name, std::string_view html) {
  pugi::xml_node node = parent.append_child(name);
  if (html.empty()) {
    return;
  }
  std::string wrapped = "<div xmlns=\"";
  wrapped += k_xhtml_ns;
  wrapped += "\">";
  wrapped += html;
  wrapped += "</div>";
  pugi::xml_document fragment;
  bool parsed =
      !has_html_only_entity(html) &&
      fragment.load_buffer(wrapped.data(), wrapped.size(),
                           pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_comments,
                           pugi::encoding_utf8);
  if (!parsed) {
    node.append_attribute("type") = "html";
    node.append_child(pugi::node_pcdata).set_value(xml_chars(html).c_str());
    return;
  }
  clean_tree(fragment);
  pugi::xml_node div = fragment.first_child();
  if (only_text(div)) {
    node.append_child(pugi::node_pcdata).set_value(div.text().get());
    return;
  }
  node.append_attribute("type") = "xhtml";
  node.append_copy(div);
}

std::string safe_link(std::string_view url, util::UrlUse use) {
  return xml_chars(util::allowed_url(url, use));
}

void date_element(pugi::xml_node parent, const char* name, util::TimePoint t,
                  const config::Config& config, PlanetElements planet) {
  pugi::xml_node node = text_element(parent, name, util::format_rfc3339(t));
  if (planet == PlanetElements::keep) {
    node.append_attribute("planet:format") =
        xml_chars(util::format_strftime(t, config.planet.date_format)).c_str();
  }
}

std::string save(const pugi::xml_document& doc) {
  pugi::xml_document copy;
  copy.reset(doc);
  for (pugi::xml_node child : copy.children()) {
    if (child.type() == pugi::node_element) {
      indent(child, 0);
    }
  }
  StringWriter writer;
  copy.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + writer.out + "\n";
}

}  // namespace orrery::document::detail
