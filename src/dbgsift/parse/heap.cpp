// SPDX-License-Identifier: MIT
// `!heap -s` block -> model::HeapSummary. -stat, -flt and -p -a go to parse/heap_detail.cpp.
// Other `!heap` forms (-l, plain) are recognised as heap blocks so their lines are not
// mistaken for another command, but not modelled: their lines are ignored, never guessed at.
#include "../../../grammars/heap/heap.hpp"
#include "commands.hpp"
#include "../text/contains.hpp"
#include "line_attempts.hpp"
#include "heap_detail.hpp"
#include "heap_failure.hpp"
#include "../text/trim.hpp"

namespace dbgsift::parse {
namespace {

using text::trim;

using Options = grammar::ast::command_words;  // ranges into the command read

bool read_command(std::string_view command, Options& options) {
    return matches(command, grammar::heap_command(), options);
}

bool is_heap_command(std::string_view command) {
    Options options;
    return read_command(trim(command), options);
}

// The options of "!heap -s" (and "!heap -s -v"): the summary table. "!heap -s <heap>" prints
// one heap's segments in another layout, so it is not the summary.
bool summary_options(Options const& options) {
    if (options.empty() || grammar::view(options[0]) != "-s") {
        return false;
    }
    for (std::size_t i = 1; i < options.size(); ++i) {
        if (grammar::view(options[i]) != "-v") {
            return false;
        }
    }
    return true;
}

// The options of "!heap -stat -h 510000", "!heap -flt s 156600", "!heap -p -a 7edcc018",
// "!heap -l": the forms parse/heap_detail.cpp reads.
bool detail_options(Options const& options) {
    if (options.empty()) {
        return false;
    }
    auto const first = grammar::view(options[0]);
    return first == "-stat" || first == "-flt" || first == "-l" ||
           (first == "-p" && options.size() > 1 && grammar::view(options[1]) == "-a");
}

// What a !heap block's command asks for: the summary table (parsed here), the detail forms
// (parse/heap_detail.cpp) or another form (recognised, not modelled).
enum class HeapForm { summary, detail, other };

HeapForm classify(std::string_view command) {
    command = trim(command);
    if (command.empty()) {
        return HeapForm::summary;  // a prompt-less paste recognised by the table's own header
    }
    Options options;
    if (!read_command(command, options)) {
        return HeapForm::other;
    }
    if (summary_options(options)) {
        return HeapForm::summary;
    }
    return detail_options(options) ? HeapForm::detail : HeapForm::other;
}

bool is_summary_command(std::string_view command) {
    // A literal gate: a non-empty command whose first option is "-s" holds "-s" (most !heap
    // blocks are the -p -a, -stat and -flt follow-ups, which need not be parsed here then).
    if (command.find("-s") == std::string_view::npos && !trim(command).empty()) {
        return false;
    }
    return classify(command) == HeapForm::summary;
}

bool is_heap_header(std::string_view line) {
    boost::spirit::x3::unused_type none;
    // The column header names both Flags and Reserv; lone words ("Heap") are too common.
    if (line.find("Flags") != std::string_view::npos && line.find("Reserv") != std::string_view::npos &&
        matches(line, grammar::heap_header(), none)) {
        return true;
    }
    if (line.find("NT HEAP STATS") != std::string_view::npos &&
        matches(line, grammar::heap_separator(), none)) {
        return true;
    }
    // Literal prefilter: the two preamble lines that start a heap block.
    if (!text::contains_any(line, {"LFH", "NtGlobalFlag"})) {
        return false;
    }
    grammar::ast::heap_preamble p;
    return matches(line, grammar::heap_preamble(), p) &&
           (p.kind == grammar::ast::preamble_kind::lfh_key || p.kind == grammar::ast::preamble_kind::global_flag);
}

class HeapParser final : public BlockParser {
public:
    LineVerdict line(text::Line const& line, BlockContext& ctx) override {
        if (!m_decided) {
            m_decided = true;
            m_summary.loc = ctx.loc(line.number);
            // -stat, -flt, -p -a: read by their own parser; other forms are not modelled. The
            // command is the block's: classified once, on its first line.
            HeapForm const form = classify(ctx.command);
            m_modelled = form == HeapForm::summary;
            if (form == HeapForm::detail) {
                m_detail = make_heap_detail_parser();
            }
        }
        if (!m_modelled) {
            if (m_detail == nullptr) {
                return LineVerdict::ignored;
            }
            if (LineAttempts failure(line, ctx); m_failures.read(failure, ctx)) {
                return LineVerdict::understood;  // the "HEAP ERROR DETECTED" box any !heap prints first
            }
            return m_detail->line(line, ctx);
        }
        LineAttempts attempt(line, ctx);
        auto verdict = read(attempt, ctx);
        if (verdict == LineVerdict::not_understood && m_failures.read(attempt, ctx)) {
            verdict = LineVerdict::understood;  // the "HEAP ERROR DETECTED" box !heap prints first
        }
        return verdict == LineVerdict::not_understood ? attempt.give_up("not a line of the !heap -s table")
                                                      : verdict;
    }

