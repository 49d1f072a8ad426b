#pragma once
// A temporary planet for config tests: a directory for the operator's files and a themes
// directory whose "default" theme lists index.html.tmpl and planet.css.

#include <string>
#include <string_view>

#include "config/config.h"
#include "support/temp_dir.h"

namespace orrery::config {

class PlanetFixture {
 public:
  PlanetFixture() {
    m_dir.write("themes/default/config.ini",
                "[Planet]\ntemplate_files = index.html.tmpl\nbill_of_materials = planet.css\n");
    m_dir.write("themes/default/index.html.tmpl", "<TMPL_VAR name>\n");
    m_dir.write("themes/default/planet.css", "body {}\n");
  }

  const test::TempDir& dir() const { return m_dir; }
  std::filesystem::path themes() const { return m_dir / "themes"; }

  // Writes planet.ini (or `name`) with `text` and loads it with this fixture's themes.
  util::Result<Config> load_text(std::string_view text, std::string_view name = "planet.ini") {
    return load(m_dir.write(name, text), LoadOptions{themes()});
  }

  // The error of loading `text`, with the fixture's directory replaced by "DIR".
  std::string error_of(std::string_view text, std::string_view name = "planet.ini") {
    auto config = load_text(text, name);
    if (config) {
      return "<loaded>";
    }
    std::string message = config.error().message;
    std::string prefix = m_dir.path().string();
    for (auto at = message.find(prefix); at != std::string::npos; at = message.find(prefix)) {
      message.replace(at, prefix.size(), "DIR");
    }
    return message;
  }

 private:
  test::TempDir m_dir;
};

}  // namespace orrery::config
