#pragma once
// htmltmpl: the template language of Planet Venus themes (Tomas Styblo's Python htmltmpl 1.22),
// re-implemented. A template is parsed once into a node tree and rendered against a Context.
//
// Statements (tag names case-insensitive, also in the `<!-- TMPL_VAR name -->` comment form):
//   <TMPL_VAR name [ESCAPE="HTML|URL|NONE"] [GLOBAL="1"]>
//   <TMPL_IF name [GLOBAL="1"]> … [<TMPL_ELSE>] … </TMPL_IF>
//   <TMPL_UNLESS name [GLOBAL="1"]> … [<TMPL_ELSE>] … </TMPL_UNLESS>
//   <TMPL_LOOP Name> … </TMPL_LOOP>
//   <TMPL_INCLUDE NAME="file">
// The name is given bare or as NAME=; values may be quoted. `### ` starts a comment that runs to
// the end of the line; a line holding only a comment is dropped. As in htmltmpl, spaces before a
// statement that starts a line and one newline after any statement are eaten.
//
// Escaping. Venus runs htmltmpl with html_escape=0, trusting every value; orrery instead types
// each string value: Text (titles, names, URLs: never markup) is HTML-escaped wherever it goes,
// Html (sanitised content) goes in verbatim unless the template asks ESCAPE="HTML" (to embed it
// as text, as RSS <description> does). ESCAPE="URL" percent-encodes either kind.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace orrery::render::htmltmpl {

class Context;

// One template variable: a string (text or HTML), a number, a flag, or a loop of contexts.
struct Value {
  enum class Kind { text, html, number, flag, loop };
  Kind kind = Kind::text;
  std::string string;       // text and html
  std::int64_t number = 0;  // number; flag as 0/1
  std::vector<Context> loop;

  // htmltmpl's truthiness: a non-empty string, a non-zero number, a loop with passes.
  bool truthy() const;
};

// Variables and loops by name (names are case-sensitive; Venus's loops are capitalised: Items).
class Context {
 public:
  // Each setter replaces whatever `name` held. Text is escaped wherever it is rendered; HTML
  // must already be safe (sanitised) and is rendered as it is unless ESCAPE= says otherwise.
  void set_text(std::string name, std::string value);
  void set_html(std::string name, std::string value);
  void set_number(std::string name, std::int64_t value);
  void set_flag(std::string name, bool value);
  // A loop: one row per pass, in order. Inside a pass only the row's names are seen, unless a
  // statement says GLOBAL="1" (see Template::render).
  void set_loop(std::string name, std::vector<Context> rows);
  // Sets a text variable only when the name is not yet set.
  void set_text_default(const std::string& name, std::string value);
  // Unsets `name` (nothing happens when it is not set).
  void erase(std::string_view name);

  // The value named `name` in this context alone, or nullptr.
  const Value* find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != nullptr; }

 private:
  std::map<std::string, Value, std::less<>> m_values;
};

struct Node;

// A parsed template. Cheap to copy (the tree is shared and immutable).
class Template {
 public:
  // Reads and parses `file`. TMPL_INCLUDE names are looked up in the including file's own
  // directory, then in its inc/ subdirectory (Python htmltmpl's place for them), then in each of
  // `include_directories` in order. Fails with one line
  // "FILE:LINE: reason" on a syntax error, a missing or unreadable file, a file larger than
  // limits::k_max_template_bytes, an include cycle, includes nested deeper than
  // limits::k_max_template_include_depth or blocks nested deeper than
  // limits::k_max_template_nesting.
  static util::Result<Template> load(const std::filesystem::path& file,
                                     const std::vector<std::filesystem::path>& include_directories);

  // Parses `source`; `name` stands for the file in messages and its parent path is where
  // includes are looked up first.
  static util::Result<Template> parse(
      std::string_view source, const std::filesystem::path& name,
      const std::vector<std::filesystem::path>& include_directories);

  // Renders against `context`. As in htmltmpl with global lookup off (Venus), a name is looked
  // up in the current loop pass only (the top level outside loops); with GLOBAL="1", a name
  // missing there comes from the nearest enclosing pass or the top level (loops excepted). A
  // name found nowhere is "" and false, or "0" when capitalised (a loop with no passes); a
  // loop name prints its number of passes. Inside a loop the magic
  // variables __FIRST__ __LAST__ __INNER__ __ODD__ __PASS__ __PASSTOTAL__ __EVERY__n describe the
  // innermost loop's current pass. Never fails: every error is found by parse().
  std::string render(const Context& context) const;

 private:
  explicit Template(std::shared_ptr<const std::vector<Node>> nodes) : m_nodes(std::move(nodes)) {}
  std::shared_ptr<const std::vector<Node>> m_nodes;
};

// HTML-escapes & < > " and ' (text and attribute values in either quote style).
std::string escape_html(std::string_view s);

// Python's urllib.quote_plus: letters, digits and _.- stay, space becomes +, the rest %XX.
std::string escape_url(std::string_view s);

}  // namespace orrery::render::htmltmpl
