#pragma once
// The XSLT engine (libxslt, libxml2, EXSLT): Venus's `name.ext.xslt` templates run over the
// spliced document (document::splice()).
//
// Hostile-safe: the stylesheet may read local files (document(), xsl:include and xsl:import,
// relative to its own directory) but never the network, never writes a file or creates a
// directory (exsl:document, xsl:document), and stops at the template depth and variable bounds
// of model/limits.h. The document is parsed without a DTD, external entities or network access.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "model/limits.h"
#include "util/result.h"

namespace orrery::render::xslt {

struct Limits {
  int max_template_depth = model::limits::k_max_xslt_template_depth;
  int max_template_vars = model::limits::k_max_xslt_template_vars;
  std::size_t max_stylesheet_bytes = model::limits::k_max_template_bytes;
};

// Runs `stylesheet` over `document` (an XML document, UTF-8). Each of `params` is passed as an
// xsl:param string value, verbatim (any quotes allowed). The result is serialised as the
// stylesheet's xsl:output says (method, encoding, indent, doctype). On failure the error is one
// line: `<stylesheet file>: xslt: <reason>` (the first message libxslt or libxml2 gave).
util::Result<std::string> transform(const std::filesystem::path& stylesheet,
                                    std::string_view document,
                                    const std::map<std::string, std::string>& params,
                                    const Limits& limits = {});

}  // namespace orrery::render::xslt
