#include "render/render.h"

#include <algorithm>

#include "render/atom_writer.h"
#include "render/context.h"
#include "render/htmltmpl.h"

namespace orrery::render {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_htmltmpl_extension = ".tmpl";

// Files written in code; a theme template with the same output name is not rendered.
constexpr std::string_view k_code_outputs[] = {"atom.xml"};

bool is_code_output(std::string_view name) {
  return std::find(std::begin(k_code_outputs), std::end(k_code_outputs), name) !=
         std::end(k_code_outputs);
}

// The keys of the template's own section ([index.html.tmpl]), if the config has one.
const std::map<std::string, std::string>& template_settings(const config::Config& config,
                                                            const std::string& template_name) {
  static const std::map<std::string, std::string> k_none;
  for (const config::TemplateSettings& t : config.templates) {
    if (t.name == template_name) {
      return t.raw;
    }
  }
  return k_none;
}

util::Result<RenderedFile> render_template(const RenderInput& input, const fs::path& file) {
  std::string template_name = file.filename().string();
  std::string output_name =
      template_name.substr(0, template_name.size() - k_htmltmpl_extension.size());
  util::Result<htmltmpl::Template> tmpl =
      htmltmpl::Template::load(file, input.config->planet.template_directories);
  if (!tmpl) {
    return util::unexpected(tmpl.error().message);
  }
  htmltmpl::Context context =
      build_context(input, output_name, template_settings(*input.config, template_name));
  return RenderedFile{output_name, tmpl->render(context)};
}

}  // namespace

util::Result<std::vector<RenderedFile>> render_site(const RenderInput& input) {
  if (input.config == nullptr) {
    return util::unexpected("render: no configuration given");
  }
  std::vector<RenderedFile> files;
  for (const fs::path& file : input.config->planet.template_files) {
    std::string name = file.filename().string();
    bool is_htmltmpl =
        name.size() > k_htmltmpl_extension.size() && name.ends_with(k_htmltmpl_extension);
    // XSLT themes (*.xslt) and other engines are not rendered (yet); nor are templates whose
    // output orrery writes in code.
    if (!is_htmltmpl || is_code_output(name.substr(0, name.size() - k_htmltmpl_extension.size()))) {
      continue;
    }
    util::Result<RenderedFile> rendered = render_template(input, file);
    if (!rendered) {
      return util::unexpected(rendered.error().message);
    }
    files.push_back(std::move(*rendered));
  }
  files.push_back(RenderedFile{"atom.xml", write_atom(input)});
  return files;
}

}  // namespace orrery::render
