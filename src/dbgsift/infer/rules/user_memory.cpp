// SPDX-License-Identifier: MIT
// User-mode memory: `!heap -s` and `!address` read together.
//  - one snapshot: which usage class holds the address space, how the NT heaps compare with
//    it, a heap that dwarfs the others, many identical heaps -> suspected heap-leak /
//    virtual-memory-leak, with lower confidence;
//  - several snapshots of the same target: growth per heap (matched by address, or by
//    position and flags when a new run moved it), per usage class, and of the
//    [Stack Trace Database] regions -> heap-leak, virtual-memory-leak,
//    stack-trace-database-growth (the instrumentation side effect of +ust, seed 004).
#include "rules_list.hpp"
#include "../../format/format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

namespace dbgsift::infer::rules {
namespace {

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
constexpr double k_dominant_percent = 75.0;
// ... of an address space that is large or nearly exhausted.
constexpr std::uint64_t k_large_busy_bytes = 1 * k_gb;
constexpr double k_exhausted_percent = 90.0;
// HEAP_CAPTURE_STACK_BACKTRACES in the heap flags column: +ust is on for that heap.
constexpr std::uint64_t k_heap_flag_stack_traces = 0x08000000;

std::string size_text(std::uint64_t bytes) { return format::size(bytes); }
std::string kb_text(std::uint64_t kb) { return format::kb_cited(kb); }
std::string hex_text(std::uint64_t v) { return format::hex(v); }
std::string percent_text(double p) { return format::percent_points(p); }
std::string times_text(double ratio) { return format::times(ratio); }

bool contains(std::string_view text, std::string_view what) {
    return text.find(what) != std::string_view::npos;
}

bool starts_with(std::string_view text, std::string_view what) { return text.starts_with(what); }

// The usage class a region or a summary row belongs to, the same for the old
// (RegionUsageIsVAD) and new (Heap64, Stack32, <unknown>) debuggers.
std::string usage_class(std::string_view usage, std::string_view details) {
    if (contains(details, "Stack Trace Database")) {
        return "Stack Trace Database";
    }
    if (usage == "RegionUsageHeap" || starts_with(usage, "Heap")) {
        return "Heap";
    }
    if (usage == "RegionUsagePageHeap") {
        return "PageHeap";
    }
    if (usage == "RegionUsageStack" || starts_with(usage, "Stack")) {
        return "Stack";
    }
    if (usage == "RegionUsageImage" || usage == "Image") {
        return "Image";
    }
    if (usage == "RegionUsageIsVAD") {
        return "VirtualAlloc";
    }
    if (usage == "RegionUsageFree" || usage == "Free") {
        return "Free";
    }
    if (starts_with(usage, "TEB") || starts_with(usage, "PEB") || usage == "RegionUsageTeb" ||
        usage == "RegionUsagePeb" || usage == "RegionUsageProcessParametrs" ||
        usage == "RegionUsageEnvironmentBlock") {
        return "TEB/PEB";
    }
    if (usage.empty()) {
        return "<unknown>";
    }
    return std::string(usage);  // "Other", "<unknown>", "MappedFile"
}

// Private or mapped memory that is not a heap: where a VirtualAlloc / mapping leak shows.
bool is_virtual_alloc_class(std::string_view cls) {
    return cls == "VirtualAlloc" || cls == "<unknown>" || cls == "Other" || cls == "MappedFile" ||
           cls == "Stack";
}

struct ClassUse {
    std::uint64_t bytes = 0;      // summary Total Size, or the bytes of the listed regions
    std::uint64_t committed = 0;  // committed bytes of the listed regions
    std::optional<double> percent_busy;
    std::vector<model::Loc> evidence;
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
    std::map<std::string, ClassUse> summary_classes;  // from the usage table
    std::map<std::string, ClassUse> region_classes;   // from the region list
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

Picture picture_of(model::Snapshot const& s, std::size_t index) {
    Picture p;
    p.snapshot = &s;
    p.index = index;
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
            if (r.state_id == model::RegionState::free || r.usage == "Free") {
                continue;
            }
            p.has_regions = true;
            auto& use = p.region_classes[usage_class(r.usage, r.details)];
            use.bytes += r.size;
            if (r.state_id == model::RegionState::commit) {
                use.committed += r.size;
            }
            use.evidence.push_back(r.loc);
        }
        for (auto const& row : a.rows) {
            if (row.table == model::AddressTable::usage) {
                p.has_summary = true;
                auto& use = p.summary_classes[usage_class(row.name, "")];
                use.bytes += row.bytes;
                if (row.percent_busy) {
                    use.percent_busy = use.percent_busy.value_or(0) + *row.percent_busy;
                }
                use.evidence.push_back(row.loc);
            } else if (row.table == model::AddressTable::state && row.name == "MEM_COMMIT") {
                p.committed = model::Sourced<std::uint64_t>{row.bytes, row.loc};
            } else if (row.table == model::AddressTable::total && row.name == "Busy") {
                p.busy = model::Sourced<std::uint64_t>{row.bytes, row.loc};
            } else if (row.table == model::AddressTable::total && row.name == "Tot") {
                p.total = model::Sourced<std::uint64_t>{row.bytes, row.loc};
            } else if (row.table == model::AddressTable::largest && row.name == "Free") {
                p.largest_free = model::Sourced<std::uint64_t>{row.bytes, row.loc};
            }
        }
    }
    // New layouts print no Tot/Busy line: busy memory is the usage table without Free.
    if (p.has_summary && !p.busy) {
        std::uint64_t busy = 0, all = 0;
        for (auto const& [cls, use] : p.summary_classes) {
            all += use.bytes;
            if (cls != "Free") {
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
std::optional<double> busy_share(Picture const& p, std::string const& cls, ClassUse const& use) {
    if (use.percent_busy) {
        return use.percent_busy;
    }
    if (p.busy && p.busy->value > 0 && cls != "Free") {
        return 100.0 * static_cast<double>(use.bytes) / static_cast<double>(p.busy->value);
    }
    return std::nullopt;
}

void add_evidence(std::vector<model::Loc>& into, std::vector<model::Loc> const& from,
                  std::size_t limit = 8) {
    for (std::size_t i = 0; i < from.size() && i < limit; ++i) {
        into.push_back(from[i]);
    }
}

double clamp01(double v) { return std::max(0.0, std::min(1.0, v)); }

std::vector<std::string> heap_next_steps(std::string const& heap) {
    return {"!heap -stat -h " + heap,
            "!heap -flt s <size>   (the size that dominates !heap -stat)",
            "!heap -p -a <block address>   (allocation stack, needs +ust)",
            "!address -summary",
            "umdh -p:<pid> -f:before.txt, again later -f:after.txt, then umdh before.txt after.txt"};
}

std::vector<std::string> virtual_next_steps(std::string const& cls) {
    std::vector<std::string> steps{"!address -summary"};
    if (cls == "VirtualAlloc" || cls == "<unknown>" || cls == "Other") {
        steps.push_back("!address -f:VAR   (VirtualAlloc regions, with their sizes)");
        steps.push_back("!address -f:MEM_PRIVATE,MEM_COMMIT");
    } else if (cls == "Stack") {
        steps.push_back("!address -f:Stack");
        steps.push_back("~*k   (how many threads, and what they wait on)");
    } else if (cls == "MappedFile") {
        steps.push_back("!address -f:MappedFile");
        steps.push_back("!handle 0 f Section");
    } else if (cls == "Heap") {
        steps.push_back("!heap -s");
    }
    if (cls == "<unknown>") {
        steps.push_back("!eeheap -gc   (a .NET GC heap shows as <unknown>)");
    }
    steps.push_back("a second !address -summary later, to measure the growth");
    return steps;
}

std::vector<std::string> stack_trace_db_next_steps() {
    return {"gflags /i <image>.exe -ust   (turn user-mode stack trace logging off)",
            "gflags /i <image>.exe /tracedb <SizeInMB>   (or limit the stack backtrace database)",
            "!address -summary",
            "!heap -p -a <block address>",
            "umdh comparisons of two moments, to tell real heap growth from logging overhead"};
}

// ---- one snapshot ----

// The heap that dwarfs the others, and groups of identical heaps (created, never destroyed).
void single_snapshot_heaps(Picture const& p, Report& report, bool has_trend) {
    if (p.heaps.empty() || has_trend) {
        return;
    }
    std::vector<model::Heap const*> sorted = p.heaps;
    std::stable_sort(sorted.begin(), sorted.end(), [](auto const* a, auto const* b) {
        return a->commit_kb > b->commit_kb;
    });
    auto const* top = sorted.front();
    std::uint64_t const next = sorted.size() > 1 ? sorted[1]->commit_kb : 0;
    double const ratio = next > 0 ? static_cast<double>(top->commit_kb) / static_cast<double>(next) : 1e9;
    if (top->commit_kb >= k_dwarf_min_kb && ratio >= k_dwarf_ratio) {
        Culprit k{CulpritKind::heap, top->address_text, 0, {}, {top->loc}};
        k.score = clamp01(0.35 + 0.1 * std::min(1.0, std::log10(std::min(ratio, 1e6)) / 3.0) +
                          0.1 * std::min(1.0, static_cast<double>(top->commit_kb) / (1024.0 * 1024.0)));
        std::string reason = "heap " + top->address_text + " commits " + kb_text(top->commit_kb) +
                             " (reserve " + kb_text(top->reserve_kb) + ")";
        if (sorted.size() > 1) {
            reason += ", " + format::fixed(ratio, 1) + " times the next heap " + sorted[1]->address_text + " (" +
                      kb_text(next) + ")";
        }
        reason += ": one heap holding most of the committed heap memory is where a heap leak shows, "
                  "but one snapshot cannot tell a leak from a large working set";
        k.reasons.push_back(reason);
        if (p.committed && p.committed->value > 0) {
            double const share = 100.0 * static_cast<double>(top->commit_kb * k_kb) /
                                 static_cast<double>(p.committed->value);
            k.reasons.push_back("that is " + percent_text(share) + " of the " +
                                size_text(p.committed->value) + " the process has committed");
            k.evidence.push_back(p.committed->loc);
        }
        Finding f;
        f.pattern = Pattern::heap_leak;
        f.severity = Severity::low;
        f.score = k.score;
        f.summary = "Suspected heap leak (one snapshot): heap " + top->address_text + " commits " +
                    kb_text(top->commit_kb) + ", " +
                    (sorted.size() > 1 ? format::fixed(ratio, 1) + " times the next largest heap" : "the only heap") +
                    "; take a second !heap -s later to confirm growth.";
        f.culprits.push_back(k);
        f.next_steps = heap_next_steps(top->address_text);
        f.evidence = k.evidence;
        report.rankings.heaps.push_back(k);
        report.findings.push_back(std::move(f));
    }

    // Many heaps with the same flags and the same commit: a component creating heaps.
    std::map<std::tuple<std::uint64_t, std::uint64_t, std::uint64_t>, std::vector<model::Heap const*>> groups;
    for (auto const* h : p.heaps) {
        if (!h->segment_heap && h->commit_kb >= 1024) {
            groups[{h->flags, h->reserve_kb, h->commit_kb}].push_back(h);
        }
    }
    for (auto const& [key, members] : groups) {
        if (members.size() < 8) {
            continue;
        }
        auto const* first = members.front();
        std::uint64_t const total_kb = first->commit_kb * members.size();
        Culprit k{CulpritKind::heap, first->address_text, 0, {}, {}};
        k.score = clamp01(0.4 + 0.02 * static_cast<double>(members.size()));
        k.score = std::min(k.score, 0.7);
        k.reasons.push_back(std::to_string(members.size()) + " heaps with flags " +
                            hex_text(std::get<0>(key)) + " each reserve " + kb_text(std::get<1>(key)) +
                            " and commit " + kb_text(std::get<2>(key)) + " (" + size_text(total_kb * k_kb) +
                            " together), starting with " + first->address_text +
                            ": identical heaps in such numbers are usually created by one component "
                            "and never destroyed");
        for (auto const* h : members) {
            if (k.evidence.size() < 10) {
                k.evidence.push_back(h->loc);
            }
        }
        Finding f;
        f.pattern = Pattern::heap_leak;
        f.severity = Severity::medium;
        f.score = k.score;
        f.summary = "Suspected heap leak (one snapshot): " + std::to_string(members.size()) +
                    " identical heaps of " + kb_text(std::get<2>(key)) + " commit (" +
                    size_text(total_kb * k_kb) + " in all), flags " + hex_text(std::get<0>(key)) +
                    "; find who calls HeapCreate.";
        f.culprits.push_back(k);
        f.next_steps = {"!heap -stat -h " + first->address_text,
                        "!heap -h " + first->address_text,
                        "bp kernel32!HeapCreate \"k; g\"   (who creates them)",
                        "!address -summary"};
        f.evidence = k.evidence;
        report.rankings.heaps.push_back(k);
        report.findings.push_back(std::move(f));
    }
}

// A usage class that holds most of a large or nearly exhausted address space.
void single_snapshot_classes(Picture const& p, Report& report, bool has_trend) {
    if (!p.has_summary || has_trend) {
        return;
    }
    bool exhausted = false;
    std::string space;
    if (p.busy && p.total && p.total->value > 0) {
        double const used = 100.0 * static_cast<double>(p.busy->value) / static_cast<double>(p.total->value);
        exhausted = used >= k_exhausted_percent;
        space = size_text(p.busy->value) + " busy of a " + size_text(p.total->value) +
                " address space (" + percent_text(used) + ")";
    }
    bool const large = p.busy && p.busy->value >= k_large_busy_bytes;
    if (!exhausted && !large) {
        return;
    }
    // Rank every class worth naming; the dominant one makes the finding.
    std::vector<std::pair<double, std::string>> shares;
    for (auto const& [cls, use] : p.summary_classes) {
        if (cls == "Free" || cls == "Image" || cls == "TEB/PEB") {
            continue;
        }
        if (auto const share = busy_share(p, cls, use)) {
            shares.emplace_back(*share, cls);
        }
    }
    std::sort(shares.rbegin(), shares.rend());
    if (shares.empty() || shares.front().first < k_dominant_percent) {
        return;
    }
    Finding f;
    auto const& dominant = shares.front().second;
    bool const heap_class = dominant == "Heap";
    f.pattern = heap_class ? Pattern::heap_leak : Pattern::virtual_memory_leak;
    f.severity = exhausted ? Severity::medium : Severity::low;
    for (auto const& [share, cls] : shares) {
        if (share < 10.0) {
            break;
        }
        auto const& use = p.summary_classes.at(cls);
        Culprit k{CulpritKind::region, cls, 0, {}, {}};
        k.score = clamp01(0.3 + 0.3 * share / 100.0 + (exhausted ? 0.1 : 0.0));
        std::string reason = cls + " holds " + size_text(use.bytes) + ", " + percent_text(share) +
                             " of busy memory";
        if (!space.empty()) {
            reason += "; " + space;
        }
        if (cls == dominant) {
            reason += exhausted ? ": it is what exhausted the address space" : ": it dominates the process";
            if (p.committed) {
                reason += " (the whole process has " + size_text(p.committed->value) +
                          " committed: Total Size counts reserved memory too)";
                k.evidence.push_back(p.committed->loc);
            }
        }
        k.reasons.push_back(reason);
        add_evidence(k.evidence, use.evidence, 2);
        if (p.busy) {
            k.evidence.push_back(p.busy->loc);
        }
        f.culprits.push_back(std::move(k));
    }
    auto const& top = f.culprits.front();
    if (!p.heaps.empty()) {
        std::uint64_t const heap_kb = p.heap_commit_kb();
        f.culprits.front().reasons.push_back(
            "the " + std::to_string(p.heaps.size()) + " heaps of !heap -s commit " + kb_text(heap_kb) +
            (p.committed ? " of " + size_text(p.committed->value) + " committed" : std::string()));
    }
    if (p.largest_free) {
        report.notes.push_back("The largest free region is only " + size_text(p.largest_free->value) +
                               ": allocations larger than that fail even with memory free.");
        report.note_evidence.push_back(p.largest_free->loc);
    }
    f.score = top.score;
    f.summary = std::string("Suspected ") + (heap_class ? "heap" : "virtual memory") + " leak (one snapshot): " +
                dominant + " holds " + percent_text(shares.front().first) + " of busy memory" +
                (space.empty() ? std::string() : " (" + space + ")") +
                "; a second snapshot later would show whether it grows.";
    f.next_steps = virtual_next_steps(dominant);
    for (auto const& k : f.culprits) {
        f.evidence.insert(f.evidence.end(), k.evidence.begin(), k.evidence.end());
        report.rankings.regions.push_back(k);
    }
    report.findings.push_back(std::move(f));
}

// A Stack Trace Database that holds much of the committed memory in one snapshot.
void single_snapshot_stack_db(Picture const& p, Report& report, bool has_trend) {
    auto const it = p.region_classes.find("Stack Trace Database");
    if (has_trend || it == p.region_classes.end()) {
        return;
    }
    auto const& use = it->second;
    bool const big = use.committed >= 256 * k_mb ||
                     (p.committed && use.committed * 2 >= p.committed->value && use.committed >= 16 * k_mb);
    if (!big) {
        return;
    }
    Culprit k{CulpritKind::region, "Stack Trace Database", 0.45, {}, {}};
    k.reasons.push_back("regions marked [Stack Trace Database] commit " + size_text(use.committed) +
                        " (" + size_text(use.bytes) + " with reserved): user-mode stack trace "
                        "logging (+ust) keeps a stack for every distinct allocation");
    add_evidence(k.evidence, use.evidence);
    Finding f;
    f.pattern = Pattern::stack_trace_database_growth;
    f.severity = Severity::low;
    f.score = k.score;
    f.summary = "The Stack Trace Database commits " + size_text(use.committed) +
                " in one snapshot; a second snapshot would show whether it is what grows.";
    f.culprits.push_back(k);
    f.next_steps = stack_trace_db_next_steps();
    f.evidence = k.evidence;
    report.rankings.regions.push_back(k);
    report.findings.push_back(std::move(f));
}

// ---- across snapshots ----

struct HeapMatch {
    model::Heap const* before = nullptr;  // null: a heap that appeared
    model::Heap const* after = nullptr;
    bool by_position = false;
};

// Heaps by address; a heap whose address is new is matched with the heap at the same
// position with the same flags (a dump of another run moves the process heap, seed 004).
std::vector<HeapMatch> match_heaps(Picture const& a, Picture const& b) {
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

bool grew(std::uint64_t before, std::uint64_t after) {
    return after >= before + k_growth_min_bytes &&
           static_cast<double>(after) >= k_growth_ratio * static_cast<double>(before);
}

std::string moment(Picture const& p) { return "snapshot " + std::to_string(p.index); }

struct HeapTrend {
    bool known = false;
    bool flat = true;
    std::uint64_t before_kb = 0, after_kb = 0;
    std::vector<model::Loc> evidence;
    std::string flat_words;  // "heap 0000000001a40000 stayed at 1444K commit"
};

HeapTrend heap_trend(Picture const& a, Picture const& b, Report& report) {
    HeapTrend t;
    if (a.heaps.empty() || b.heaps.empty()) {
        return t;
    }
    t.known = true;
    t.before_kb = a.heap_commit_kb();
    t.after_kb = b.heap_commit_kb();
    auto const matches = match_heaps(a, b);
    Finding f;
    f.pattern = Pattern::heap_leak;
    std::vector<std::string> moved;
    HeapMatch const* largest_flat = nullptr;
    // (flags, commit) of new heaps -> (index of their culprit, how many)
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::pair<std::size_t, std::size_t>> new_alike;
    for (auto const& m : matches) {
        auto const before = m.before != nullptr ? m.before->commit_kb : 0;
        auto const after = m.after->commit_kb;
        if (m.by_position) {
            moved.push_back(m.before->address_text + " -> " + m.after->address_text);
        }
        if (!grew(before * k_kb, after * k_kb)) {
            if (m.before != nullptr && (largest_flat == nullptr || after > largest_flat->after->commit_kb)) {
                largest_flat = &m;
            }
            continue;
        }
        Culprit k{CulpritKind::heap, m.after->address_text, 0, {}, {}};
        double const delta_mb = static_cast<double>(after - before) / 1024.0;
        k.score = clamp01(0.6 + 0.3 * std::min(1.0, delta_mb / 100.0) + (before > 0 && after >= 2 * before ? 0.05 : 0));
        if (m.before == nullptr) {
            k.score *= 0.7;  // a new heap: growth, but not the same heap growing
            // Many new heaps alike are one finding, named by the first of them.
            auto const key = std::pair{m.after->flags, after};
            if (auto const it = new_alike.find(key); it != new_alike.end()) {
                auto& first = f.culprits[it->second.first];
                ++it->second.second;
                first.reasons.front() = std::to_string(it->second.second) + " heaps with flags " +
                                        hex_text(m.after->flags) + " and " + kb_text(after) +
                                        " commit each are new in " + moment(b) + ", starting with " +
                                        first.name;
                if (first.evidence.size() < 10) {
                    first.evidence.push_back(m.after->loc);
                }
                continue;
            }
            new_alike.emplace(key, std::pair{f.culprits.size(), std::size_t{1}});
            k.reasons.push_back("heap " + m.after->address_text + " is new in " + moment(b) + " with " +
                                kb_text(after) + " commit");
        } else {
            std::string reason = "heap " + m.after->address_text + " commit grew from " + kb_text(before) +
                                 " in " + moment(a) + " to " + kb_text(after) + " in " + moment(b) + " (+" +
                                 kb_text(after - before) +
                                 (before > 0 ? ", " + times_text(static_cast<double>(after) /
                                                                 static_cast<double>(before))
                                             : std::string()) +
                                 ")";
            if (m.by_position) {
                reason += "; matched with " + m.before->address_text +
                          " by position and flags, its address changed between the dumps";
            }
            k.reasons.push_back(reason);
            k.evidence.push_back(m.before->loc);
        }
        if (m.after->external_fragmentation_percent && *m.after->external_fragmentation_percent >= 50) {
            k.reasons.push_back("its external fragmentation is " +
                                std::to_string(*m.after->external_fragmentation_percent) +
                                " %: much of the commit is free blocks");
            k.evidence.push_back(m.after->fragmentation_loc);
        }
        k.evidence.push_back(m.after->loc);
        f.culprits.push_back(std::move(k));
    }
    std::stable_sort(f.culprits.begin(), f.culprits.end(),
                     [](Culprit const& x, Culprit const& y) { return x.score > y.score; });
    for (auto const& m : matches) {
        if (m.before != nullptr) {
            t.evidence.push_back(m.before->loc);
        }
        t.evidence.push_back(m.after->loc);
    }
    t.flat = f.culprits.empty() && !grew(t.before_kb * k_kb, t.after_kb * k_kb);
    if (largest_flat != nullptr) {
        auto const* h = largest_flat->after;
        std::string const name = largest_flat->by_position
                                     ? largest_flat->before->address_text + " / " + h->address_text
                                     : h->address_text;
        t.flat_words = "heap " + name + " stayed at " + kb_text(largest_flat->before->commit_kb) + " -> " +
                       kb_text(h->commit_kb) + " commit (reserve " + kb_text(h->reserve_kb) + ", free " +
                       (h->free_kb ? kb_text(*h->free_kb) : std::string("?")) + ")";
    }
    if (!moved.empty()) {
        report.notes.push_back("Heap addresses differ between snapshots (" + moved.front() +
                               (moved.size() > 1 ? " and " + std::to_string(moved.size() - 1) + " more" : "") +
                               "): the dumps come from different runs or the heap was re-created; heaps "
                               "were matched by position and flags.");
        report.note_evidence.push_back(b.heaps.front()->loc);
    }
    if (f.culprits.empty()) {
        return t;
    }
    auto const& top = f.culprits.front();
    f.score = top.score;
    f.severity = t.after_kb - std::min(t.after_kb, t.before_kb) >= 256 * 1024 ? Severity::high : Severity::medium;
    f.summary = "Heap leak: total heap commit grew from " + kb_text(t.before_kb) + " to " + kb_text(t.after_kb) +
                " between " + moment(a) + " and " + moment(b) + "; heap " + top.name + " grew most.";
    f.next_steps = heap_next_steps(top.name);
    for (auto const& k : f.culprits) {
        f.evidence.insert(f.evidence.end(), k.evidence.begin(), k.evidence.end());
        report.rankings.heaps.push_back(k);
    }
    report.findings.push_back(std::move(f));
    return t;
}

// Committed bytes of the [Stack Trace Database] regions, first against last.
void stack_db_trend(Picture const& a, Picture const& b, HeapTrend const& heaps, Report& report) {
    auto const ia = a.region_classes.find("Stack Trace Database");
    auto const ib = b.region_classes.find("Stack Trace Database");
    if (ia == a.region_classes.end() || ib == b.region_classes.end()) {
        return;
    }
    auto const before = ia->second.committed, after = ib->second.committed;
    if (!grew(before, after)) {
        return;
    }
    double const ratio = before > 0 ? static_cast<double>(after) / static_cast<double>(before) : 0.0;
    Culprit k{CulpritKind::region, "Stack Trace Database", 0, {}, {}};
    std::string reason = "regions marked [Stack Trace Database] grew from " + hex_text(before) + " (" +
                         size_text(before) + ") committed in " + moment(a) + " to " + hex_text(after) + " (" +
                         size_text(after) + ") in " + moment(b) +
                         (ratio > 0 ? " (" + times_text(ratio) + ")" : std::string());
    bool const flat = heaps.known && heaps.flat;
    if (flat) {
        reason += " while the heaps stayed flat (" + kb_text(heaps.before_kb) + " -> " + kb_text(heaps.after_kb) +
                  " commit in all" + (heaps.flat_words.empty() ? std::string() : "; " + heaps.flat_words) +
                  "): the growth is the stack trace logging itself, not a heap leak";
    } else if (heaps.known) {
        reason += "; the heaps grew too, so part of it follows real allocations";
    } else {
        reason += "; no !heap -s to compare the heaps with";
    }
    k.reasons.push_back(reason);
    add_evidence(k.evidence, ia->second.evidence, 4);
    add_evidence(k.evidence, ib->second.evidence, 4);
    k.score = flat ? clamp01(0.8 + 0.1 * std::min(1.0, ratio / 10.0)) : (heaps.known ? 0.5 : 0.65);
    if (a.stack_traces || b.stack_traces) {
        k.reasons.push_back("!heap -s says NtGlobalFlag enables stack back traces (+ust) for new heaps");
        k.evidence.push_back(b.stack_traces ? b.stack_traces_loc : a.stack_traces_loc);
    }
    Finding f;
    f.pattern = Pattern::stack_trace_database_growth;
    f.severity = Severity::medium;
    f.score = k.score;
    f.summary = "Stack Trace Database grew from " + size_text(before) + " to " + size_text(after) +
                " committed between " + moment(a) + " and " + moment(b) +
                (flat ? " while the heaps stayed at " + kb_text(heaps.after_kb) +
                            " commit: an instrumentation side effect of user-mode stack trace logging "
                            "(+ust), not a heap leak."
                      : ".");
    f.culprits.push_back(k);
    f.next_steps = stack_trace_db_next_steps();
    f.evidence = k.evidence;
    if (heaps.known) {
        add_evidence(f.evidence, heaps.evidence, 12);
    }
    report.rankings.regions.push_back(k);
    report.findings.push_back(std::move(f));
}

// Non-heap private memory per usage class: the usage tables when both snapshots have
// one, else the listed regions (committed bytes).
void class_trend(Picture const& a, Picture const& b, Report& report) {
    bool const tables = a.has_summary && b.has_summary;
    if (!tables && !(a.has_regions && b.has_regions)) {
        return;
    }
    auto const& before_map = tables ? a.summary_classes : a.region_classes;
    auto const& after_map = tables ? b.summary_classes : b.region_classes;
    Finding f;
    f.pattern = Pattern::virtual_memory_leak;
    std::uint64_t total_growth = 0;
    for (auto const& [cls, use] : after_map) {
        if (!is_virtual_alloc_class(cls)) {
            continue;
        }
        auto const it = before_map.find(cls);
        std::uint64_t const before = it == before_map.end() ? 0 : (tables ? it->second.bytes : it->second.committed);
        std::uint64_t const after = tables ? use.bytes : use.committed;
        if (!grew(before, after) || after - before < 8 * k_mb) {
            continue;
        }
        total_growth += after - before;
        Culprit k{CulpritKind::region, cls, 0, {}, {}};
        double const delta_mb = static_cast<double>(after - before) / static_cast<double>(k_mb);
        k.score = clamp01(0.55 + 0.3 * std::min(1.0, delta_mb / 512.0));
        k.reasons.push_back(cls + (tables ? " memory" : " committed memory") + " grew from " + size_text(before) +
                            " in " + moment(a) + " to " + size_text(after) + " in " + moment(b) + " (+" +
                            size_text(after - before) + "): private memory outside the heaps");
        if (it != before_map.end()) {
            add_evidence(k.evidence, it->second.evidence, 2);
        }
        add_evidence(k.evidence, use.evidence, 2);
        f.culprits.push_back(std::move(k));
    }
    if (f.culprits.empty()) {
        return;
    }
    std::stable_sort(f.culprits.begin(), f.culprits.end(),
                     [](Culprit const& x, Culprit const& y) { return x.score > y.score; });
    auto const& top = f.culprits.front();
    f.score = top.score;
    f.severity = total_growth >= 512 * k_mb ? Severity::high : Severity::medium;
    f.summary = "Virtual memory leak: non-heap private memory grew by " + size_text(total_growth) + " between " +
                moment(a) + " and " + moment(b) + "; " + top.name + " grew most.";
    f.next_steps = virtual_next_steps(top.name);
    for (auto const& k : f.culprits) {
        f.evidence.insert(f.evidence.end(), k.evidence.begin(), k.evidence.end());
        report.rankings.regions.push_back(k);
    }
    report.findings.push_back(std::move(f));
}

// Fragmentation and lock contention figures worth a word, from the latest !heap -s.
void heap_figures(Picture const& p, Report& report) {
    for (auto const* h : p.heaps) {
        if (h->external_fragmentation_percent && *h->external_fragmentation_percent >= 50 &&
            h->commit_kb >= 1024 && h->free_kb && *h->free_kb * 2 >= h->commit_kb) {
            report.notes.push_back("Heap " + h->address_text + ": external fragmentation " +
                                   std::to_string(*h->external_fragmentation_percent) + " %, " +
                                   kb_text(*h->free_kb) + " of its " + kb_text(h->commit_kb) +
                                   " commit is free blocks.");
            report.note_evidence.push_back(h->fragmentation_loc.line != 0 ? h->fragmentation_loc : h->loc);
        }
        if (h->lock_contention && *h->lock_contention >= 1000) {
            report.notes.push_back("Heap " + h->address_text + ": lock contention " +
                                   std::to_string(*h->lock_contention) +
                                   " (threads waited on this heap's lock).");
            report.note_evidence.push_back(h->loc);
        }
    }
}

} // namespace

void user_memory(model::Case const& c, Options const& /*options*/, Report& report) {
    // Snapshots of one target in time order; each with what its heap/address blocks show.
    std::map<model::Target, std::vector<Picture>> by_target;
    for (auto const& s : c.snapshots) {
        if (s.heaps.empty() && s.address.empty()) {
            continue;
        }
        auto& list = by_target[s.target];
        list.push_back(picture_of(s, list.size() + 1));
    }
    for (auto const& [target, pictures] : by_target) {
        // The first and last snapshots that have each kind of data make the trend.
        Picture const* first_heaps = nullptr;
        Picture const* last_heaps = nullptr;
        Picture const* first_space = nullptr;
        Picture const* last_space = nullptr;
        for (auto const& p : pictures) {
            if (!p.heaps.empty()) {
                first_heaps = first_heaps != nullptr ? first_heaps : &p;
                last_heaps = &p;
            }
            if (p.has_summary || p.has_regions) {
                first_space = first_space != nullptr ? first_space : &p;
                last_space = &p;
            }
        }
        bool const heap_trend_possible = first_heaps != nullptr && first_heaps != last_heaps;
        bool const space_trend_possible = first_space != nullptr && first_space != last_space;

        HeapTrend heaps;
        if (heap_trend_possible) {
            heaps = heap_trend(*first_heaps, *last_heaps, report);
        }
        if (space_trend_possible) {
            stack_db_trend(*first_space, *last_space, heaps, report);
            class_trend(*first_space, *last_space, report);
        }
        auto const& latest = pictures.back();
        if (last_heaps != nullptr) {
            single_snapshot_heaps(*last_heaps, report, heap_trend_possible);
            heap_figures(*last_heaps, report);
        }
        if (last_space != nullptr) {
            single_snapshot_classes(*last_space, report, space_trend_possible);
            single_snapshot_stack_db(*last_space, report, space_trend_possible);
        }
        bool const has_data = last_heaps != nullptr || last_space != nullptr;
        if (has_data && !heap_trend_possible && !space_trend_possible) {
            report.notes.push_back("One snapshot of user-mode memory only: a second !heap -s and "
                                   "!address -summary later would turn suspicion into proof of growth.");
            report.note_evidence.push_back(latest.snapshot->loc);
        }
    }
}

} // namespace dbgsift::infer::rules
