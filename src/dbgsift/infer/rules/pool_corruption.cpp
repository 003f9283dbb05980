// SPDX-License-Identifier: MIT
// pool-corruption: the kernel pool is damaged, said by `!poolval` (a page whose headers are
// INVALID) or by a bugcheck that means pool corruption in `!analyze`. Corruption is not a
// leak: the question is which driver wrote where it should not, and the module the crash
// names is where the damage was found, not necessarily who did it.
#include "rules_list.hpp"

#include "../../format/format.hpp"
#include "../text.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace dbgsift::infer::rules {
namespace {

using model::BugCheck;
using model::PoolValidation;

// Bugchecks that mean the pool is corrupt, with the argument that holds a pool address in
// most of their forms (0: none does). From Microsoft's bug check code reference,
// learn.microsoft.com/windows-hardware/drivers/debugger/:
//   bug-check-0x19--bad-pool-header: "a pool header is corrupt"; Arg2 is the pool entry or
//     address concerned for most Arg1 values;
//   bug-check-0xc1--special-pool-detected-memory-corruption: Arg1 is the address being freed;
//   bug-check-0xc2--bad-pool-caller: the arguments depend on Arg1, no single address;
//   bug-check-0xc5--driver-corrupted-expool: "almost always" a driver that corrupted the
//     pool; Arg1 is the memory referenced;
//   bug-check-0x13a--kernel-mode-heap-corruption: the kernel heap manager (the pool since
//     Windows 10 19H1) found corruption; Arg3 is the address where it was detected.
struct PoolStop {
    std::uint64_t code;
    std::string_view name;
    std::size_t address_arg;  // 1..4, 0 = none
};
constexpr std::array<PoolStop, 5> k_pool_stops{{
    {0x19, "BAD_POOL_HEADER", 2},
    {0xC1, "SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION", 1},
    {0xC2, "BAD_POOL_CALLER", 0},
    {0xC5, "DRIVER_CORRUPTED_EXPOOL", 1},
    {0x13A, "KERNEL_MODE_HEAP_CORRUPTION", 3},
}};

// Names !analyze gives when it blames no driver: the kernel and HAL images (the pool code
// that found the damage), and its own buckets for corruption it cannot attribute.
constexpr std::array<std::string_view, 9> k_not_a_suspect{
    "nt", "ntkrnlmp", "ntoskrnl", "ntkrpamp", "hal", "pool_corruption", "memory_corruption", "hardware",
    "unknown_image"};

// The system stopped on it: as sure as a finding gets.
constexpr double k_bugcheck_score = 0.9;
// !poolval alone: the page is damaged, but nothing says the system has suffered from it yet.
constexpr double k_poolval_score = 0.8;
// The module !analyze names: where the damage was found, often not who wrote it.
constexpr double k_named_module_score = 0.6;
constexpr double k_named_function_score = 0.5;

// The same stop printed twice (the load banner's "BugCheck 19, {...}", then !analyze -v):
// same code, and no argument both print that differs.
bool same_stop(BugCheck const& a, BugCheck const& b) {
    if (!a.code || !b.code || a.code->value != b.code->value) {
        return false;
    }
    for (std::size_t i = 0; i < a.args.size(); ++i) {
        if (a.args[i] && b.args[i] && a.args[i]->value != b.args[i]->value) {
            return false;
        }
    }
    return true;
}

PoolStop const* pool_stop(BugCheck const& b) {
    if (!b.code) {
        return nullptr;
    }
    auto it = std::find_if(k_pool_stops.begin(), k_pool_stops.end(),
                           [&](PoolStop const& s) { return s.code == b.code->value; });
    return it == k_pool_stops.end() ? nullptr : &*it;
}

bool is_suspect_name(std::string name) {
    name = lower(name);
    for (std::string_view ext : {".sys", ".exe", ".dll"}) {
        if (name.ends_with(ext)) {
            name.resize(name.size() - ext.size());
        }
    }
    return !name.empty() &&
           std::find(k_not_a_suspect.begin(), k_not_a_suspect.end(), name) == k_not_a_suspect.end();
}

std::string describe(BugCheck const& b, PoolStop const& stop) {
    std::string s = (b.name.empty() ? std::string(stop.name) : b.name) + " (" + format::hex(stop.code) + ")";
    std::string args;
    for (std::size_t i = 0; i < b.args.size(); ++i) {
        if (b.args[i]) {
            args += (args.empty() ? "" : ", ") + std::string("Arg") + std::to_string(i + 1) + " " +
                    format::hex(b.args[i]->value);
        }
    }
    return args.empty() ? s : s + " with " + args;
}

std::string describe(PoolValidation const& v) {
    std::string s = "!poolval found pool page " + (v.page ? format::hex(*v.page) : std::string("?")) +
                    (v.region.empty() ? std::string() : " (" + v.region + ")") + " INVALID";
    for (auto const& p : v.problems) {
        s += (&p == &v.problems.front() ? " (header " : ", header ") + format::hex(p.header) + ": " + p.what + " " +
             format::hex(p.found) + ", should be " + format::hex(p.expected) + (&p == &v.problems.back() ? ")" : "");
    }
    if (v.bit_scan == model::SingleBitScan::none_found) {
        s += ", and no single-bit error (a real overwrite, not a flipped bit of bad memory)";
    }
    return s;
}

} // namespace

