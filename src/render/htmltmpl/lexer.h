#pragma once
// htmltmpl lexing: `### ` comments, then the split of a template into literal text and
// statements. Internal to render/ (htmltmpl/parser.cpp builds the node tree from the tokens).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "render/htmltmpl/node.h"
#include "util/result.h"

namespace orrery::render::htmltmpl {

// Template text with the comments removed, and where each remaining line came from.
struct Source {
  std::string text;
  std::vector<int> lines;           // lines[i]: original line number (from 1) of text line i
  std::vector<std::size_t> starts;  // offset in `text` where text line i starts
};

// Removes htmltmpl comments: from "### " (three hashes and a space) to the end of the line,
// the newline kept, as htmltmpl's `### .*` does.
Source strip_comments(std::string_view in);

// The original line number of the character at `offset` of `source.text`.
int line_of(const Source& source, std::size_t offset);

enum class Directive { var, if_, unless, else_, loop, include, end_if, end_unless, end_loop };

// "<TMPL_IF>", "</TMPL_LOOP>": a directive as messages show it.
const char* directive_tag(Directive d);

struct Statement {
  Directive directive = Directive::var;
  std::string name;
  Escape escape = Escape::unset;
  bool global = false;  // GLOBAL="1"
  int line = 0;         // original line number
};

struct Token {
  bool is_statement = false;
  std::string text;  // literal text when !is_statement
  Statement statement;
};

// Splits `source` into tokens. As htmltmpl does, the blanks before a statement that starts its
// line and one newline after every statement are dropped. Fails with "NAME:LINE: reason" on an
// unterminated or malformed statement; `name` is the file name for messages.
util::Result<std::vector<Token>> tokenize(const Source& source, const std::string& name);

}  // namespace orrery::render::htmltmpl
