// SPDX-License-Identifier: MIT
// Runs the rules, then makes the rankings one list per kind: the same suspect named by
// several rules becomes one entry with every reason, ordered best suspect first.
#include "rules.hpp"
#include "rules/rules_list.hpp"
#include "sort_once.hpp"
#include "text.hpp"
#include "../text/quick_hash.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace dbgsift::infer {

std::vector<RuleSpec> const& all_rules() {
    // Order matters: pool_tag_leak reads which pool pool_exhaustion found exhausted.
    static std::vector<RuleSpec> const rules{
        {"pool_exhaustion", rules::pool_exhaustion},
        {"pool_tag_leak", rules::pool_tag_leak},
        {"handle_leak", rules::handle_leak},
        {"process_memory_leak", rules::process_memory_leak},
        {"user_memory", rules::user_memory},
        {"high_contention", rules::high_contention},
        {"allocation_stacks", rules::allocation_stacks},
        {"handle_stacks", rules::handle_stacks},
        {"pool_blocks", rules::pool_blocks},
        {"heap_corruption", rules::heap_corruption},
        {"pool_corruption", rules::pool_corruption},
        {"answered_next_steps", rules::answered_next_steps},
    };
    return rules;
}

std::span<RankingKind const> ranking_kinds() {
    static RankingKind const kinds[] = {
        {CulpritKind::pooltag, "pooltags", "Pool tags", &Rankings::pooltags},
        {CulpritKind::process, "processes", "Processes", &Rankings::processes},
        {CulpritKind::module, "modules", "Modules", &Rankings::modules},
        // Added to dbgsift/1 with the stack-reading commands: its JSON key appears when a stack
        // names a function (module!function), so older documents keep their shape.
        {CulpritKind::function, "functions", "Functions", &Rankings::functions, true},
        {CulpritKind::lock, "locks", "Locks", &Rankings::locks},
        {CulpritKind::session, "sessions", "Sessions", &Rankings::sessions},
        {CulpritKind::heap, "heaps", "Heaps", &Rankings::heaps},
        {CulpritKind::region, "regions", "Address-space regions", &Rankings::regions},
        {CulpritKind::handle_type, "handle_types", "Handle types", &Rankings::handle_types},
    };
    return kinds;
}

