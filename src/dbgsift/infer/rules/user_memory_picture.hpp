// SPDX-License-Identifier: MIT
// What the user-mode memory patterns share: one snapshot's !heap -s and !address read as a
// Picture, the usage classes, the growth test and the wording. Each pattern has its own file:
// heap_leak.cpp, virtual_memory_leak.cpp, stack_trace_database_growth.cpp; user_memory.cpp
// pairs the snapshots and calls them.
#pragma once
#include "rules_list.hpp"
#include "../norms.hpp"
#include "../../format/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace dbgsift::infer::rules::user_mem {

constexpr std::uint64_t k_kb = 1024;
constexpr std::uint64_t k_mb = 1024 * 1024;
constexpr std::uint64_t k_gb = 1024 * k_mb;
// A heap whose commit is at least this much and this many times the next one "dwarfs" it.
constexpr std::uint64_t k_dwarf_min_kb = 10 * 1024;
constexpr double k_dwarf_ratio = 5.0;
// Growth that matters between two snapshots: at least 1 MB and 20 % more.
constexpr std::uint64_t k_growth_min_bytes = 1 * k_mb;
constexpr double k_growth_ratio = 1.2;
// A usage class "dominates" at this share of busy memory ...
constexpr double k_dominant_percent = 100.0 * norms::heap_dominant_share_of_busy.value;
// ... of an address space that is large or nearly exhausted.
constexpr std::uint64_t k_large_busy_bytes = 1 * k_gb;
constexpr double k_exhausted_percent = 90.0;
// HEAP_CAPTURE_STACK_BACKTRACES in the heap flags column: +ust is on for that heap.
constexpr std::uint64_t k_heap_flag_stack_traces = 0x08000000;

inline std::string size_text(std::uint64_t bytes) { return format::size(bytes); }
inline std::string kb_text(std::uint64_t kb) { return format::kb_cited(kb); }
inline std::string hex_text(std::uint64_t v) { return format::hex(v); }
inline std::string percent_text(double p) { return format::percent_points(p); }
inline std::string times_text(double ratio) { return format::times(ratio); }

// " (1.2 MB per hour)" when both snapshots print their debug session time, else "": the rate
// an analyst quotes to tell a slow leak from a burst (issue 11).
inline std::string per_hour(model::Snapshot const* a, model::Snapshot const* b, std::uint64_t grown_bytes) {
    if (a == nullptr || b == nullptr || !a->seconds || !b->seconds || *b->seconds <= *a->seconds) {
        return {};
    }
    double const hours = (*b->seconds - *a->seconds) / 3600.0;
    return " (" + format::size(static_cast<std::uint64_t>(static_cast<double>(grown_bytes) / hours)) + " per hour)";
}

using model::UsageClass;

// A usage class as reports name it: "Heap", "VirtualAlloc", "<unknown>".
inline std::string class_name(UsageClass c) { return std::string(model::to_string(c)); }

// Private or mapped memory that is not a heap: where a VirtualAlloc / mapping leak shows.
inline bool is_virtual_alloc_class(UsageClass c) {
    return c == UsageClass::virtual_alloc || c == UsageClass::unknown || c == UsageClass::other ||
           c == UsageClass::mapped_file || c == UsageClass::stack;
}

// Classes that never make a leak suspect: free space, images, thread and process blocks.
inline bool is_fixed_class(UsageClass c) {
    return c == UsageClass::free || c == UsageClass::image || c == UsageClass::teb_peb;
}

// The most evidence any reader of a ClassUse cites (add_evidence's limit, at most 8): a
// class's first lines only are kept, not every region's of a long !address list (issue 14).
constexpr std::size_t k_class_evidence_kept = 8;

struct ClassUse {
    std::uint64_t bytes = 0;      // summary Total Size, or the bytes of the listed regions
    std::uint64_t committed = 0;  // committed bytes of the listed regions
    std::optional<double> percent_busy;
    std::vector<model::Loc> evidence;  // its first k_class_evidence_kept lines

    void add_evidence(model::Loc const& loc) {
        if (evidence.size() < k_class_evidence_kept) {
            evidence.push_back(loc);
        }
    }
};

// One snapshot's user-mode memory, as far as its !heap -s and !address blocks show it.
struct Picture {
    model::Snapshot const* snapshot = nullptr;
    std::size_t index = 0;  // position among the snapshots of its target, 1-based in words
    std::vector<model::Heap const*> heaps;
    bool stack_traces = false;
    model::Loc stack_traces_loc;
    bool has_summary = false;  // a usage table
    bool has_regions = false;
    std::map<UsageClass, ClassUse> summary_classes;  // from the usage table
    std::map<UsageClass, ClassUse> region_classes;   // from the region list
    std::optional<model::Sourced<std::uint64_t>> committed, busy, total, largest_free;
    model::Loc address_loc;