    void elision(BlockContext& ctx) override {
        if (m_detail != nullptr) {
            m_detail->elision(ctx);
        }
    }

    void finish(BlockContext& ctx) override {
        m_failures.finish(ctx);
        if (m_detail != nullptr) {
            m_detail->finish(ctx);
        }
        if (m_modelled && (!m_summary.heaps.empty() || m_saw_preamble)) {
            ctx.snapshot.heaps.push_back(std::move(m_summary));
        }
    }

private:
    LineVerdict read(LineAttempts& attempt, BlockContext& ctx) {
        auto const& line = attempt.line();
        auto const number = line.number;
        bool const wrapped_row = m_row_may_wrap;
        m_row_may_wrap = false;
        bool const in_aids = m_in_aids;
        m_in_aids = false;
        boost::spirit::x3::unused_type none;

        // Rules are skipped by the line's first byte (grammar::*_starts, LineAttempts::may_start):
        // most lines are heap rows, which every rule before them would otherwise be tried on.
        if ((attempt.may_start(grammar::heap_separator_starts) && attempt.read(grammar::heap_separator(), none)) ||
            (attempt.may_start(grammar::heap_header_starts) && attempt.read(grammar::heap_header(), none))) {
            return LineVerdict::ignored;
        }
        // The preamble's attribute (a string) is made only past the gate, not on every row.
        if (attempt.may_start(grammar::heap_preamble_starts)) {
            if (grammar::ast::heap_preamble p; attempt.read(grammar::heap_preamble(), p)) {
                m_saw_preamble = true;
                if (p.kind == grammar::ast::preamble_kind::global_flag) {
                    m_in_aids = true;
                } else if (p.kind == grammar::ast::preamble_kind::lfh_key) {
                    m_summary.lfh_key = std::string(trim(p.text));
                } else if (p.kind == grammar::ast::preamble_kind::termination) {
                    m_summary.termination_on_corruption = std::string(trim(p.text));
                }
                return LineVerdict::understood;
            }
        }
        if (in_aids) {
            if (std::string aid; attempt.read(grammar::heap_debug_aid(), aid)) {
                m_in_aids = true;
                if (aid == "stack back traces") {
                    m_summary.stack_traces_enabled = true;
                    m_summary.stack_traces_loc = ctx.loc(number);
                }
                m_summary.debugging_aids.push_back(std::move(aid));
                return LineVerdict::understood;
            }
        }
        if (grammar::ast::heap_fragmentation f;
            attempt.may_start(grammar::heap_fragmentation_starts) && attempt.read(grammar::heap_fragmentation(), f)) {
            if (m_summary.heaps.empty()) {
                ctx.diagnose(number, 0, "a fragmentation line before any heap row");
                return LineVerdict::ignored;
            }
            auto& heap = m_summary.heaps.back();
            if (f.kind == grammar::ast::fragmentation_kind::external) {
                heap.external_fragmentation_percent = f.percent;
                heap.free_blocks = f.count;
                heap.fragmentation_loc = ctx.loc(number);
            } else {
                heap.virtual_fragmentation_percent = f.percent;
                heap.uncommitted_ranges = f.count;
            }
            return LineVerdict::understood;
        }
        // "Virtual block: 07a70000 - 07a70000 (size 00000000)" flush with the rows belongs to the
        // row BELOW it (corpus/heap/028.txt: ten above the process heap 004b0000, one above the
        // 1.6 GB heap 00310000, five above 09d50000); indented under a row, like the
        // fragmentation lines, to the row above.
        if (grammar::ast::heap_virtual_block v;
            attempt.may_start(grammar::heap_virtual_block_starts) && attempt.read(grammar::heap_virtual_block(), v)) {
            if (!m_summary.heaps.empty() && text::first_non_blank(line.text) > m_row_indent) {
                auto& heap = m_summary.heaps.back();
                ++heap.virtual_blocks_listed;
                heap.virtual_block_bytes += v.size;
            } else {
                ++m_pending_virtual.count;
                m_pending_virtual.bytes += v.size;
            }
            return LineVerdict::understood;
        }
        if (wrapped_row && attempt.may_start(grammar::heap_fast_continuation_starts)) {
            if (grammar::text_range fast; attempt.read(grammar::heap_fast_continuation(), fast)) {
                m_summary.heaps.back().fast_heap = grammar::view(fast);
                return LineVerdict::understood;
            }
        }
        // The NT heap row is tried first: it is the common row, and the two rules cannot both
        // read a line (heap_row refuses "ddeeddee" after the address, the segment heap row
        // requires it, both before any expectation point), so the order changes no result.
        if (grammar::ast::heap_row r; attempt.read(grammar::heap_row(), r)) {
            auto& heap = add_row(grammar::view(r.address), line.text, ctx.loc(number));
            heap.flags = r.flags;
            heap.reserve_kb = r.reserve_kb;
            heap.commit_kb = r.commit_kb;
            heap.virt_kb = r.virt_kb;
            heap.free_kb = r.free_kb;
            heap.list_length = r.list_length;
            heap.ucr = r.ucr;
            heap.virt_blocks = r.virt_blocks;
            if (r.lock_contention) {
                heap.lock_contention = *r.lock_contention;
            } else {
                heap.lock_bad = true;
            }
            heap.fast_heap = grammar::view(r.fast_heap);
            m_row_may_wrap = heap.fast_heap.empty();
            return LineVerdict::understood;
        }
        if (grammar::ast::segment_heap_row s; attempt.read(grammar::segment_heap_row(), s)) {
            auto& heap = add_row(grammar::view(s.address), line.text, ctx.loc(number));
            heap.flags = s.global_flags;
            heap.reserve_kb = s.reserved_kb;
            heap.commit_kb = s.committed_kb;
            heap.segment_heap = true;
            return LineVerdict::understood;
        }
        return LineVerdict::not_understood;
    }

