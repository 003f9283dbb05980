// SPDX-License-Identifier: MIT
// `!htrace` / `!htrace -diff` block -> model::HandleTrace. An entry line opens an entry;
// the thread line and the frames under it belong to that entry.
#include "../../../grammars/htrace/htrace.hpp"
#include "commands.hpp"
#include "line_attempts.hpp"
#include "stack.hpp"
#include "../text/contains.hpp"

namespace dbgsift::parse {
namespace {

bool read_command(std::string_view command, grammar::ast::command_words& options) {
    std::vector<diagnostic> ignored;
    return grammar::parse_line(text::trim(command), 0, grammar::htrace_command(), options, ignored);
}

bool is_htrace_command(std::string_view command) {
    grammar::ast::command_words options;  // ranges into the command read
    return read_command(without_bold(text::trim(command)), options);
}

// "0xd9 new stack traces since the previous snapshot.": only -diff (and -snapshot) print it.
bool is_htrace_header(std::string_view line) {
    // "0x3 new stack traces since the previous snapshot.": read whole, so it ends with its
    // last word; most '0'-led lines (addresses, "(busy VirtualAlloc)" rows) end otherwise.
    if (!text::ends_with_any(line, {"snapshot."})) {
        return false;
    }
    // Literal prefilter: "0x3 new stack traces since the previous snapshot."
    if (!text::contains_any(line, {"traces"})) {
        return false;
    }
    std::vector<diagnostic> ignored;
    grammar::ast::htrace_note n;
    return grammar::parse_line(line, 0, grammar::htrace_note(), n, ignored) &&
           n.kind == grammar::ast::htrace_note_kind::new_traces;
}

model::HandleOperation operation(grammar::ast::htrace_operation op) {
    switch (op) {
    case grammar::ast::htrace_operation::close: return model::HandleOperation::close;
    case grammar::ast::htrace_operation::bad_reference: return model::HandleOperation::bad_reference;
    default: return model::HandleOperation::open;
    }
}

// Frames an entry's stack has room for at its first: a recorded stack is rarely deeper.
constexpr std::size_t k_typical_stack_depth = 16;

class HtraceParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        if (m_trace.loc.line == 0) {
            m_trace.loc = ctx.loc(line.number);
            grammar::ast::command_words options;  // ranges into the command read
            if (read_command(ctx.command, options)) {
                for (auto const o : options) {
                    m_trace.diff = m_trace.diff || grammar::view(o) == "-diff";
                }
            }
        }
        LineAttempts attempts(line, ctx);
        boost::spirit::x3::unused_type none;
        // Rules are skipped by the line's first byte (grammar::*_starts, LineAttempts::may_start):
        // most lines of !htrace are stack frames, which no rule before read_frame reads.
        if (grammar::ast::htrace_entry e;
            attempts.may_start(grammar::htrace_entry_starts) && attempts.read(grammar::htrace_entry(), e)) {
            model::HandleTraceEntry entry;
            entry.handle = e.handle;
            entry.operation = operation(e.operation);
            entry.loc = ctx.loc(line.number);
            if (!m_trace.entries.empty()) {
                ctx.keep_list(m_trace.entries.back().stack.frames);  // that stack is done
            }
            m_trace.entries.push_back(std::move(entry));
            return LineVerdict::understood;
        }
        if (grammar::ast::htrace_thread t;
            attempts.may_start(grammar::htrace_thread_starts) && attempts.read(grammar::htrace_thread(), t)) {
            if (m_trace.entries.empty()) {
                return attempts.give_up("a thread line before any handle entry");
            }
            m_trace.entries.back().thread = t.thread;
            m_trace.entries.back().process = t.process;
            return LineVerdict::understood;
        }
        if (grammar::ast::htrace_note n;
            may_be_note(attempts) && attempts.read(grammar::htrace_note(), n)) {
            using K = grammar::ast::htrace_note_kind;
            switch (n.kind) {
            case K::new_traces: m_trace.new_traces = n.value; m_trace.diff = true; break;
            case K::displayed: m_trace.displayed = n.value; m_trace.diff = true; break;
            case K::none_outstanding: m_trace.diff = true; break;
            case K::process: m_trace.process = n.value; break;
            default: break;
            }
            return LineVerdict::understood;
        }
        if (attempts.may_start(grammar::htrace_chatter_starts) && attempts.read(grammar::htrace_chatter(), none)) {
            return LineVerdict::ignored;
        }
        if (!m_trace.entries.empty()) {
            // Read in place, where the frame stays: a Frame read aside and moved in copied its
            // short names (and every frame again at each doubling of the stack).
            auto& frames = m_trace.entries.back().stack.frames;
            if (frames.empty()) {
                frames.reserve(k_typical_stack_depth);
            }
            if (read_frame(attempts, ctx, frames.emplace_back())) {
                return LineVerdict::understood;
            }
            frames.pop_back();
        }
        return attempts.give_up("not a line of !htrace output");
    }

    void finish(BlockContext& ctx) override {
        if (!m_trace.entries.empty() || m_trace.new_traces) {
            if (!m_trace.entries.empty()) {
                ctx.keep_list(m_trace.entries.back().stack.frames);
            }
            ctx.keep_list(m_trace.entries);
            ctx.snapshot.handle_traces.push_back(std::move(m_trace));
        }
    }

private:
    // A note may start here (grammar::htrace_note_starts). Of the notes, only "0x2 new stack
    // traces since the previous snapshot." starts with a digit, as every "0x7c809543:
    // kernel32!..." frame does: a line not ending in "snapshot." is no note (a literal gate on
    // the last bytes, where a search for "new" ran through every frame line; the note rule
    // leaves no diagnostic to lose).
    static bool may_be_note(LineAttempts const& attempts) {
        return attempts.may_start(grammar::htrace_note_starts) &&
               (attempts.lead() != '0' || text::ends_with_any(attempts.line().text, {"snapshot."}));
    }

    model::HandleTrace m_trace;
};

} // namespace

CommandSpec htrace_spec() {
    CommandSpec spec{"htrace", is_htrace_command, is_htrace_header,
            [](std::string_view) { return std::string(); }, model::Target::user,
            []() -> std::unique_ptr<BlockParser> { return std::make_unique<HtraceParser>(); }};
    // No header_words: is_htrace_header's test of the line's last word costs less than the
    // reader's ByteMask of the whole line.
    spec.header_firsts = std::string(grammar::htrace_note_starts);
    spec.header_after_number = std::string(grammar::htrace_note_after_number);
    return spec;
}

} // namespace dbgsift::parse