    std::uint64_t heap_commit_kb() const {
        std::uint64_t sum = 0;
        for (auto const* h : heaps) {
            sum += h->commit_kb;
        }
        return sum;
    }
};

inline Picture picture_of(model::Snapshot const& s, std::size_t index) {
    Picture p;
    p.snapshot = &s;
    p.index = index;
    std::size_t heaps = 0;
    for (auto const& summary : s.heaps) {
        heaps += summary.heaps.size();
    }
    p.heaps.reserve(heaps);
    for (auto const& summary : s.heaps) {
        if (summary.stack_traces_enabled) {
            p.stack_traces = true;
            p.stack_traces_loc = summary.stack_traces_loc;
        }
        for (auto const& h : summary.heaps) {
            p.heaps.push_back(&h);
            if ((h.flags & k_heap_flag_stack_traces) != 0 && !h.segment_heap && !p.stack_traces) {
                p.stack_traces = true;
                p.stack_traces_loc = h.loc;
            }
        }
    }
    for (auto const& a : s.address) {
        if (p.address_loc.line == 0) {
            p.address_loc = a.loc;
        }
        for (auto const& r : a.regions) {
            if (r.state_id == model::RegionState::free || r.usage_class == UsageClass::free) {
                continue;
            }
            p.has_regions = true;
            auto& use = p.region_classes[r.usage_class];
            use.bytes += r.size;
            if (r.state_id == model::RegionState::commit) {
                use.committed += r.size;
            }
            use.add_evidence(r.loc);
        }
        for (auto const& row : a.rows) {
            if (row.table == model::AddressTable::usage) {
                p.has_summary = true;
                auto& use = p.summary_classes[row.usage_class];
                use.bytes += row.bytes;
                if (row.percent_busy) {
                    use.percent_busy = use.percent_busy.value_or(0) + *row.percent_busy;
                }
                use.add_evidence(row.loc);
            } else if (row.table == model::AddressTable::state && row.state == model::RegionState::commit) {
                p.committed = model::Sourced<std::uint64_t>{row.bytes, row.loc};
            } else if (row.table == model::AddressTable::total && row.total == model::AddressTotal::busy) {
                p.busy = model::Sourced<std::uint64_t>{row.bytes, row.loc};
            } else if (row.table == model::AddressTable::total && row.total == model::AddressTotal::total) {
                p.total = model::Sourced<std::uint64_t>{row.bytes, row.loc};
            } else if (row.table == model::AddressTable::largest && row.usage_class == UsageClass::free) {
                p.largest_free = model::Sourced<std::uint64_t>{row.bytes, row.loc};
            }
        }
    }
    // New layouts print no Tot/Busy line: busy memory is the usage table without Free.
    if (p.has_summary && !p.busy) {
        std::uint64_t busy = 0, all = 0;
        for (auto const& [cls, use] : p.summary_classes) {
            all += use.bytes;
            if (cls != UsageClass::free) {
                busy += use.bytes;
            }
        }
        p.busy = model::Sourced<std::uint64_t>{busy, p.address_loc};
        if (!p.total) {
            p.total = model::Sourced<std::uint64_t>{all, p.address_loc};
        }
    }
    return p;
}

// The share of busy memory a class holds: the debugger's %ofBusy, else computed.
inline std::optional<double> busy_share(Picture const& p, UsageClass cls, ClassUse const& use) {
    if (use.percent_busy) {
        return use.percent_busy;
    }
    if (p.busy && p.busy->value > 0 && cls != UsageClass::free) {
        return 100.0 * static_cast<double>(use.bytes) / static_cast<double>(p.busy->value);
    }
    return std::nullopt;
}

// Of a ClassUse's evidence, limit must stay within k_class_evidence_kept: all it keeps.
inline void add_evidence(std::vector<model::Loc>& into, std::vector<model::Loc> const& from,
                  std::size_t limit = k_class_evidence_kept) {
    for (std::size_t i = 0; i < from.size() && i < limit; ++i) {
        into.push_back(from[i]);
    }
}

inline double clamp01(double v) { return std::max(0.0, std::min(1.0, v)); }

