#include "render/htmltmpl/template.h"

#include <charconv>
#include <iterator>
#include <optional>

#include "render/htmltmpl/node.h"
#include "util/strings.h"

namespace orrery::render::htmltmpl {

bool Value::truthy() const {
  switch (kind) {
    case Kind::text:
    case Kind::html:
      return !string.empty();
    case Kind::number:
    case Kind::flag:
      return number != 0;
    case Kind::loop:
      return !loop.empty();
  }
  return false;
}

void Context::set_text(std::string name, std::string value) {
  Value& v = m_values[std::move(name)];
  v = Value{};
  v.kind = Value::Kind::text;
  v.string = std::move(value);
}

void Context::set_html(std::string name, std::string value) {
  Value& v = m_values[std::move(name)];
  v = Value{};
  v.kind = Value::Kind::html;
  v.string = std::move(value);
}

void Context::set_number(std::string name, std::int64_t value) {
  Value& v = m_values[std::move(name)];
  v = Value{};
  v.kind = Value::Kind::number;
  v.number = value;
}

void Context::set_flag(std::string name, bool value) {
  Value& v = m_values[std::move(name)];
  v = Value{};
  v.kind = Value::Kind::flag;
  v.number = value ? 1 : 0;
}

void Context::set_loop(std::string name, std::vector<Context> rows) {
  Value& v = m_values[std::move(name)];
  v = Value{};
  v.kind = Value::Kind::loop;
  v.loop = std::move(rows);
}

void Context::set_text_default(const std::string& name, std::string value) {
  if (!contains(name)) {
    set_text(name, std::move(value));
  }
}

void Context::erase(std::string_view name) {
  if (auto it = m_values.find(name); it != m_values.end()) {
    m_values.erase(it);
  }
}

const Value* Context::find(std::string_view name) const {
  auto it = m_values.find(name);
  return it == m_values.end() ? nullptr : &it->second;
}

std::string escape_html(std::string_view s) {
  return util::escape_html(s, util::Apostrophes::escape);
}

std::string escape_url(std::string_view s) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    bool keep = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                u == '_' || u == '.' || u == '-';
    if (keep) {
      out += c;
    } else if (u == ' ') {
      out += '+';
    } else {
      out += '%';
      out += k_hex[u >> 4];
      out += k_hex[u & 0x0f];
    }
  }
  return out;
}

namespace {

struct LoopFrame {
  std::size_t pass = 0;  // counted from zero
  std::size_t total = 0;
};

// Walks the node tree once, with the chain of scopes (top level, then one row per open loop).
class Renderer {
 public:
  explicit Renderer(const Context& top) { m_scopes.push_back(&top); }

  void render(const std::vector<Node>& nodes) {
    for (const Node& node : nodes) {
      render(node);
    }
  }

  std::string take() { return std::move(m_out); }

 private:
  void render(const Node& node) {
    switch (node.kind) {
      case NodeKind::text:
        m_out += node.text;
        break;
      case NodeKind::var:
        render_var(node);
        break;
      case NodeKind::if_block:
        render(is_true(node) ? node.body : node.else_body);
        break;
      case NodeKind::unless_block:
        render(is_true(node) ? node.else_body : node.body);
        break;
      case NodeKind::loop:
        render_loop(node);
        break;
    }
  }

  void render_var(const Node& node) {
    if (std::optional<std::int64_t> magic = magic_value(node.text)) {
      m_out += std::to_string(*magic);
      return;
    }
    const Value* v = lookup(node.text, node.global);
    if (v == nullptr) {
      // htmltmpl: a missing capitalised name is a loop that has no passes.
      if (is_loop_name(node.text)) {
        m_out += '0';
      }
      return;
    }
    switch (v->kind) {
      case Value::Kind::number:
      case Value::Kind::flag:
        m_out += std::to_string(v->number);
        return;
      case Value::Kind::loop:
        m_out += std::to_string(v->loop.size());
        return;
      case Value::Kind::text:
      case Value::Kind::html:
        break;
    }
    bool as_text = v->kind == Value::Kind::text;
    switch (node.escape) {
      case Escape::url:
        m_out += escape_url(v->string);
        break;
      case Escape::html:
        m_out += escape_html(v->string);
        break;
      case Escape::unset:
      case Escape::none:
        // Text is never markup: ESCAPE="NONE" cannot let a feed's title through as HTML.
        m_out += as_text ? escape_html(v->string) : v->string;
        break;
    }
  }

  void render_loop(const Node& node) {
    const Value* v = lookup(node.text, false);
    if (v == nullptr || v->kind != Value::Kind::loop) {
      return;
    }
    const std::vector<Context>& rows = v->loop;
    m_loops.push_back(LoopFrame{0, rows.size()});
    for (std::size_t i = 0; i < rows.size(); ++i) {
      m_loops.back().pass = i;
      m_scopes.push_back(&rows[i]);
      render(node.body);
      m_scopes.pop_back();
    }
    m_loops.pop_back();
  }

  bool is_true(const Node& node) const {
    if (std::optional<std::int64_t> magic = magic_value(node.text)) {
      return *magic != 0;
    }
    const Value* v = lookup(node.text, node.global);
    return v != nullptr && v->truthy();
  }

  static bool is_loop_name(std::string_view name) {
    return !name.empty() && name.front() >= 'A' && name.front() <= 'Z';
  }

  // htmltmpl's scoping (Venus runs it with global lookup off): a name is looked up in the
  // current loop pass only (the top level outside loops). With GLOBAL="1" a name missing there
  // is taken from the nearest enclosing pass or the top level that has it, loops excepted.
  const Value* lookup(std::string_view name, bool global) const {
    if (const Value* v = m_scopes.back()->find(name)) {
      return v;
    }
    if (!global) {
      return nullptr;
    }
    for (auto it = std::next(m_scopes.rbegin()); it != m_scopes.rend(); ++it) {
      const Value* v = (*it)->find(name);
      if (v != nullptr && v->kind != Value::Kind::loop) {
        return v;
      }
    }
    return nullptr;
  }

  // The magic loop variables of htmltmpl, for the innermost loop; nullopt outside loops and for
  // ordinary names (the parser has already refused unknown magic names).
  std::optional<std::int64_t> magic_value(std::string_view name) const {
    if (m_loops.empty() || name.substr(0, 2) != "__") {
      return std::nullopt;
    }
    const LoopFrame& f = m_loops.back();
    bool first = f.pass == 0;
    bool last = f.pass + 1 == f.total;
    auto pass = static_cast<std::int64_t>(f.pass) + 1;
    if (name == "__FIRST__") return first;
    if (name == "__LAST__") return last;
    if (name == "__INNER__") return !first && !last;
    if (name == "__ODD__") return pass % 2 == 1;
    if (name == "__PASS__") return pass;
    if (name == "__PASSTOTAL__") return static_cast<std::int64_t>(f.total);
    constexpr std::string_view k_every = "__EVERY__";
    if (name.substr(0, k_every.size()) == k_every) {
      std::int64_t every = 0;
      std::string_view digits = name.substr(k_every.size());
      std::from_chars(digits.data(), digits.data() + digits.size(), every);
      // htmltmpl: never true on the first or the last pass.
      return every > 0 && !first && !last && pass % every == 0;
    }
    return std::nullopt;
  }

  std::vector<const Context*> m_scopes;
  std::vector<LoopFrame> m_loops;
  std::string m_out;
};

}  // namespace

std::string Template::render(const Context& context) const {
  Renderer renderer(context);
  renderer.render(*m_nodes);
  return renderer.take();
}

}  // namespace orrery::render::htmltmpl
