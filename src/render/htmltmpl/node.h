#pragma once
// The parsed form of an htmltmpl template, shared by the parser (htmltmpl/parser.cpp) and the
// renderer (htmltmpl/template.cpp). Internal to render/.

#include <string>
#include <vector>

namespace orrery::render::htmltmpl {

// The ESCAPE= attribute of a TMPL_VAR; `unset` applies the value's own kind (text is escaped,
// HTML is not).
enum class Escape { unset, html, url, none };

enum class NodeKind { text, var, if_block, unless_block, loop };

struct Node {
  NodeKind kind = NodeKind::text;
  std::string text;  // the literal text, or the variable or loop name
  Escape escape = Escape::unset;
  std::vector<Node> body;       // if/unless/loop
  std::vector<Node> else_body;  // if/unless after TMPL_ELSE
  // GLOBAL="1" on a var/if/unless: a name missing from the current loop pass is looked up in
  // the enclosing passes and the top level (htmltmpl's global_override; Venus turns global
  // lookup off otherwise).
  bool global = false;
};

}  // namespace orrery::render::htmltmpl