inline std::vector<std::string> heap_next_steps(std::string const& heap) {
    return {"!heap -stat -h " + heap,
            "!heap -flt s <size>   (the size that dominates !heap -stat)",
            "!heap -p -a <block address>   (allocation stack, needs +ust)",
            "!address -summary",
            "umdh -p:<pid> -f:before.txt, again later -f:after.txt, then umdh before.txt after.txt"};
}

inline std::vector<std::string> virtual_next_steps(UsageClass cls) {
    std::vector<std::string> steps{"!address -summary"};
    if (cls == UsageClass::virtual_alloc || cls == UsageClass::unknown || cls == UsageClass::other) {
        steps.push_back("!address -f:VAR   (VirtualAlloc regions, with their sizes)");
        steps.push_back("!address -f:MEM_PRIVATE,MEM_COMMIT");
    } else if (cls == UsageClass::stack) {
        steps.push_back("!address -f:Stack");
        steps.push_back("~*k   (how many threads, and what they wait on)");
    } else if (cls == UsageClass::mapped_file) {
        steps.push_back("!address -f:MappedFile");
        steps.push_back("!handle 0 f Section");
    } else if (cls == UsageClass::heap) {
        steps.push_back("!heap -s");
    }
    if (cls == UsageClass::unknown) {
        steps.push_back("!eeheap -gc   (a .NET GC heap shows as <unknown>)");
    }
    steps.push_back("a second !address -summary later, to measure the growth");
    return steps;
}

inline std::vector<std::string> stack_trace_db_next_steps() {
    return {"gflags /i <image>.exe -ust   (turn user-mode stack trace logging off)",
            "gflags /i <image>.exe /tracedb <SizeInMB>   (or limit the stack backtrace database)",
            "!address -summary",
            "!heap -p -a <block address>",
            "umdh comparisons of two moments, to tell real heap growth from logging overhead"};
}


// ---- across snapshots ----

struct HeapMatch {
    model::Heap const* before = nullptr;  // null: a heap that appeared
    model::Heap const* after = nullptr;
    bool by_position = false;
};

// Heaps by address; a heap whose address is new is matched with the heap at the same
// position with the same flags (a dump of another run moves the process heap, seed 004).
inline std::vector<HeapMatch> match_heaps(Picture const& a, Picture const& b) {
    std::vector<HeapMatch> out;
    std::vector<bool> used(a.heaps.size(), false);
    std::vector<model::Heap const*> unmatched;
    for (std::size_t j = 0; j < b.heaps.size(); ++j) {
        auto const* h = b.heaps[j];
        bool found = false;
        for (std::size_t i = 0; i < a.heaps.size(); ++i) {
            if (!used[i] && a.heaps[i]->address == h->address) {
                used[i] = true;
                out.push_back({a.heaps[i], h, false});
                found = true;
                break;
            }
        }
        if (!found) {
            unmatched.push_back(h);
        }
    }
    for (auto const* h : unmatched) {
        auto const j = static_cast<std::size_t>(std::find(b.heaps.begin(), b.heaps.end(), h) - b.heaps.begin());
        if (j < a.heaps.size() && !used[j] && a.heaps[j]->flags == h->flags) {
            used[j] = true;
            out.push_back({a.heaps[j], h, true});
        } else {
            out.push_back({nullptr, h, false});
        }
    }
    return out;
}

inline bool grew(std::uint64_t before, std::uint64_t after) {
    return after >= before + k_growth_min_bytes &&
           static_cast<double>(after) >= k_growth_ratio * static_cast<double>(before);
}

inline std::string moment(Picture const& p) { return "snapshot " + std::to_string(p.index); }

struct HeapTrend {
    bool known = false;
    bool flat = true;
    std::uint64_t before_kb = 0, after_kb = 0;
    std::vector<model::Loc> evidence;
    std::string flat_words;  // "heap 0000000001a40000 stayed at 1444K commit"
};


// heap_leak.cpp
void single_snapshot_heaps(Picture const& p, Report& report, bool has_trend);
HeapTrend heap_trend(Picture const& a, Picture const& b, Report& report);
void heap_figures(Picture const& p, Report& report);
// virtual_memory_leak.cpp
void single_snapshot_classes(Picture const& p, Report& report, bool has_trend);
void class_trend(Picture const& a, Picture const& b, bool heap_trend_known, Report& report);
// stack_trace_database_growth.cpp
void single_snapshot_stack_db(Picture const& p, Report& report, bool has_trend);
void stack_db_trend(Picture const& a, Picture const& b, HeapTrend const& heaps, Report& report);

} // namespace dbgsift::infer::rules::user_mem
