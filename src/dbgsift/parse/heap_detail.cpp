// SPDX-License-Identifier: MIT
// The follow-up `!heap` commands -> model::HeapStat / HeapFilter / HeapBlock. The output
// says which it is (a "group-by:" line, a `_HEAP @` list, an "address X found in" block),
// so one parser reads all three; MEX's `!mex.mheap` prints the same output.
#include "heap_detail.hpp"

#include "../../../grammars/heap_entry/heap_entry.hpp"
#include "../../../grammars/heap_leak/heap_leak.hpp"
#include "../../../grammars/heap_stat/heap_stat.hpp"
#include "line_attempts.hpp"
#include "stack.hpp"
#include "../text/contains.hpp"

#include <cstring>
#include <utility>

namespace dbgsift::parse {
namespace {

using Options = grammar::ast::command_words;  // ranges into the command read

bool read_command(std::string_view command, Options& options) {
    std::vector<diagnostic> ignored;
    return grammar::parse_line(text::trim(command), 0, grammar::heap_detail_command(), options,
                               ignored);
}

// The SIZE of "!heap -flt s SIZE" or "!mex.mheap ... -flt SIZE".
std::optional<std::uint64_t> filter_size(std::string_view command) {
    Options options;
    if (!read_command(command, options)) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (grammar::view(options[i]) != "-flt") {
            continue;
        }
        std::size_t at = i + 1;
        if (at < options.size() && grammar::view(options[at]) == "s") {
            ++at;
        }
        std::uint64_t value = 0;
        if (at < options.size() && grammar::heap_option_value(grammar::view(options[at]), value)) {
            return value;
        }
    }
    return std::nullopt;
}

// Does the line hold `c` at all? A rule that must read `c` before its first expectation point
// fails without a diagnostic on a line without it, so skipping the rule there changes nothing:
// a gate for the row rules below, which every line of a -p -a stack reaches and fails.
// A view, not `auto`: a copy of the line's std::string here cost a malloc per line tried.
bool holds(LineAttempts const& attempts, char c) {
    std::string_view const text = attempts.line().text;
    return std::memchr(text.data(), c, text.size()) != nullptr;
}

// Can a `!heap -stat` row be on this line? The row reads two numbers and then '-' before its
// first expectation point, so it fails without a diagnostic on a line without '-', or whose
// first '[' comes before its first '-' (the '[' would have to be in those numbers): every
// HEAP_ENTRY row, "0b5e1ea8 0009 0000  [00]   0b5e1eb0    00030 - (busy)".
bool may_be_stat_row(LineAttempts const& attempts) {
    std::string_view const text = attempts.line().text;
    auto const dash = text.find('-');
    return dash != std::string_view::npos && text.substr(0, dash).find('[') == std::string_view::npos;
}

// Can the `!heap -l` total ("21 leaks detected.") be on this line? The rule has no expectation
// point and reads the whole line, which holds no '!': every frame of a -p -a stack
// ("7c96d6dc ntdll!RtlAllocateHeap+0xe64") holds one, and reached it before read_frame.
// (Not a gate for the leak row: a kb frame's six numbers before its module!symbol reach the
// row's expectation point, whose diagnostic must stay.)
bool may_be_leak_total(LineAttempts const& attempts) {
    return !holds(attempts, '!');
}

class HeapDetailParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        LineAttempts attempts(line, ctx);
        bool const after_entry = std::exchange(m_after_entry, false);
        // Most lines are rows (hex numbers first); the header and title rules are tried only on
        // a line starting with a byte their first word can start with (LineAttempts::lead).
        // The byte is taken once and compared here: a may_start call per rule cost more than
        // the compares (every line of a -p -a stack passes a dozen of them).
        char const lead = attempts.lead();
        auto const starts = [lead](std::string_view firsts) { return is_one_of(lead, firsts); };
        boost::spirit::x3::unused_type none;
        if ((lead == 's' && attempts.read(grammar::heap_stat_header(), none)) ||  // size
            (lead == 'H' && attempts.read(grammar::heap_entry_header(), none)) ||  // HEAP_ENTRY
            (lead == 'R' && attempts.read(grammar::heap_entry_note(), none)) ||    // Running
            (lead == 'A' && attempts.read(grammar::heap_stat_title(), none))) {    // Allocations
            return LineVerdict::ignored;
        }
        // The symbol the block's first pointer resolves to (a vtable: the object's class); not
        // an allocation frame, so it must not reach the stack reader below.
        // It names a module!symbol, and the rule has no expectation point: a line without '!'
        // (the next HEAP_ENTRY row of a -flt or -h listing) is no hint and leaves no diagnostic.
        if (after_entry && holds(attempts, '!') && attempts.read(grammar::heap_entry_hint(), none)) {
            return LineVerdict::ignored;
        }
        // "Trace: b7a24" keys the +ust database; the stack printed under it is what is read.
        if (std::uint64_t index = 0;
            m_block && m_block->entry && lead == 'T' && attempts.read(grammar::heap_trace_index(), index)) {
            return LineVerdict::ignored;
        }
        // Each row's attribute is made only past its gate: made in the if's own init, it was
        // built (a string, a source span) and destroyed on every line the gate turns away.
        if (starts("hA")) {
            if (grammar::ast::heap_stat_heap h; attempts.read(grammar::heap_stat_heap(), h)) {  // "heap @"
                close_block();
                close_stat();  // `-stat -h 0` prints one table per heap (corpus/heap/027.txt:3, 27)
                m_stat = model::HeapStat{};
                m_stat->heap = std::move(h.address);
                m_stat->loc = ctx.loc(line.number);
                return LineVerdict::understood;
            }
        }
        if (lead == '_') {
            if (grammar::ast::heap_stat_heap h; attempts.read(grammar::heap_usage_heap(), h)) {  // "_HEAP"
                m_usage.push_back({std::move(h.address), 0, 0, 0, 0, 0, ctx.loc(line.number)});
                return LineVerdict::understood;
            }
        }
        if (!m_usage.empty() && starts("SRCV")) {  // Segments, Reserved, Committed, VirtAlloc...
            if (grammar::ast::heap_usage_row r; attempts.read(grammar::heap_usage_row(), r)) {
                auto& u = m_usage.back();
                using C = grammar::ast::heap_usage_counter;
                switch (r.which) {
                case C::segments: u.segments = r.value; break;
                case C::reserved: u.reserved = r.value; break;
                case C::committed: u.committed = r.value; break;
                case C::virtual_blocks: u.virtual_blocks = r.value; break;
                case C::virtual_bytes: u.virtual_bytes = r.value; break;
                }
                return LineVerdict::understood;
            }
        }
        if (lead == 'g') {
            if (grammar::ast::heap_stat_group g; attempts.read(grammar::heap_stat_group(), g)) {  // "group-by:"
                open_stat(ctx, line.number);
                m_stat->group_by = g.by == grammar::ast::heap_stat_grouping::total_size
                                       ? model::HeapStatGroup::total_size
                                       : model::HeapStatGroup::block_count;
                return LineVerdict::understood;
            }
        }
        if (may_be_stat_row(attempts)) {  // "size #blocks - total (percent)": see may_be_stat_row
            if (grammar::ast::heap_stat_row r; attempts.read(grammar::heap_stat_row(), r)) {
                open_stat(ctx, line.number);
                m_stat->rows.push_back({r.size, r.blocks, r.total, r.percent, ctx.loc(line.number)});
                return LineVerdict::understood;
            }
        }
        if (lead == 'a') {
            if (grammar::ast::heap_found f; attempts.read(grammar::heap_found(), f)) {  // "address ... found in"
                close_block();
                m_block = model::HeapBlock{};
                m_block->address = f.address;
                m_block->loc = ctx.loc(line.number);
                return LineVerdict::understood;
            }
        }
        if (lead == '_') {
            if (grammar::ast::heap_root h; attempts.read(grammar::heap_root(), h)) {  // "_HEAP @", "_DPH_HEAP_ROOT @"
                m_heap = std::move(h.address);
                m_page_heap_list.reset();
                if (m_block) {
                    m_block->heap = m_heap;
                    m_block->page_heap = h.page_heap;
                } else {
                    open_filter(ctx, line.number);
                }
                return LineVerdict::understood;
            }
        }
        if (m_block && !m_block->entry) {
            if (auto const verdict = read_page_heap(attempts, ctx)) {
                return *verdict;
            }
        }
        if (!m_block) {
            if (auto const verdict = read_page_heap_list(attempts, ctx)) {
                return *verdict;
            }
        }
        if (grammar::ast::heap_entry_row r;  // "entry size prev [flags] ...": the '[' is read first
            holds(attempts, '[') && attempts.read(grammar::heap_entry_row(), r)) {
            // Filled in place: the -p -a block's entry, or the -flt listing's next one.
            bool const block_entry = m_block && !m_block->entry;
            if (!block_entry) {
                open_filter(ctx, line.number);
            }
            auto& e = block_entry ? m_block->entry.emplace() : m_filter->entries.emplace_back();
            e.entry = r.entry;
            e.user_ptr = r.user_ptr;
            e.user_size = r.user_size;
            e.busy = r.state == grammar::ast::heap_block_state::busy;
            auto const detail = text::trim(grammar::view(r.detail));
            e.state = e.busy ? "busy" : "free";  // then the words after it: "busy VirtualAlloc"
            if (!detail.empty()) {
                e.state += ' ';
                e.state += detail;
            }
            e.virtual_alloc = detail == "VirtualAlloc";
            e.heap = m_heap;
            e.loc = ctx.loc(line.number);
            m_after_entry = true;
            return LineVerdict::understood;
        }
        if (starts(grammar::heap_leak_chatter_starts) && attempts.read(grammar::heap_leak_chatter(), none)) {
            return LineVerdict::ignored;
        }
        // A frame of the block's -p -a stack, before the -l rows that every such frame reached and
        // failed: no line reads as both (a leak row is seven tokens or more, hex then lower-case
        // flags, with no '!', '+', '[' or '('; a frame reads at most an address and a module
        // before one of those or its end), and the frame rule has no expectation point, so a
        // frame that fails leaves no diagnostic to change give_up's pick
        // (tests/grammars/heap_detail_test.cpp pins both).
        // Read straight into the stack's next frame: a Frame built aside was moved in and destroyed
        // on every frame line; a line that is no frame leaves an untouched one, taken off again.
        if (m_block && m_block->entry) {
            auto& frames = m_block->stack.frames;
            if (read_frame(attempts, ctx, frames.emplace_back())) {
                return LineVerdict::understood;
            }
            frames.pop_back();
        }
        if (grammar::ast::heap_leak_row r; attempts.read(grammar::heap_leak_row(), r)) {
            if (!m_leaks) {
                m_leaks = model::HeapLeakScan{};
                m_leaks->loc = ctx.loc(line.number);
            }
            m_leaks->leaks.push_back({r.entry, r.user, std::move(r.heap), r.size, std::move(r.flags),
                                      ctx.loc(line.number)});
            return LineVerdict::understood;
        }
        if (std::uint64_t n = 0; may_be_leak_total(attempts) && attempts.read(grammar::heap_leak_total(), n)) {
            if (!m_leaks) {
                m_leaks = model::HeapLeakScan{};
                m_leaks->loc = ctx.loc(line.number);
            }
            m_leaks->detected = n;
            return LineVerdict::understood;
        }
        return attempts.give_up("not a line of !heap -stat, -flt, -p -a or -l output");
    }

    void elision(BlockContext& /*ctx*/) override {
        if (m_filter) {
            m_filter->elided = true;  // rows were cut: a count of them is a lower bound
        }
    }

    void finish(BlockContext& ctx) override {
        close_block();
        for (auto& block : m_blocks) {
            ctx.snapshot.heap_blocks.push_back(std::move(block));
        }
        close_stat();
        for (auto& stat : m_stats) {
            ctx.snapshot.heap_stats.push_back(std::move(stat));
        }
        if (m_leaks) {
            ctx.snapshot.heap_leaks.push_back(std::move(*m_leaks));
        }
        for (auto& u : m_usage) {
            ctx.snapshot.heap_usage.push_back(std::move(u));
        }
        if (m_filter && !m_filter->entries.empty()) {
            m_filter->size = filter_size(ctx.command);
            ctx.snapshot.heap_filters.push_back(std::move(*m_filter));
        }
    }

