// SPDX-License-Identifier: MIT
#include "stack.hpp"
#include "../../../grammars/stack/stack.hpp"

namespace dbgsift::parse {

bool read_frame(LineAttempts& attempts, BlockContext const& ctx, model::Frame& out) {
    grammar::ast::stack_frame f;
    if (!attempts.read(grammar::stack_frame(), f)) {
        return false;
    }
    bool const has_symbol = f.symbol && (!f.symbol->function.empty() || f.symbol->offset);
    if (!f.address && !has_symbol) {
        return false;
    }
    model::Frame frame;
    if (f.address) {
        frame.address = *f.address;
    }
    if (f.symbol) {
        frame.module = module_name(std::move(f.symbol->module));
        frame.function = trimmed(f.symbol->function);
        if (f.symbol->offset) {
            frame.offset = *f.symbol->offset;
        }
        if (f.symbol->source) {
            frame.source_file = trimmed(f.symbol->source->file);
            frame.source_line = f.symbol->source->line;
        }
    }
    frame.loc = ctx.loc(attempts.line().number);
    out = std::move(frame);
    return true;
}

std::string module_name(std::string printed) {
    std::string base;
    return matches(printed, grammar::module_base_name(), base) ? base : printed;
}

} // namespace dbgsift::parse
