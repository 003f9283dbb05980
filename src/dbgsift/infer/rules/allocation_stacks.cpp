// SPDX-License-Identifier: MIT
// heap-leak, read from the follow-up commands an analyst runs once a heap is suspected
// (HEURISTICS R15; MS docs "Using UMDH to Find a User-Mode Memory Leak"):
//  - `!heap -stat -h`: one block size holding most busy bytes is the pivot;
//  - `!heap -flt s`: how many busy blocks of that size there are;
//  - `!heap -p -a` and UMDH comparisons: the stack that allocated them, blamed on the
//    first frame past the allocator (infer/attribution.cpp).
// Names functions (rankings.functions) and gives their modules credit.
#include "rules_list.hpp"

#include "../attribution.hpp"
#include "../merge_finding.hpp"
#include "../text.hpp"
#include "../../format/format.hpp"

#include "../../format/compiled.hpp"
#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace dbgsift::infer::rules {
namespace {

// Sentences' formats as FMT_COMPILE("..."): parsed when compiled, not by fmt on every call (issue 14).

// "Dominant" is a majority of the busy bytes: more than all other sizes together.
constexpr double k_dominant_percent = 50.0;

using format::hex;

// A UMDH byte count as that log printed it (hex unless -d), with its reading.
std::string umdh_bytes(std::uint64_t b, bool decimal) {
    return decimal ? format::bytes_cited(b) : format::hex_bytes_cited(b);
}

struct Dominant {
    model::HeapStat const* stat = nullptr;
    model::HeapStatRow const* row = nullptr;
};

// The size class holding a majority of busy bytes in a TOTSIZE table, if any.
Dominant dominant_size(model::Case const& c) {
    Dominant best;
    for (auto const& s : c.snapshots) {
        for (auto const& stat : s.heap_stats) {
            if (stat.group_by == model::HeapStatGroup::block_count) {
                continue;  // percent of blocks, not of bytes
            }
            for (auto const& row : stat.rows) {
                if (row.percent > k_dominant_percent && (best.row == nullptr || row.total > best.row->total)) {
                    best = {&stat, &row};
                }
            }
        }
    }
    return best;
}

// The TOTSIZE row of that block size with the largest share, if any `-stat` listed it.
Dominant stat_row_of_size(model::Case const& c, std::uint64_t size) {
    Dominant best;
    for (auto const& s : c.snapshots) {
        for (auto const& stat : s.heap_stats) {
            if (stat.group_by == model::HeapStatGroup::block_count) {
                continue;
            }
            for (auto const& row : stat.rows) {
                if (row.size == size && (best.row == nullptr || row.percent > best.row->percent)) {
                    best = {&stat, &row};
                }
            }
        }
    }
    return best;
}

// The function (or module) a stack blames, and how firmly.
struct Blame {
    std::string function;  // "MyApp!LeakyFunc"; empty when only a module is known
    std::string module;
    std::string caveat;    // why the function name may be wrong
    model::Loc loc;
};

std::optional<Blame> blame(model::Stack const& stack, SkippedFrames const& skipped) {
    auto const* frame = attributed_frame(stack, skipped);
    if (frame == nullptr) {
        return std::nullopt;
    }
    Blame b;
    b.module = frame->module;
    b.loc = frame->loc;
    if (!frame->function.empty()) {
        b.function = frame->name();
        if (frame->offset && *frame->offset >= k_export_only_offset) {
            b.caveat = format::compiled(
                FMT_COMPILE("the offset {} is too large for one function: the module was read without private "
                            "symbols and '{}' is only the nearest export, so the module is the firmer name"),
                hex(*frame->offset), frame->function);
        }
    }
    return b;
}

void credit(Report& report, Blame const& b, double score, std::string const& reason,
            std::vector<model::Loc> const& evidence, Finding& finding) {
    double const function_score = b.caveat.empty() ? score : score * 0.6;
    if (!b.function.empty()) {
        Culprit f{CulpritKind::function, b.function, function_score, {reason}, evidence};
        if (!b.caveat.empty()) {
            f.reasons.push_back(b.caveat);
        }
        report.rankings.functions.push_back(f);
        finding.culprits.push_back(std::move(f));
    }
    Culprit m{CulpritKind::module, b.module, b.caveat.empty() ? score * 0.9 : score, {}, evidence};
    m.reasons.push_back(b.function.empty() ? reason
                                           : "allocates through its function " + b.function + ": " + reason);
    if (b.function.empty() || !b.caveat.empty()) {
        report.rankings.modules.push_back(m);
        finding.culprits.push_back(std::move(m));
    } else {
        report.rankings.modules.push_back(std::move(m));  // the function stands for it in the finding
    }
}

// UMDH: stacks that grew between two logs, largest growth first.
void umdh_growth(model::Case const& c, Report& report, Finding& f) {
    struct Grown {
        model::UmdhTrace const* trace;
        bool decimal;  // the log printed -d (decimal) numbers
    };
    std::vector<Grown> grown;
    std::uint64_t total = 0;
    for (auto const& s : c.snapshots) {
        for (auto const& u : s.umdh) {
            for (auto const& t : u.traces) {
                if (t.grew && t.delta > 0) {
                    grown.push_back({&t, u.decimal});
                    total += t.delta;
                }
            }
        }
    }
    std::stable_sort(grown.begin(), grown.end(),
                     [](auto const& a, auto const& b) { return a.trace->delta > b.trace->delta; });
    for (auto const& [t, decimal] : grown) {
        auto const b = blame(t->stack, SkippedFrames(t->stack, StackPurpose::heap_allocation));
        if (!b) {
            continue;
        }
        double const share = total > 0 ? static_cast<double>(t->delta) / static_cast<double>(total) : 0;
        std::string reason = format::compiled(
            FMT_COMPILE("UMDH: {} grew by {} between the two logs ({} -> {}{}); {} is the first frame past the "
                        "allocator, the C runtime and system DLLs ({} of the growth UMDH lists)"),
            t->backtrace, umdh_bytes(t->delta, decimal), format::size(t->before), format::size(t->after),
            t->allocs ? format::compiled(FMT_COMPILE(", {} allocations outstanding"), format::count(*t->allocs)) : std::string(),
            b->function.empty() ? b->module : b->function, format::percent(share));
        std::vector<model::Loc> evidence{t->loc, b->loc};
        credit(report, *b, 0.5 + 0.4 * share, reason, evidence, f);
        f.evidence.insert(f.evidence.end(), evidence.begin(), evidence.end());
        if (f.summary.empty()) {
            f.summary = format::compiled(
                FMT_COMPILE("Heap growth by allocation stack (UMDH): {} grew by {} between two logs, allocated by {}. "
                            "Growth between two logs is a candidate, not yet a leak: a cache or a warming workload "
                            "grows the same way; a third log that keeps growing confirms it."),
                t->backtrace, format::size(t->delta), b->function.empty() ? b->module : b->function);
            f.score = 0.5 + 0.4 * share;
            f.severity = Severity::medium;
        }
    }
}

// The busy blocks of one size that `!heap -flt s` listed.
struct ListedBlocks {
    std::size_t busy = 0;
    std::size_t virtual_alloc = 0;  // of them, VirtualAlloc'd outside the heap's segments
    bool elided = false;            // the paste cut the listing: `busy` is a lower bound
    model::Loc first_row;
    std::uint64_t first_user_ptr = 0;  // one of them, for the next !heap -p -a
};

ListedBlocks busy_blocks_of_size(model::Case const& c, std::uint64_t size) {
    ListedBlocks out;
    for (auto const& s : c.snapshots) {
        for (auto const& filter : s.heap_filters) {
            bool of_size = false;
            for (auto const& e : filter.entries) {
                if (e.busy && e.user_size == size) {
                    of_size = true;
                    ++out.busy;
                    out.virtual_alloc += e.virtual_alloc ? 1 : 0;
                    if (out.first_row.line == 0) {
                        out.first_row = e.loc;
                        out.first_user_ptr = e.user_ptr;
                    }
                }
            }
            out.elided = out.elided || (of_size && filter.elided);
        }
    }
    return out;
}

// "; !heap -flt s lists 19 busy blocks of that size (the paste cut the listing; ...), each its own
// VirtualAlloc ...". Blocks above the heap's VirtualAlloc threshold (about 512 KB in a 32-bit
// process, 1 MB in a 64-bit one) come straight from the memory manager, not from a heap segment
// (Windows Internals, 7th ed., part 1, ch. 5, "Heap manager"): they show in !address as their
// own regions and in !heap -s as virtual blocks, not as committed segment bytes.
std::string listing_words(ListedBlocks const& listed, std::uint64_t stat_blocks) {
    std::string words =
        format::compiled(FMT_COMPILE("; !heap -flt s lists {} of that size"), format::count_of(listed.busy, "busy block"));
    if (listed.elided) {
        words += format::compiled(FMT_COMPILE(" (the paste cut the listing; !heap -stat counts {})"), format::count(stat_blocks));
    }
    if (listed.virtual_alloc == listed.busy) {
        words += listed.busy == 1 ? ", VirtualAlloc'd outside the heap's segments"
                                  : ", each its own VirtualAlloc outside the heap's segments";
    }
    return words;
}

// -stat dominant size, -flt count of busy blocks of that size, -p -a allocation stacks.
void heap_block_stacks(model::Case const& c, Report& report, Finding& f) {
    auto const dom = dominant_size(c);
    std::string size_words;
    double base = 0.4;
    ListedBlocks listed;
    if (dom.row != nullptr) {
        size_words = format::compiled(FMT_COMPILE("blocks of {} hold {} of the busy bytes of heap {} ({}, {} in all)"),
                                 format::hex_bytes_cited(dom.row->size), format::percent_points(dom.row->percent),
                                 dom.stat->heap.empty() ? std::string("?") : dom.stat->heap,
                                 format::count_of(dom.row->blocks, "block"), format::size(dom.row->total));
        base = 0.4 + 0.5 * dom.row->percent / 100;
        f.evidence.push_back(dom.row->loc);
        if (!dom.stat->heap.empty()) {
            Culprit h{CulpritKind::heap, dom.stat->heap, base, {"!heap -stat: " + size_words}, {dom.row->loc}};
            report.rankings.heaps.push_back(h);
        }
        listed = busy_blocks_of_size(c, dom.row->size);
        if (listed.busy > 0) {
            size_words += listing_words(listed, dom.row->blocks);
            f.evidence.push_back(listed.first_row);
        }
    }
    model::HeapBlock const* stackless = nullptr;  // a busy -p -a block printed with no stack
    SkippedFramesOfRuns skipped_of(StackPurpose::heap_allocation);  // a run of one leak's blocks asks once
    for (auto const& s : c.snapshots) {
        for (auto const& block : s.heap_blocks) {
            if (block.entry && !block.entry->busy) {
                continue;  // a freed block's stack is the one that freed it, not its allocator
            }
            if (block.stack.frames.empty() && block.entry && stackless == nullptr) {
                stackless = &block;
            }
            auto const b = blame(block.stack, skipped_of.of(block.stack));
            if (!b) {
                continue;
            }
            bool const of_dominant = dom.row != nullptr && block.entry && block.entry->user_size == dom.row->size;
            std::string const what = block.entry ? format::compiled(FMT_COMPILE("the {} block of {}"), block.entry->state,
                                                               format::hex_bytes_cited(block.entry->user_size))
                                                 : std::string("the heap block");
            std::string reason = format::compiled(FMT_COMPILE("!heap -p -a {}: {} in {} {} was allocated by {}"), hex(block.address),
                                             what, block.page_heap ? "full page heap" : "heap",
                                             block.heap.empty() ? std::string("?") : block.heap,
                                             b->function.empty() ? b->module : b->function);
            std::vector<model::Loc> evidence{block.loc, b->loc};
            if (of_dominant) {
                reason += "; it is of the dominant size: " + size_words;
            } else if (auto const row = block.entry ? stat_row_of_size(c, block.entry->user_size) : Dominant{};
                       row.row != nullptr) {
                // Not a majority, but the analyst picked this size from -stat (corpus/heap/029.txt:9):
                // say what share it holds, no more.
                reason += format::compiled(FMT_COMPILE("; blocks of that size hold {} of the busy bytes of heap {} ({} blocks), "
                                                  "no majority: other sizes may hold as much"),
                                      format::percent_points(row.row->percent),
                                      row.stat->heap.empty() ? std::string("?") : row.stat->heap,
                                      format::count(row.row->blocks));
                evidence.push_back(row.row->loc);
            }
            credit(report, *b, of_dominant ? base : 0.4, reason, evidence, f);
            f.evidence.insert(f.evidence.end(), evidence.begin(), evidence.end());
            if (f.summary.empty() || of_dominant) {
                std::string const who = !b->function.empty() && b->caveat.empty()
                                            ? b->function
                                            : "module " + b->module +
                                                  (b->function.empty() ? "" : " (exports-only symbols: " + b->function + ")");
                f.summary = format::compiled(
                    FMT_COMPILE("Heap leak candidate named by its allocation stack: {}{}. One block's stack "
                                "names who allocated that block, not that every block like it is leaked: large "
                                "long-lived buffers look the same; a later !heap -stat that keeps growing confirms it."),
                    who, of_dominant ? "; " + size_words : std::string());
                f.score = of_dominant ? base : 0.4;
                f.severity = of_dominant ? Severity::medium : Severity::low;
            }
        }
    }
    if (f.summary.empty() && dom.row != nullptr) {
        f.summary = "One block size dominates a heap: " + size_words +
                    ". A dominant size is the pivot, not proof of a leak: the allocation stack "
                    "(!heap -p -a on one of these blocks, with +ust) says who allocates them.";
        f.score = 0.35;  // a pivot for the next command, not a leak by itself
        f.severity = Severity::low;
        f.next_steps.push_back("!heap -flt s " + format::compiled(FMT_COMPILE("{:x}"), dom.row->size));
        if (stackless == nullptr) {
            f.next_steps.push_back(listed.first_user_ptr != 0
                                       ? "!heap -p -a " + hex(listed.first_user_ptr) + "   (a listed block of that size; needs +ust)"
                                       : "!heap -p -a <UserPtr of a busy block of that size>   (needs +ust)");
        } else {
            // MS docs (!heap -p -a, GFlags "Create user mode stack trace database"): without
            // +ust the block is found but no allocation stack was recorded (corpus/heap/028.txt:115).
            f.summary += format::compiled(FMT_COMPILE(" !heap -p -a {} found the block but printed no allocation stack: the "
                                                 "process ran without +ust, so nothing in this log names the allocator."),
                                     hex(stackless->address));
            f.evidence.push_back(stackless->loc);
            f.next_steps.push_back(
                "gflags /i <image> +ust, restart and reproduce, then !heap -p -a <UserPtr>   (records allocation stacks)");
        }
    }
}

// `!heap -l`: busy blocks nothing was found to point to, per heap. The scan is conservative
// (MS docs, !heap -l: "potentially leaked"): a pointer kept encoded, in a register or in
// memory the scan does not read makes a live block look unreachable.
void heap_leak_scan(model::Case const& c, Report& report, Finding& f) {
    std::map<std::string, std::pair<std::size_t, model::Loc>> per_heap;
    std::size_t total = 0;
    model::HeapLeak const* example = nullptr;
    for (auto const& s : c.snapshots) {
        for (auto const& scan : s.heap_leaks) {
            for (auto const& l : scan.leaks) {
                auto& [n, loc] = per_heap[l.heap];
                loc = n == 0 ? l.loc : loc;
                ++n;
                ++total;
                example = example == nullptr ? &l : example;
            }
        }
    }
    if (total == 0) {
        return;
    }
    std::string top;
    std::size_t top_n = 0;
    for (auto const& [heap, count] : per_heap) {
        if (count.first > top_n) {
            top = heap;
            top_n = count.first;
        }
    }
    double const share = static_cast<double>(top_n) / static_cast<double>(total);
    std::string const reason =
        format::compiled(FMT_COMPILE("!heap -l: {} of the {} busy blocks with no reference found are in heap {}"),
                    format::count(top_n), format::count(total), top);
    report.rankings.heaps.push_back({CulpritKind::heap, top, 0.3 + 0.3 * share, {reason}, {per_heap[top].second}});
    f.evidence.push_back(per_heap[top].second);
    f.summary = format::compiled(
        FMT_COMPILE("!heap -l found {} busy blocks nothing points to, {} of them in heap {}. The scan is "
                    "conservative: a pointer kept encoded, in a register or in memory it does not read makes a live "
                    "block look unreachable, so these are candidates; their allocation stacks say who made them."),
        format::count(total), format::count(top_n), top);
    f.score = 0.3 + 0.2 * share;
    f.severity = Severity::low;
    f.next_steps.push_back(
        format::compiled(FMT_COMPILE("!heap -p -a {:x}   (allocation stack of one of them, needs +ust)"), example->user));
}

} // namespace

void allocation_stacks(model::Case const& c, Options const& /*options*/, Report& report) {
    Finding f;
    f.pattern = Pattern::heap_leak;
    umdh_growth(c, report, f);
    Finding blocks;
    blocks.pattern = Pattern::heap_leak;
    heap_block_stacks(c, report, blocks);
    Finding scan;
    scan.pattern = Pattern::heap_leak;
    heap_leak_scan(c, report, scan);
    for (auto* part : {&f, &blocks, &scan}) {
        if (!part->summary.empty()) {
            add_or_merge_finding(report, std::move(*part));
        }
    }
}

} // namespace dbgsift::infer::rules
