// SPDX-License-Identifier: MIT
// heap-corruption: the process itself reported a damaged heap (the heap manager's
// "HEAP[app.exe]: ..." messages, the !heap "HEAP ERROR DETECTED" box, Application Verifier
// stops). Corruption is not a leak: it changes the advice. The question is who wrote where
// they should not, and a log that also shows growth must be read knowing the heap is damaged.
#include "rules_list.hpp"

#include "../../format/format.hpp"
#include "../attribution.hpp"

#include <algorithm>
#include <map>

namespace dbgsift::infer::rules {
namespace {

using model::HeapFailure;
using model::HeapFailureKind;

// The process said so itself: as sure as a finding gets without a human reading the stack.
constexpr double k_reported_score = 0.9;
// The first application frame of the failing call: the likely writer, or the one that freed
// twice, but the damage may have been done earlier by someone else.
constexpr double k_frame_score = 0.8;

// One sentence per report, with its numbers.
std::string describe(HeapFailure const& f) {
    auto const at = [](std::optional<std::uint64_t> v) { return v ? format::hex(*v) : std::string("?"); };
    std::string who = f.process.empty() ? std::string() : f.process + ": ";
    switch (f.kind) {
    case HeapFailureKind::modified_past_size:
        return who + "block " + at(f.block) + " was written past its requested " +
               (f.requested_size ? format::count(*f.requested_size) + " bytes" : std::string("size")) +
               " (damage found at " + at(f.modified_at) + "): a buffer overrun";
    case HeapFailureKind::modified_after_free:
        return who + "free block " + at(f.block) + " was modified at " + at(f.modified_at) +
               " after it was freed: a use after free";
    case HeapFailureKind::invalid_address:
        return who + "an address the heap never handed out, " + at(f.block) + ", was passed to " +
               (f.function.empty() ? std::string("the heap") : f.function) + " on heap " + at(f.heap) +
               ": a double free, a free on the wrong heap, or a damaged pointer";
    case HeapFailureKind::heap_error:
        return who + "the heap manager detected an error" +
               (f.type != model::HeapFailureType::none ? " (" + std::string(to_string(f.type)) + ")" : std::string()) +
               (f.block ? " at " + at(f.block) : std::string()) + (f.heap ? " in heap " + at(f.heap) : std::string());
    case HeapFailureKind::verifier_stop:
        return who + "Application Verifier stop " + format::hex(f.verifier_code) + " (" + f.description + ")" +
               (f.block ? " on block " + at(f.block) : std::string()) +
               (f.requested_size ? " of " + format::count(*f.requested_size) + " bytes" : std::string()) +
               (f.modified_at ? ", damage at " + at(f.modified_at) : std::string()) +
               (f.heap ? ", heap " + at(f.heap) : std::string());
    }
    return who + "heap corruption";
}

} // namespace

void heap_corruption(model::Case const& c, Options const&, Report& report) {
    std::vector<HeapFailure const*> failures;
    bool verifier = false;
    for (auto const& s : c.snapshots) {
        for (auto const& f : s.heap_failures) {
            failures.push_back(&f);
            verifier = verifier || f.kind == HeapFailureKind::verifier_stop;
        }
    }
    if (failures.empty()) {
        return;
    }
    Finding finding;
    finding.pattern = Pattern::heap_corruption;
    finding.severity = Severity::high;  // the heap manager stops the process on corruption (c0000374)
    finding.score = k_reported_score;
    std::map<std::uint64_t, Culprit> heaps;  // by handle, in address order
    std::map<std::string, Culprit> functions;
    std::map<std::string, Culprit> processes;  // "demo.exe" of "HEAP[demo.exe]:"
    for (auto const* f : failures) {
        auto const sentence = describe(*f);
        finding.evidence.push_back(f->loc);
        if (f->heap) {
            auto [it, fresh] = heaps.try_emplace(*f->heap, Culprit{CulpritKind::heap, format::hex(*f->heap), k_reported_score, {}, {}});
            it->second.reasons.push_back(sentence);
            it->second.evidence.push_back(f->loc);
        }
        if (!f->process.empty()) {
            auto [it, fresh] = processes.try_emplace(f->process, Culprit{CulpritKind::process, f->process, k_reported_score, {}, {}});
            it->second.reasons.push_back(sentence);
            it->second.evidence.push_back(f->loc);
        }
        if (auto const* frame = attributed_frame(f->stack, StackPurpose::heap_allocation)) {
            auto const name = frame->name();
            auto [it, fresh] = functions.try_emplace(name, Culprit{CulpritKind::function, name, k_frame_score, {}, {}});
            it->second.reasons.push_back("the first application frame of the failing heap call's stack");
            it->second.evidence.push_back(frame->loc);
        }
    }
    auto const& first = *failures.front();
    finding.summary = "The process reported heap corruption" +
                      (failures.size() > 1 ? " " + format::count(failures.size()) + " times" : std::string()) +
                      "; first: " + describe(first) + ". Corruption is not a leak: find the code that "
                      "wrote out of bounds or freed twice, not the one that allocates most.";
    for (auto& [handle, k] : heaps) {
        finding.culprits.push_back(k);
        report.rankings.heaps.push_back(k);
    }
    for (auto& [name, k] : processes) {
        finding.culprits.push_back(k);
        report.rankings.processes.push_back(k);
    }
    for (auto& [name, k] : functions) {
        finding.culprits.push_back(k);
        report.rankings.functions.push_back(k);
    }
    if (first.block) {
        finding.next_steps.push_back("!heap -p -a " + format::hex(*first.block) +
                                     "   (with page heap on: the block's allocation and free stacks)");
    }
    if (!verifier) {
        std::string const image = first.process.empty() ? std::string("<image>.exe") : first.process;
        finding.next_steps.push_back("gflags /p /enable " + image +
                                     " /full   (then reproduce: full page heap breaks at the bad write itself)");
    }
    finding.next_steps.push_back("kb   (at the break: the stack that freed or checked the damaged block)");
    bool const leak_claimed = std::any_of(report.findings.begin(), report.findings.end(), [](Finding const& f) {
        return f.pattern == Pattern::heap_leak || f.pattern == Pattern::process_memory_leak ||
               f.pattern == Pattern::virtual_memory_leak;
    });
    if (leak_claimed) {
        // A damaged heap can also look like growth: freed blocks that were never really freed.
        report.notes.push_back("the same log reports heap corruption: fix it first; a corrupted heap can keep "
                               "blocks that were freed, so the leak findings here may shrink once it is fixed");
        report.note_evidence.push_back(finding.evidence.front());
    }
    if (verifier) {
        // HEURISTICS R19: page heap and Application Verifier change what the heaps hold.
        report.notes.push_back("Application Verifier was active (a VERIFIER STOP was printed): page heap adds "
                               "guard pages to every allocation, so heap sizes here are not the "
                               "application's own (HEURISTICS R19)");
        report.note_evidence.push_back(finding.evidence.front());
    }
    report.findings.push_back(std::move(finding));
}

} // namespace dbgsift::infer::rules