    bool m_decided = false;
    bool m_modelled = false;
    bool m_saw_preamble = false;
    bool m_in_aids = false;
    bool m_row_may_wrap = false;  // the last row had no Fast column: "   LFH" may follow
    struct {
        std::uint64_t count = 0, bytes = 0;
    } m_pending_virtual;  // "Virtual block:" lines above the next heap row

    std::size_t m_row_indent = 0;  // leading blanks of the last heap row

    // A heap row read (NT or segment heap): the table's next row, named by its address as printed,
    // which takes the virtual blocks listed flush above it; the caller fills in the row's columns
    // (in place: a Heap built aside was moved twice).
    model::Heap& add_row(std::string_view address, std::string_view row, model::Loc loc) {
        auto& heap = m_summary.heaps.emplace_back();
        grammar::heap_address_value(address, heap.address);
        heap.address_text = address;
        heap.loc = loc;
        heap.virtual_blocks_listed += m_pending_virtual.count;
        heap.virtual_block_bytes += m_pending_virtual.bytes;
        m_pending_virtual = {};
        m_row_indent = text::first_non_blank(row);
        return heap;
    }
    model::HeapSummary m_summary;
    std::unique_ptr<BlockParser> m_detail;  // for -stat, -flt, -p -a
    HeapFailureReader m_failures;
};

} // namespace

CommandSpec heap_spec() {
    CommandSpec spec{"heap", is_heap_command, is_heap_header,
            [](std::string_view command) {
                return is_summary_command(command) ? std::string("heap") : std::string();
            },
            model::Target::user, []() -> std::unique_ptr<BlockParser> { return std::make_unique<HeapParser>(); }};
    spec.header_words = {"Flags", "NT HEAP STATS", "LFH", "NtGlobalFlag"};  // what is_heap_header looks for first
    spec.header_firsts = std::string(grammar::heap_header_starts) + std::string(grammar::heap_separator_starts) +
                         std::string(grammar::heap_preamble_starts);
    spec.quotes_other_headers = true;  // a heap failure report (HEAP[app.exe]: ...) before a table
    return spec;
}

} // namespace dbgsift::parse