private:
    // Full page heap (`_DPH_HEAP_ROOT`): the allocation line, then its DPH_HEAP_BLOCK row.
    std::optional<LineVerdict> read_page_heap(LineAttempts& attempts, BlockContext const& ctx) {
        if (grammar::ast::heap_block_state state{}; attempts.read(grammar::dph_allocation(), state)) {
            m_page_heap_state = state;
            return LineVerdict::understood;
        }
        grammar::ast::dph_block_row r;
        if (!m_page_heap_state || !attempts.read(grammar::dph_block_row(), r)) {
            return std::nullopt;
        }
        bool const busy = *m_page_heap_state == grammar::ast::heap_block_state::busy;
        // "free-ed": as the allocation line says
        m_block->entry = page_heap_entry(r, busy, busy ? "busy" : "free-ed", ctx.loc(attempts.line().number));
        m_page_heap_state.reset();
        return LineVerdict::understood;
    }

    // A DPH_HEAP_BLOCK row as a heap entry of the `_DPH_HEAP_ROOT` being read.
    model::HeapEntry page_heap_entry(grammar::ast::dph_block_row const& r, bool busy, std::string state,
                                     model::Loc loc) const {
        model::HeapEntry e;
        e.entry = r.block;
        e.busy = busy;
        e.state = std::move(state);
        if (r.user) {
            e.user_ptr = r.user->address;
            e.user_size = r.user->size;
        }
        e.heap = m_heap;
        e.loc = loc;
        return e;
    }

    // `!heap -flt s` on a full page heap: per _DPH_HEAP_ROOT a "Freed and decommitted blocks"
    // and a "Busy allocations" list of DPH_HEAP_BLOCK rows (corpus/heap/027.txt:64-76).
    std::optional<LineVerdict> read_page_heap_list(LineAttempts& attempts, BlockContext const& ctx) {
        boost::spirit::x3::unused_type none;
        if (grammar::ast::heap_block_state state{};
            attempts.may_start("FB") && attempts.read(grammar::dph_filter_title(), state)) {
            m_page_heap_list = state;
            open_filter(ctx, attempts.line().number);
            return LineVerdict::understood;
        }
        if (!m_page_heap_list) {
            return std::nullopt;
        }
        if (attempts.may_start("D") && attempts.read(grammar::dph_filter_header(), none)) {
            return LineVerdict::ignored;
        }
        grammar::ast::dph_block_row r;
        if (!attempts.read(grammar::dph_block_row(), r)) {
            return std::nullopt;
        }
        bool const busy = *m_page_heap_list == grammar::ast::heap_block_state::busy;
        // "freed and decommitted": as the list title says
        m_filter->entries.push_back(
            page_heap_entry(r, busy, busy ? "busy" : "freed and decommitted", ctx.loc(attempts.line().number)));
        return LineVerdict::understood;
    }

    void close_stat() {
        if (m_stat && !m_stat->rows.empty()) {
            m_stats.push_back(std::move(*m_stat));
        }
        m_stat.reset();
    }

    void open_stat(BlockContext const& ctx, std::uint32_t line) {
        if (!m_stat) {
            m_stat = model::HeapStat{};
            m_stat->loc = ctx.loc(line);
        }
    }

    void open_filter(BlockContext const& ctx, std::uint32_t line) {
        if (!m_filter) {
            m_filter = model::HeapFilter{};
            m_filter->loc = ctx.loc(line);
        }
    }

    // A `-p -a` block ends where the next one (or another table) starts.
    void close_block() {
        m_page_heap_state.reset();
        if (m_block) {
            m_blocks.push_back(std::move(*m_block));
            m_block.reset();
        }
    }

    std::optional<model::HeapStat> m_stat;
    std::vector<model::HeapStat> m_stats;  // the tables already closed
    std::optional<model::HeapFilter> m_filter;
    std::optional<model::HeapBlock> m_block;
    std::optional<model::HeapLeakScan> m_leaks;
    std::vector<model::HeapBlock> m_blocks;
    std::vector<model::HeapUsage> m_usage;  // `!heap -stat` over all heaps
    std::string m_heap;  // the last `_HEAP @` line
    std::optional<grammar::ast::heap_block_state> m_page_heap_state;  // "in busy allocation (...)"
    std::optional<grammar::ast::heap_block_state> m_page_heap_list;   // "Busy allocations" (-flt)
    bool m_after_entry = false;  // the previous line was a HEAP_ENTRY row
};

} // namespace

