// SPDX-License-Identifier: MIT
// `k`, `kb`, `kn`, `~N kb`: one thread's call stack -> model::ThreadStack, its frames split by
// the stack grammar like every other stack dbgsift reads.
#include "../../../grammars/stack/stack.hpp"
#include "line_attempts.hpp"
#include "commands.hpp"

namespace dbgsift::parse {
namespace {

namespace g = grammar;

class KStackParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        LineAttempts attempt(line, ctx);
        boost::spirit::x3::unused_type none;
        if (attempt.read(g::k_header(), none) || attempt.read(g::k_warning(), none)) {
            return LineVerdict::ignored;
        }
        if (g::ast::k_thread t; attempt.read(g::k_thread(), t)) {
            m_stack.thread = std::move(t.id);
            return LineVerdict::understood;
        }
        if (g::ast::k_frame f; attempt.read(g::k_frame(), f)) {
            model::Frame frame;
            bool const named = f.symbol && (!f.symbol->module.empty() || !f.symbol->function.empty());
            if (named) {
                frame.module = f.symbol->module;
                frame.function = trimmed(f.symbol->function);
                if (f.symbol->offset) {
                    frame.offset = *f.symbol->offset;
                }
                if (f.symbol->source) {
                    frame.source_file = trimmed(f.symbol->source->file);
                    frame.source_line = f.symbol->source->line;
                }
            } else {
                frame.address = f.columns.back();  // "0xfffff803`0b5d5938": no module claims it
            }
            frame.loc = ctx.loc(line.number);
            if (m_stack.stack.frames.empty()) {
                m_stack.loc = frame.loc;
            }
            m_stack.stack.frames.push_back(std::move(frame));
            return LineVerdict::understood;
        }
        return attempt.give_up("not a line of k output (frame, header or thread line)");
    }

    void finish(BlockContext& ctx) override {
        if (!m_stack.stack.frames.empty()) {
            ctx.snapshot.thread_stacks.push_back(std::move(m_stack));
        }
    }

private:
    model::ThreadStack m_stack;
};

bool is_k_command(std::string_view command) {
    boost::spirit::x3::unused_type none;
    return matches(command, g::k_command(), none);
}

} // namespace

CommandSpec kstack_spec() {
    return {"kstack", is_k_command, nullptr, [](std::string_view) { return std::string(); },
            model::Target::user,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<KStackParser>(); }};
}

} // namespace dbgsift::parse
