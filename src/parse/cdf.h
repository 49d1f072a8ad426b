#pragma once
// Internal: CDF (Channel Definition Format) documents, version "cdf".

#include "model/limits.h"
#include "parse/context.h"

namespace orrery::parse {

// Reads the root <CHANNEL> element `root` and its <ITEM>s into ctx.feed().
void read_cdf(Context& ctx, const Element& root);

}  // namespace orrery::parse
