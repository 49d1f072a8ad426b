#include "render/atom.h"

#include "document/document.h"

namespace orrery::render {

std::string write_atom(const RenderInput& input) {
  document::SpliceInput splice;
  splice.config = input.config;
  splice.entries = input.entries;
  splice.channels = input.channels;
  splice.now = input.now;
  splice.generator = input.generator;
  splice.planet_elements = document::PlanetElements::drop;
  splice.feed_updated = document::FeedUpdated::newest_entry;
  return document::splice(splice);
}

}  // namespace orrery::render