namespace {

// Lists up to this long are searched for each addition; a suspect named by thousands of stacks
// gathers thousands of reasons and lines, and searching the whole list for each made merging
// quadratic (issue 14: 5,000 handles of one module took 87 % of the run).
constexpr std::size_t k_searched_whole = 32;

// Evidence is put in line order with each line once by tidy_evidence, after the merge: a long
// list takes the rest as it comes, a short one stays short.
void add_unique(std::vector<model::Loc>& into, std::vector<model::Loc> const& from) {
    for (auto const& loc : from) {
        if (into.size() >= k_searched_whole || std::find(into.begin(), into.end(), loc) == into.end()) {
            into.push_back(loc);
        }
    }
}

// Reasons keep the order they were first given in. Past k_searched_whole, what is present is
// kept in a set, made (by `present_of`, once per merged entry) from the list when it gets long;
// the list never shrinks, so every later addition goes through the set.
template <typename PresentOf>
void add_unique(std::vector<std::string>& into, std::vector<std::string> const& from, PresentOf&& present_of) {
    std::unordered_set<std::string>* present = nullptr;
    for (auto const& s : from) {
        if (into.size() < k_searched_whole) {
            if (std::find(into.begin(), into.end(), s) == into.end()) {
                into.push_back(s);
            }
            continue;
        }
        if (present == nullptr) {
            present = &present_of();
            if (present->empty()) {
                present->insert(into.begin(), into.end());
            }
        }
        if (present->insert(s).second) {
            into.push_back(s);
        }
    }
}

// File, then line, as one number.
std::uint64_t location_key(model::Loc const& loc) { return std::uint64_t{loc.file} << 32 | loc.line; }

// In file and line order, each line once. Compared in a lambda: a function passed by name is
// called through a pointer for every comparison.
void tidy_evidence(std::vector<model::Loc>& evidence) {
    auto const before = [](model::Loc const& a, model::Loc const& b) { return location_key(a) < location_key(b); };
    // Most lists are gathered in reading order already: checked in one pass, not sorted.
    if (!std::is_sorted(evidence.begin(), evidence.end(), before)) {
        std::sort(evidence.begin(), evidence.end(), before);
    }
    evidence.erase(std::unique(evidence.begin(), evidence.end()), evidence.end());
}

// A name's hash in any letter case: what hashing lower(name) gives, without making that copy.
std::uint64_t hash_ignoring_case(std::string_view name) {
    std::uint64_t h = 0xcbf29ce484222325u;  // FNV-1a
    for (char const ch : name) {
        h = (h ^ static_cast<unsigned char>(ascii_lower(ch))) * 0x100000001b3u;
    }
    return h;
}

// Same (case-insensitive) name -> one entry: the highest score, a small bonus for each
// further rule that independently names it, all reasons and evidence.
void merge_ranking(std::vector<Culprit>& ranking) {
    if (ranking.size() < 2) {  // nothing to merge or order (most kinds of most cases): no tables made
        for (auto& m : ranking) {
            tidy_evidence(m.evidence);
        }
        return;
    }
    std::vector<Culprit> merged;
    merged.reserve(ranking.size());
    // Each name's entry in `merged`, by the name's hash in any case: a hash map of lowered
    // copies made a node, and often a string, per culprit (issue 14).
    text::PlaceTable places(ranking.size());
    // The reasons of entries whose lists got long, by place in `merged` (most merges: none).
    std::unordered_map<std::size_t, std::unordered_set<std::string>> long_reasons;
    for (auto& c : ranking) {
        auto const [place, added] = places.find_or_add(hash_ignoring_case(c.name), merged.size(), [&](std::uint32_t at) {
            return equals_ignoring_case(merged[at].name, c.name);
        });
        if (added) {
            merged.push_back(std::move(c));
            continue;
        }
        auto& m = merged[place];
        double const high = std::max(m.score, c.score);
        double const low = std::min(m.score, c.score);
        m.score = std::min(1.0, high + 0.1 * low);
        add_unique(m.reasons, c.reasons, [&long_reasons, at = place]() -> auto& { return long_reasons[at]; });
        add_unique(m.evidence, c.evidence);
    }
    for (auto& m : merged) {
        tidy_evidence(m.evidence);
    }
    stable_sort_moving_once(merged, [](Culprit const& a, Culprit const& b) {
        return a.score != b.score ? a.score > b.score : a.name < b.name;
    });
    ranking = std::move(merged);
}

// A merged ranking's entries by name in any letter case (merge_ranking leaves each name once).
class RankedNames {
public:
    explicit RankedNames(std::vector<Culprit> const& ranking) : m_ranking(ranking), m_places(ranking.size()) {
        for (std::size_t i = 0; i < ranking.size(); ++i) {
            // Each name is ranked once: no entry held already is the one.
            m_places.find_or_add(hash_ignoring_case(ranking[i].name), i, [](std::uint32_t) { return false; });
        }
    }
    // The place of the entry named `name` in any letter case, or none.
    std::optional<std::size_t> find(std::string_view name) const {
        return m_places.find(hash_ignoring_case(name), [&](std::uint32_t at) {
            return equals_ignoring_case(m_ranking[at].name, name);
        });
    }

private:
    std::vector<Culprit> const& m_ranking;
    text::PlaceTable m_places;
};

// One culprit, one score: a finding names a suspect with the score its ranking settled on
// (after the bonus for being named by several rules), so the report never shows two numbers
// for one name. The finding keeps its own order: a pool-tag-leak names the tag first even
// when the module that owns it scores higher.
void align_finding_scores(Report& report) {
    for (auto& f : report.findings) {
        for (auto& k : f.culprits) {
            for (auto const& kind : ranking_kinds()) {
                if (kind.culprit_kind != k.kind) {
                    continue;
                }
                // A merged ranking names each suspect once (merge_ranking): the first match is
                // the only one, and the rest of the list need not be compared.
                for (auto const& ranked : report.rankings.*kind.list) {
                    if (equals_ignoring_case(ranked.name, k.name)) {
                        k.score = ranked.score;
                        break;
                    }
                }
            }
        }
    }
}

// Which entries of each ranking (in ranking_kinds() order) a finding names.
using NamedByFinding = std::vector<std::vector<bool>>;

// align_finding_scores through an index of each ranking's names, for a report whose findings
// name many suspects of long rankings; returns the entries they name (a name is ranked once,
// so the entry found is the only one of that name) for the noise floor.
NamedByFinding align_finding_scores_indexed(Report& report) {
    auto const kinds = ranking_kinds();
    NamedByFinding named(kinds.size());
    std::vector<std::optional<RankedNames>> by_name(kinds.size());
    for (auto& f : report.findings) {
        for (auto& k : f.culprits) {
            for (std::size_t kind = 0; kind < kinds.size(); ++kind) {
                if (kinds[kind].culprit_kind != k.kind) {
                    continue;
                }
                auto const& ranking = report.rankings.*kinds[kind].list;
                if (!by_name[kind]) {
                    by_name[kind].emplace(ranking);
                    named[kind].assign(ranking.size(), false);
                }
                if (auto const at = by_name[kind]->find(k.name)) {
                    k.score = ranking[*at].score;
                    named[kind][*at] = true;
                }
            }
        }
    }
    return named;
}

// Compared as printed (two decimals), so a row shown as 0.05 is never moved aside.
bool above_printed_floor(double score) { return std::round(score * 100.0) / 100.0 >= k_noise_floor; }

// The noise floor. PoolMon practice is to sort by bytes and read the top consumers, and a
// single snapshot shows a consumer at most (HEURISTICS.md R1; Microsoft, "Use PoolMon to find
// a kernel-mode memory leak"): a tag holding 40 bytes, or nothing, is not one. Every rule
// scores a suspect in proportion to its share of the signal it reads (bytes of the pool,
// handles, commit, waiters); under 0.05 it holds less than a twentieth of that signal even
// with its origin counted in, so it is moved aside and the ranking says nothing stands out.
// A suspect a finding names (`named(kind index, place, row)`) is never moved aside.
template <typename Named>
void apply_noise_floor(Report& report, Named const& named) {
    auto const kinds = ranking_kinds();
    for (std::size_t kind = 0; kind < kinds.size(); ++kind) {
        auto& list = report.rankings.*kinds[kind].list;
        auto const stays = [&](std::size_t i) { return above_printed_floor(list[i].score) || named(kind, i, list[i]); };
        // Most rankings keep every row: left as they are, not moved into a list grown anew
        // (issue 14). Past the first row moved aside, the rows kept close up in place, in order.
        std::size_t kept = 0;
        while (kept < list.size() && stays(kept)) {
            ++kept;
        }
        if (kept == list.size()) {
            continue;
        }
        std::vector<Culprit> floor;
        for (std::size_t i = kept; i < list.size(); ++i) {
            if (!stays(i)) {
                floor.push_back(std::move(list[i]));
            } else {
                list[kept++] = std::move(list[i]);
            }
        }
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(kept), list.end());
        report.rankings.below_floor[std::string(kinds[kind].key)] = std::move(floor);
    }
}

