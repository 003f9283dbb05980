// SPDX-License-Identifier: MIT
// What the inference stage produces: findings with ranked culprits, and per-kind rankings.
#pragma once
#include "../model/source.hpp"
#include <string>
#include <vector>

namespace dbgsift::infer {

enum class Severity { info, low, medium, high, critical };
std::string_view to_string(Severity s);
bool parse_severity(std::string_view text, Severity& out);

// One suspect: a pool tag, process, module, function, lock, session, heap, region or handle type.
struct Culprit {
    std::string kind;   // pooltag process module function lock session heap region handle_type
    std::string name;   // "Leak", "AppB.exe", "MyAVDrv.sys", "nt!CmpRegistryLock"
    double score = 0;   // 0..1, comparable within one ranking
    std::vector<std::string> reasons;     // sentences with the numbers
    std::vector<model::Loc> evidence;     // the lines those numbers came from
};

struct Finding {
    std::string pattern;  // "paged-pool-exhaustion", "pool-tag-leak", ...
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
    std::vector<Culprit> functions;  // "module!function" from allocation and handle stacks
};

struct Report {
    std::vector<Finding> findings;  // most severe first
    Rankings rankings;
    // Cautions about the input itself: debugger artefacts, impossible values, one snapshot only.
    std::vector<std::string> notes;
    std::vector<model::Loc> note_evidence;
};

} // namespace dbgsift::infer