void pool_corruption(model::Case const& c, Options const&, Report& report) {
    std::vector<PoolValidation const*> invalid;
    std::vector<PoolValidation const*> unplaced;  // INVALID on a page !poolval could not place
    std::vector<model::PoolPageMessage const*> not_pool;  // !pool: "is not valid pool"
    std::vector<std::pair<BugCheck const*, PoolStop const*>> stops;
    for (auto const& s : c.snapshots) {
        for (auto const& v : s.pool_validations) {
            if (v.verdict != model::PoolPageVerdict::invalid) {
                continue;
            }
            // "region is Unknown": the address is not in any pool (a freed page, a mistyped
            // address), so there are no headers to be valid; it is not evidence of damage.
            (lower(v.region) == "unknown" ? unplaced : invalid).push_back(&v);
        }
        for (auto const& p : s.pool_pages) {
            for (auto const& m : p.messages) {
                if (m.kind == model::PoolPageTrouble::not_valid_pool) {
                    not_pool.push_back(&m);
                }
            }
        }
        for (auto const& b : s.bugchecks) {
            if (auto const* stop = pool_stop(b)) {
                stops.emplace_back(&b, stop);
            }
        }
    }
    if (invalid.empty() && stops.empty()) {
        return;
    }
    Finding finding;
    finding.pattern = Pattern::pool_corruption;
    finding.severity = Severity::high;
    finding.score = stops.empty() ? k_poolval_score : k_bugcheck_score;
    std::vector<std::string> said;
    std::optional<std::uint64_t> address;  // where to look with !pool
    std::string suspect;                   // the driver !analyze names, "Driver.sys"
    for (std::size_t n = 0; n < stops.size(); ++n) {
        auto const* b = stops[n].first;  // (not a structured binding: clang 14 cannot capture one)
        auto const* stop = stops[n].second;
        bool const repeat = std::any_of(stops.begin(), stops.begin() + static_cast<std::ptrdiff_t>(n),
                                        [&](auto const& earlier) { return same_stop(*earlier.first, *b); });
        if (!repeat) {
            said.push_back(describe(*b, *stop) + " stopped the system");
        }
        finding.evidence.push_back(b->loc);
        if (stop->address_arg != 0 && b->args[stop->address_arg - 1] && b->args[stop->address_arg - 1]->value != 0) {
            finding.evidence.push_back(b->args[stop->address_arg - 1]->loc);
            address = address ? address : b->args[stop->address_arg - 1]->value;
        }
        auto const& named = b->image_name ? b->image_name : b->module_name;
        bool const named_already = named && std::any_of(finding.culprits.begin(), finding.culprits.end(),
                                                        [&](Culprit const& k) { return k.name == named->value; });
        if (!named || !is_suspect_name(named->value) || named_already) {
            continue;
        }
        suspect = suspect.empty() ? named->value : suspect;
        Culprit k{CulpritKind::module, named->value, k_named_module_score, {}, {named->loc}};
        if (b->module_name && b->image_name) {
            k.evidence.push_back(b->module_name->loc);
        }
        k.reasons.push_back(
            "!analyze names it for " + describe(*b, *stop) +
            (b->symbol ? " (SYMBOL_NAME " + format::symbol_at(b->symbol->name(), b->symbol->offset) + ")"
                       : std::string()) +
            ": it was running when the damage was found, which does not prove it did the damage. A "
            "damaged pool header is usually not its block owner's fault but that of the block before it "
            "being overrun (Microsoft, Bug Check 0x19 BAD_POOL_HEADER), so the writer may be another "
            "driver; special pool on this one tells");
        if (b->symbol) {
            k.evidence.push_back(b->symbol->loc);
            if (!b->symbol->function.empty()) {
                auto const name = b->symbol->name();
                report.rankings.functions.push_back(
                    Culprit{CulpritKind::function, name, k_named_function_score,
                            {"the failing call !analyze names (SYMBOL_NAME) for " + describe(*b, *stop) +
                             ": where the damage was found, maybe not where it was written"},
                            {b->symbol->loc}});
                finding.culprits.push_back(report.rankings.functions.back());
            }
        }
        finding.culprits.insert(finding.culprits.begin(), k);
        report.rankings.modules.push_back(k);
    }
    for (auto const* v : invalid) {
        said.push_back(describe(*v));
        finding.evidence.push_back(v->verdict_loc);
        for (auto const& p : v->problems) {
            finding.evidence.push_back(p.loc);
        }
        if (v->page) {
            address = address ? address : v->page;
        }
    }
    // Not alone (a freed or paged-out page prints the same), but next to a pool bugcheck it
    // says the page the stop names holds no walkable pool.
    for (auto const* m : not_pool) {
        said.push_back("!pool says " + format::hex(m->address) + " is not valid pool (freed or corrupt)");
        finding.evidence.push_back(m->loc);
    }
    for (auto const* v : unplaced) {
        said.push_back("!poolval could not place page " + (v->page ? format::hex(*v->page) : std::string("?")) +
                       " (region Unknown), so its INVALID says nothing about pool headers");
    }
    std::string joined;
    for (auto const& s : said) {
        joined += (joined.empty() ? "" : "; ") + s;
    }
    finding.summary = "The kernel pool is corrupt: " + joined +
                      ". Corruption is not a leak: find the driver that wrote past its block or freed it "
                      "twice; " +
                      (suspect.empty() ? std::string("the driver on the crashing stack")
                                       : "the module !analyze names (" + suspect + ")") +
                      " may be the victim, not the writer.";
    auto const where = address ? format::hex(*address) : std::string("<address>");
    if (invalid.empty()) {
        finding.next_steps.push_back("!poolval " + where + "   (checks every pool header of the page)");
    }
    finding.next_steps.push_back("!pool " + where +
                                 "   (the blocks of the page: the one before a damaged header is the usual writer)");
    // Driver Verifier's flag bit 0 (0x1) is special pool; Microsoft support's "Troubleshooting
    // Pool Corruption" (blogs.technet.microsoft.com/dip, 2013) also warns that a driver on the
    // stack may only have tripped over damage another driver did earlier.
    finding.next_steps.push_back("verifier /flags 0x1 /driver " + (suspect.empty() ? std::string("<suspect>.sys") : suspect) +
                                 "   (special pool, then reproduce: the bad write faults in the writer's own code)");
    report.findings.push_back(std::move(finding));
}

} // namespace dbgsift::infer::rules