std::unique_ptr<BlockParser> make_heap_detail_parser() {
    return std::make_unique<HeapDetailParser>();
}

bool is_heap_detail_header(std::string_view line) {
    // Literal prefilter: each header this accepts begins with one of these words.
    if (!text::starts_with_any(line, {"group-by:", "address", "HEAP_ENTRY"})) {
        return false;
    }
    std::vector<diagnostic> ignored;
    boost::spirit::x3::unused_type none;
    if (grammar::ast::heap_stat_group g; grammar::parse_line(line, 0, grammar::heap_stat_group(), g, ignored)) {
        return true;
    }
    if (grammar::ast::heap_found f; grammar::parse_line(line, 0, grammar::heap_found(), f, ignored)) {
        return true;
    }
    return grammar::parse_line(line, 0, grammar::heap_entry_header(), none, ignored);
}

CommandSpec mex_heap_spec() {
    // Kind "heap": a "group-by:" line inside a `!heap` block must not split it. Plain
    // `!heap` commands reach heap_spec first (registry order), which hands these forms here.
    CommandSpec spec{"heap",
            [](std::string_view command) {
                Options options;
                return read_command(command, options);
            },
            is_heap_detail_header, [](std::string_view) { return std::string(); },
            model::Target::user, make_heap_detail_parser};
    spec.header_words = {"group-by:", "address", "HEAP_ENTRY"};  // what is_heap_detail_header looks for first
    spec.header_firsts = "gaH";  // the first bytes of those words (is_heap_detail_header starts with them)
    return spec;
}

} // namespace dbgsift::parse
