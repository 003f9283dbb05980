// SPDX-License-Identifier: MIT
#include "stack.hpp"
#include "../../../grammars/stack/stack.hpp"

namespace dbgsift::parse {

bool read_frame(LineAttempts& attempts, BlockContext const& ctx, model::Frame& out) {
    grammar::ast::stack_frame f;
    if (!attempts.read(grammar::stack_frame(), f)) {
        return false;
    }
    bool const has_symbol = !f.symbol.function.empty() || f.symbol.offset;
    if (!f.address && !has_symbol) {
        return false;
    }
    // Straight into `out` (a fresh Frame): no Frame built aside and moved.
    if (f.address) {
        out.address = *f.address;
    }
    put_symbol(f.symbol, out);
    out.loc = ctx.loc(attempts.line().number);
    return true;
}

void put_symbol(grammar::ast::frame_symbol const& symbol, model::Frame& out) {
    auto const module = grammar::view(symbol.module);
    if (std::string base; grammar::may_have_base_suffix(module) && matches(module, grammar::module_base_name(), base)) {
        out.module = std::move(base);
    } else {
        out.module = module;
    }
    out.function = text::trim(grammar::view(symbol.function));
    if (symbol.offset) {
        out.offset = *symbol.offset;
    }
    if (symbol.source) {
        auto& source = out.source.fill();
        source.file = trimmed(grammar::view(symbol.source->file));
        source.line = symbol.source->line;
    }
}

} // namespace dbgsift::parse
