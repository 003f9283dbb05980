// SPDX-License-Identifier: MIT
// What the inference stage produces: findings with ranked culprits, and per-kind rankings.
#pragma once
#include "../model/source.hpp"
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dbgsift::infer {

enum class Severity { info, low, medium, high, critical };
std::string_view to_string(Severity s);
bool parse_severity(std::string_view text, Severity& out);

// Every pattern a rule can report. Its printed id ("paged-pool-exhaustion") is in the one
// table of severity.cpp; rules and tests compare these, never the printed id.
enum class Pattern {
    nonpaged_pool_exhaustion,
    paged_pool_exhaustion,
    session_pool_exhaustion,
    commit_limit_exhaustion,
    pool_tag_leak,
    handle_leak,
    process_memory_leak,
    heap_leak,
    virtual_memory_leak,
    stack_trace_database_growth,
    high_contention,
    deadlock,  // a wait cycle between lock owners (not contention)
    heap_corruption,  // the process reported a damaged heap (not a leak)
    pool_corruption,  // !poolval or a pool bugcheck: the kernel pool is damaged (not a leak)
};
std::string_view to_string(Pattern p);

// What a culprit is; printed as "pooltag", "handle_type", ... (severity.cpp).
enum class CulpritKind { pooltag, process, module, lock, session, heap, region, handle_type, function };
std::string_view to_string(CulpritKind k);

// One suspect: a pool tag, process, module, function, lock, session, heap, region or handle type.
struct Culprit {
    CulpritKind kind = CulpritKind::pooltag;
    std::string name;   // "Leak", "AppB.exe", "MyAVDrv.sys", "nt!CmpRegistryLock"
    double score = 0;   // 0..1, comparable within one ranking
    std::vector<std::string> reasons;     // sentences with the numbers
    std::vector<model::Loc> evidence;     // the lines those numbers came from
};

struct Finding {
    Pattern pattern = Pattern::pool_tag_leak;
    Severity severity = Severity::info;
    double score = 0;
    std::string summary;  // one sentence, numbers included
    std::vector<Culprit> culprits;  // best suspect first
    std::vector<std::string> next_steps;
    std::vector<model::Loc> evidence;
};

struct Rankings {
    std::vector<Culprit> pooltags, processes, modules, locks;
    std::vector<Culprit> sessions, heaps, regions, handle_types;
    // Suspects under the noise floor, by JSON key: kept for --format json, never ranked.
    std::map<std::string, std::vector<Culprit>> below_floor;
    std::vector<Culprit> functions;  // "module!function" from allocation and handle stacks
};

// One row per ranking kind: every renderer and analyze() iterate this table, so a new kind
// is one line here and shows up in text, JSON and Markdown alike.
struct RankingKind {
    CulpritKind culprit_kind;       // Culprit::kind of its entries
    std::string_view key;           // JSON key under "rankings"
    std::string_view title;         // heading in the text and Markdown reports
    std::vector<Culprit> Rankings::*list;
    bool only_when_named = false;   // JSON prints the key only when the ranking has entries
};
std::span<RankingKind const> ranking_kinds();

// A ranking entry scoring below this is noise, not a suspect (see analyze.cpp).
inline constexpr double k_noise_floor = 0.05;

struct Report {
    std::vector<Finding> findings;  // most severe first
    Rankings rankings;
    // Cautions about the input itself: debugger artefacts, impossible values, one snapshot only.
    std::vector<std::string> notes;
    std::vector<model::Loc> note_evidence;
};

} // namespace dbgsift::infer