// The rows findings name, found by comparing each with every finding's culprits.
void apply_noise_floor(Report& report) {
    apply_noise_floor(report, [&report](std::size_t kind, std::size_t, Culprit const& c) {
        auto const culprit_kind = ranking_kinds()[kind].culprit_kind;
        for (auto const& f : report.findings) {
            for (auto const& k : f.culprits) {
                if (k.kind == culprit_kind && equals_ignoring_case(k.name, c.name)) {
                    return true;
                }
            }
        }
        return false;
    });
}

// The rows findings name, told by align_finding_scores_indexed.
void apply_noise_floor(Report& report, NamedByFinding const& named) {
    apply_noise_floor(report, [&named](std::size_t kind, std::size_t place, Culprit const&) {
        return !named[kind].empty() && named[kind][place];
    });
}

// Findings' culprits are matched with ranked names by reading the rankings whole while that
// is at most this many comparisons: a transcript of tens of thousands of distinct stacks names
// as many suspects in as long rankings, and comparing each with each took minutes (issue 14);
// an index of names costs more than the comparisons of most reports. A chosen bound, not a
// measured break-even: the archive's largest report names 71 suspects of 48 ranked (3,408),
// so every archive report stays well under it and reads its rankings whole.
constexpr std::size_t k_compared_whole = 16384;
// Findings naming at most this many suspects read the rankings whole without counting them
// (most reports: no ranking's length is even read).
constexpr std::size_t k_named_read_whole = 16;

// Whether findings naming `named` suspects are matched through an index of ranked names.
bool worth_an_index(Report const& report, std::size_t named) {
    if (named <= k_named_read_whole) {  // most reports: the rankings are not even counted
        return false;
    }
    std::size_t ranked = 0;
    for (auto const& kind : ranking_kinds()) {
        ranked += (report.rankings.*kind.list).size();
    }
    return named * ranked > k_compared_whole;
}

// Out of line: the common path (compared whole) stays as short as it was.
[[gnu::noinline]] void align_scores_and_apply_noise_floor_indexed(Report& report) {
    apply_noise_floor(report, align_finding_scores_indexed(report));
}

void align_scores_and_apply_noise_floor(Report& report, bool indexed) {
    if (indexed) {
        align_scores_and_apply_noise_floor_indexed(report);
        return;
    }
    align_finding_scores(report);
    apply_noise_floor(report);
}

} // namespace

void align_scores_and_apply_noise_floor_for_testing(Report& report, bool indexed) {
    align_scores_and_apply_noise_floor(report, indexed);
}

Report analyze(model::Case const& c, Options const& options) {
    Report report;
    for (auto const& rule : all_rules()) {
        rule.run(c, options, report);
    }
    for (auto const& kind : ranking_kinds()) {
        merge_ranking(report.rankings.*kind.list);
    }
    std::size_t named = 0;
    for (auto const& f : report.findings) {
        named += f.culprits.size();
    }
    align_scores_and_apply_noise_floor(report, worth_an_index(report, named));
    for (auto& f : report.findings) {
        tidy_evidence(f.evidence);
        for (auto& k : f.culprits) {
            tidy_evidence(k.evidence);
        }
    }
    tidy_evidence(report.note_evidence);
    // Two rules may give the same caution; say it once.
    std::vector<std::string> notes;
    for (auto& note : report.notes) {
        if (std::find(notes.begin(), notes.end(), note) == notes.end()) {
            notes.push_back(std::move(note));
        }
    }
    report.notes = std::move(notes);
    stable_sort_moving_once(report.findings, [](Finding const& a, Finding const& b) {
        if (a.severity != b.severity) {
            return a.severity > b.severity;
        }
        return a.score > b.score;
    });
    return report;
}

} // namespace dbgsift::infer
