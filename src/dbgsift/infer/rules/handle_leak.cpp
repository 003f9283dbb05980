// SPDX-License-Identifier: MIT
// handle-leak: processes whose HandleCount stands out (against the others in the snapshot,
// by median/MAD, and against what a process normally holds), a dominant type in a `!handle`
// summary, and the object-type pool tags (Even <-> Event, Thre <-> Thread, ...) whose
// outstanding allocations rise with those handles. Seed 000 is the worked example.
#include "../growth.hpp"
#include "../robust.hpp"
#include "rules_list.hpp"
#include "../machine.hpp"
#include "../text.hpp"
#include "../../format/format.hpp"
#include "../../text/quick_hash.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <functional>

namespace dbgsift::infer::rules {
namespace {

// Handles most processes stay under; a few roles hold far more by design.
constexpr double k_default_baseline = norms::handles_baseline.value;
// A summary of one process with this many handles is notable on its own.
constexpr std::uint64_t k_notable_diff = 10000;
// A handle-table listing needs this many processes before "all handles together" means much.
constexpr std::size_t k_full_listing = 10;

struct HeavyRole {
    std::string_view image;  // lower case
    double baseline;
};
constexpr HeavyRole k_heavy_roles[] = {
    {"system", 50000}, {"lsass.exe", 30000}, {"store.exe", 60000}, {"sqlservr.exe", 40000}};

// An outlier by the spread of the counts must still hold this share of its baseline.
constexpr double k_outlier_min_ratio = 0.5;

// Every baseline is at least the default: a process under k_outlier_min_ratio of it is neither
// at its baseline nor an outlier, whatever its image (may_stand).
constexpr bool k_roles_above_default = [] {
    for (auto const& role : k_heavy_roles) {
        if (role.baseline < k_default_baseline) {
            return false;
        }
    }
    return true;
}();
static_assert(k_roles_above_default);
// Below this count a process stands out by growth alone: an outlier needs it (its baseline is
// the default) and being at its baseline needs more, while the outlier ratio is at most 1.
constexpr double k_least_standing = k_outlier_min_ratio * k_default_baseline;
static_assert(k_outlier_min_ratio <= 1.0);

// Asked for every process that may stand out: compared in place, no lowered copy.
double handle_baseline(std::string_view image) {
    for (auto const& role : k_heavy_roles) {
        if (equals_ignoring_case(image, role.image)) {
            return role.baseline;
        }
    }
    return k_default_baseline;
}

// Pool tags the object manager uses for object bodies, and the !handle type each holds.
struct ObjectTag {
    std::string_view tag;
    std::string_view type;
};
constexpr ObjectTag k_object_tags[] = {
    {"Even", "Event"},       {"File", "File"},         {"Thre", "Thread"},
    {"Proc", "Process"},     {"Muta", "Mutant"},       {"Sema", "Semaphore"},
    {"Toke", "Token"},       {"Key", "Key"},           {"Sect", "Section"},
    {"ALPC", "ALPC Port"},   {"Dire", "Directory"},    {"ObDi", "Directory"},
    {"Time", "Timer"},       {"Desk", "Desktop"},      {"Wind", "WindowStation"},
    {"IoCo", "IoCompletion"}, {"TpWo", "TpWorkerFactory"}, {"Symb", "SymbolicLink"},
};

std::string_view object_type_of(std::string_view tag) {
    for (auto const& t : k_object_tags) {
        if (t.tag == tag) {
            return t.type;
        }
    }
    return {};
}

using format::fixed;
std::string hex4(std::uint64_t v) { return format::hex(v, 4); }
std::string hex_address(std::uint64_t v) { return format::bare_hex(v); }

std::string line_ref(model::Loc const& loc) { return "line " + std::to_string(loc.line); }

std::string name_of(model::Process const& p) {
    return p.image.empty() ? "PROCESS " + hex_address(p.address) : p.image;
}

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

struct SuspectProcess {
    model::Process const* process = nullptr;
    double ratio = 0;   // handles / baseline
    double score = 0;
    std::string growth;  // "HandleCount grew by ..." when it grew against the others' drift
    Culprit culprit;
};

struct SuspectType {
    std::string type;
    std::uint64_t count = 0;
    std::uint64_t total = 0;
    Culprit culprit;
};

// Every process of the case with a handle count, by (cid, image) and then in the order met
// (snapshot, then listing), built once per case. Each snapshot asks it for the same process
// (same cid and image) in its earlier snapshots of the same machine and target: growth is the
// best evidence, and the last one met is kept. Building a sorted list of all earlier snapshots'
// processes for each snapshot made a case of many snapshots quadratic in its processes (a
// tenth of the analysis on the bench archive, issue 14).
class Selves {
public:
    explicit Selves(model::Case const& c) {
        std::size_t listed = 0;  // the processes of all snapshots
        for (auto const& s : c.snapshots) {
            listed += s.processes.size();
        }
        m_met.reserve(listed);  // one entry a listed process at most: grown once
        m_first_of_snapshot.reserve(c.snapshots.size());
        m_at.assign(listed, 0);
        m_slots = text::HashSlots(listed);
        m_last.assign(m_slots.count(), k_none);
        // In the order met (snapshot, then listing), each entry chained to the one met before
        // it with the same hash: a chain holds every entry of a key, in met order, and a rare
        // other key of the same hash, which of() skips. Sorting the entries by hash into runs
        // cost more than the rest of this index (issue 14).
        std::size_t first = 0;  // where snapshot i's processes start among them all
        for (std::size_t i = 0; i < c.snapshots.size(); ++i) {
            m_first_of_snapshot.push_back(first);
            auto const& listing = c.snapshots[i].processes;
            for (std::size_t at = 0; at < listing.size(); ++at) {
                auto const& q = listing[at];
                if (!q.handle_count) {
                    continue;
                }
                auto const hash = hash_of(key_of(q));
                auto const j = static_cast<std::uint32_t>(m_met.size());
                auto& last = m_last[m_slots.of(hash)];
                m_met.push_back({hash, &q, static_cast<std::uint32_t>(i), last});
                last = j;
                m_at[first + at] = j;
            }
            first += listing.size();
        }
    }

    // The snapshots that count as earlier selves of snapshot `now` (index `now_index`).
    class Earlier {
    public:
        Earlier(Selves const& selves, model::Case const& c, std::size_t now_index)
            : m_selves(selves), m_listing(c.snapshots[now_index].processes.data()), m_now(now_index) {
            auto const& now = c.snapshots[now_index];
            m_counts.resize(c.snapshots.size());
            for (std::size_t i = 0; i < c.snapshots.size(); ++i) {
                auto const& s = c.snapshots[i];
                m_counts[i] = i != now_index && s.ordinal < now.ordinal && same_machine(s, now);
                m_any_after = m_any_after || (m_counts[i] && i > now_index);
            }
        }
        // The last one met of the earlier selves of `p` (a process of this snapshot with a
        // handle count), or none.
        model::Process const* of(model::Process const& p) const {
            auto const& met = m_selves.m_met;
            auto const& self = met[m_selves.m_at[m_selves.m_first_of_snapshot[m_now] +
                                                 static_cast<std::size_t>(&p - m_listing)]];
            // Snapshots after this one count only when their ordinal says earlier (rare): else
            // the search starts at the entry met before this process's own.
            for (auto j = m_any_after ? m_selves.m_last[m_selves.m_slots.of(self.hash)] : self.before; j != k_none;
                 j = met[j].before) {
                if (m_counts[met[j].snapshot] && met[j].hash == self.hash && key_of(*met[j].process) == key_of(p)) {
                    return met[j].process;
                }
            }
            return nullptr;
        }

    private:
        Selves const& m_selves;
        model::Process const* m_listing;  // the snapshot's processes
        std::size_t m_now;
        std::vector<char> m_counts;  // by snapshot index: an earlier self there counts
        bool m_any_after = false;
    };

private:
    // Keyed by views of the case's own strings: a map's node per process (with a copy of its
    // image name, before) cost more than the rest of the rule.
    using Key = std::pair<std::optional<std::uint64_t>, std::string_view>;
    static Key key_of(model::Process const& p) { return {p.cid, std::string_view(p.image)}; }
    static std::size_t hash_of(Key const& key) {
        auto const image = text::quick_hash(key.second);
        return key.first ? image ^ (std::hash<std::uint64_t>()(*key.first) * 0x9E3779B97F4A7C15u + 1) : image;
    }
    static constexpr std::uint32_t k_none = UINT32_MAX;
    struct Met {
        std::size_t hash = 0;  // of the process's key
        model::Process const* process = nullptr;
        std::uint32_t snapshot = 0;
        std::uint32_t before = k_none;  // the entry met before it in its slot's chain
    };
    std::vector<Met> m_met;
    std::vector<std::size_t> m_first_of_snapshot;  // into m_at, by snapshot index
    std::vector<std::uint32_t> m_at;  // each listed process's entry (those with a handle count)
    text::HashSlots m_slots{0};  // at least twice the listed processes
    // By slot: the last entry met in its chain. A slot shared by two hashes chains both (of()
    // compares the hash, then the key).
    std::vector<std::uint32_t> m_last;
};

class SnapshotHandles {
public:
    SnapshotHandles(model::Case const& c, Selves const& selves, std::size_t index, Report& report)
        : m_case(c), m_selves(selves), m_index(index), m_snap(c.snapshots[index]), m_report(report) {}

    void run() {
        rank_processes();
        rank_summaries();
        rank_object_tags();
        emit_finding();
    }

private:
    void rank_processes() {
        // Every list here holds at most one entry per process: sized once, not grown.
        m_known.reserve(m_snap.processes.size());
        for (auto const& p : m_snap.processes) {
            if (p.handle_count) {
                m_known.push_back(&p);
                m_all_handles += p.handle_count->value;
            }
        }
        if (m_known.empty()) {
            return;
        }
        judge_growth_of_processes();
        // When no process may stand out (most snapshots), neither the spread of the counts
        // nor the standings are worked out.
        bool any_may_stand = false;
        for (std::size_t i = 0; i < m_known.size() && !any_may_stand; ++i) {
            any_may_stand = may_stand(i);
        }
        if (!any_may_stand) {
            return;
        }
        std::vector<double> counts;
        counts.reserve(m_known.size());
        for (auto const* p : m_known) {
            counts.push_back(static_cast<double>(p->handle_count->value));
        }
        auto const spread = robust_spread(std::move(counts));  // not read again
        // The processes that stand out, by handle count (highest first, ties as listed): the
        // few kept are sorted, not the whole listing.
        struct Standing {
            std::size_t known = 0;  // into m_known
            double baseline = 0, ratio = 0, z = 0;
            bool outlier = false;
        };
        std::vector<Standing> standing;
        for (std::size_t i = 0; i < m_known.size(); ++i) {
            auto const& p = *m_known[i];
            double const count = static_cast<double>(p.handle_count->value);
            if (!may_stand(i)) {
                continue;
            }
            double const baseline = handle_baseline(p.image);
            double const ratio = count / baseline;
            double const z = spread ? spread->z(count) : 0;
            // System, lsass.exe ... stand out among ordinary processes by design: for them
            // only their own, higher baseline counts.
            bool const outlier = spread && z >= 5 && ratio >= k_outlier_min_ratio && baseline <= k_default_baseline;
            if (ratio < 1 && !outlier && !growth_of(i).verdict.grew) {
                continue;
            }
            standing.push_back({i, baseline, ratio, z, outlier});
        }
        auto const handles = [this](std::size_t known) { return m_known[known]->handle_count->value; };
        std::stable_sort(standing.begin(), standing.end(), [&handles](Standing const& a, Standing const& b) {
            return handles(a.known) > handles(b.known);
        });
        for (auto const& [known, baseline, ratio, z, outlier] : standing) {
            auto const& p = *m_known[known];
            auto const& growth = growth_of(known);
            bool const grew = growth.verdict.grew;
            SuspectProcess s;
            s.process = &p;
            s.ratio = ratio;
            s.score = 0.35 + 0.25 * std::log2(std::max(ratio, 0.25));
            if (outlier) {
                s.score += std::min(0.15, 0.05 + 0.01 * (z - 5));
            }
            auto& k = s.culprit;
            k.kind = CulpritKind::process;
            k.name = name_of(p);
            k.reasons.push_back(k.name + " holds " + format::count(p.handle_count->value) +
                                " handles (" + line_ref(p.handle_count->loc) + "), " + fixed(ratio) +
                                "x the ~" + std::to_string(static_cast<std::uint64_t>(baseline)) +
                                " a " + (baseline > k_default_baseline ? k.name : "process") +
                                " normally stays under.");
            if (spread) {
                k.reasons.push_back("Against the " + std::to_string(m_known.size()) +
                                    " processes listed (median " + fixed(spread->median, 0) +
                                    " handles, MAD " + fixed(spread->mad, 0) + ") it is " +
                                    fixed(z) + " robust deviations above the median.");
            } else {
                k.reasons.push_back("It has the " + ordinal(rank_by_count(known) + 1) + "highest handle count of the " +
                                    std::to_string(m_known.size()) +
                                    " processes listed; too few for median/MAD statistics, so it is "
                                    "ranked by its count against the baseline.");
            }
            if (grew) {
                auto const* before = growth.before;
                auto const& v = growth.verdict;
                s.growth = "HandleCount grew by " + format::count(static_cast<std::uint64_t>(v.delta)) + " (" +
                           format::count(before->handle_count->value) + " -> " +
                           format::count(p.handle_count->value) + ") between snapshot " +
                           std::to_string(before_ordinal(*before) + 1) + " (" + line_ref(before->handle_count->loc) +
                           ") and snapshot " + std::to_string(m_snap.ordinal + 1) + " (" +
                           line_ref(p.handle_count->loc) + ")";
                if (v.z > 0) {
                    s.growth += ", " + fixed(v.z, 0) + " robust deviations above the drift of the other " +
                                std::to_string(m_growth_count - 1) + " processes";
                }
                if (auto const hours = hours_between(*before, m_snap); hours && *hours > 0) {
                    s.growth += " (" + fixed(v.delta / *hours, 0) + " handles per hour)";
                }
                k.reasons.insert(k.reasons.begin(), "leak: " + s.growth + ".");
                s.score = std::max(s.score, 0.8 + 0.05 * std::log2(std::max(1.0, v.factor)));
                k.evidence.push_back(before->handle_count->loc);
            } else if (growth.before != nullptr && growth.verdict.stable) {
                k.reasons.push_back("large but stable: " +
                                    std::to_string(growth.before->handle_count->value) + " -> " +
                                    std::to_string(p.handle_count->value) +
                                    " handles between snapshots (a role that holds many, not a leak).");
                s.score *= 0.7;
            }
            s.score = std::min(0.95, clamp01(s.score));
            k.score = s.score;
            k.evidence.push_back(p.loc);
            k.evidence.push_back(p.handle_count->loc);
            if (p.image_loc.line != 0) {
                k.evidence.push_back(p.image_loc);
            }
            m_processes.push_back(std::move(s));
        }
        if (!spread && !m_processes.empty()) {
            m_report.notes.push_back(
                "Only " + std::to_string(m_known.size()) +
                " process(es) with a handle count are listed: too few for median/MAD outlier "
                "statistics, so processes were ranked by handle count against the ~10000 baseline.");
            m_report.note_evidence.push_back(m_known.front()->loc);
        }
    }

    // A process under k_outlier_min_ratio of every baseline is neither at its baseline nor an
    // outlier, whatever its image: only growth makes it stand out (most processes).
    bool may_stand(std::size_t known) const {
        return static_cast<double>(m_known[known]->handle_count->value) >= k_least_standing ||
               growth_of(known).verdict.grew;
    }

    // Each process listed in an earlier snapshot of this machine, judged against the others'
    // drift: growth is what proves a handle leak (R12).
    void judge_growth_of_processes() {
        std::vector<std::size_t> now;  // into m_known
        std::vector<model::Process const*> then;
        std::vector<Change> changes;
        now.reserve(m_known.size());
        then.reserve(m_known.size());
        changes.reserve(m_known.size());
        Selves::Earlier const earlier(m_selves, m_case, m_index);
        for (std::size_t i = 0; i < m_known.size(); ++i) {
            auto const* p = m_known[i];
            if (auto const* before = earlier.of(*p)) {
                now.push_back(i);
                then.push_back(before);
                changes.push_back({static_cast<double>(before->handle_count->value),
                                   static_cast<double>(p->handle_count->value)});
            }
        }
        if (now.empty()) {
            return;  // m_growth stays empty: growth_of() says none grew (most snapshots)
        }
        auto const verdicts = judge_growth(changes, norms::handle_growth_min.value);
        m_growth.resize(m_known.size());
        for (std::size_t i = 0; i < now.size(); ++i) {
            m_growth[now[i]] = {then[i], verdicts[i]};
        }
        m_growth_count = now.size();
    }

    // Place of m_known[known] among the processes by handle count, highest first, ties as
    // listed: what a stable sort of them all would give.
    std::size_t rank_by_count(std::size_t known) const {
        auto const mine = m_known[known]->handle_count->value;
        std::size_t above = 0;
        for (std::size_t j = 0; j < m_known.size(); ++j) {
            auto const theirs = m_known[j]->handle_count->value;
            above += theirs > mine || (theirs == mine && j < known) ? 1 : 0;
        }
        return above;
    }

    // Hours between the snapshot holding `p` and `now`, when both have a session time.
    std::optional<double> hours_between(model::Process const& p, model::Snapshot const& now) const {
        for (auto const& s : m_case.snapshots) {
            if (!s.processes.empty() && &p >= s.processes.data() && &p < s.processes.data() + s.processes.size() &&
                s.seconds && now.seconds && *now.seconds > *s.seconds) {
                return (*now.seconds - *s.seconds) / 3600.0;
            }
        }
        return std::nullopt;
    }

    std::uint32_t before_ordinal(model::Process const& p) const {
        for (auto const& s : m_case.snapshots) {
            if (!s.processes.empty() && &p >= s.processes.data() && &p < s.processes.data() + s.processes.size()) {
                return s.ordinal;
            }
        }
        return 0;
    }

    static std::string ordinal(std::size_t n) {
        switch (n) {
        case 1: return "";
        case 2: return "2nd ";
        case 3: return "3rd ";
        default: return std::to_string(n) + "th ";
        }
    }

    void rank_summaries() {
        for (auto const& h : m_snap.handles) {
            std::vector<model::HandleTypeCount> types = h.types;
            if (types.empty()) {
                // A kernel table lists handles one by one: count them per type.
                std::map<std::string, model::HandleTypeCount> tally;
                for (auto const& e : h.handles) {
                    if (!e.type.empty()) {
                        auto& t = tally[e.type];
                        t.type = e.type;
                        t.object_type = e.object_type;
                        ++t.count;
                        if (t.loc.line == 0) {
                            t.loc = e.loc;
                        }
                    }
                }
                for (auto& [name, t] : tally) {
                    types.push_back(t);
                }
            }
            std::uint64_t total = h.total ? h.total->value : 0;
            if (total == 0) {
                for (auto const& t : types) {
                    total += t.count;
                }
            }
            double const baseline = handle_baseline(h.process);
            if (total == 0 || static_cast<double>(total) < baseline) {
                continue;
            }
            m_summary_total = std::max(m_summary_total, total);
            if (h.total) {
                m_summary_evidence.push_back(h.total->loc);
            }
            std::stable_sort(types.begin(), types.end(),
                             [](auto const& a, auto const& b) { return a.count > b.count; });
            for (std::size_t i = 0; i < types.size(); ++i) {
                auto const& t = types[i];
                double const share = static_cast<double>(t.count) / static_cast<double>(total);
                bool const dominant = i == 0 && share >= 0.4;
                if (!dominant && (share < 0.1 || t.count < 5000)) {
                    continue;
                }
                SuspectType s;
                s.type = t.type;
                s.count = t.count;
                s.total = total;
                auto& k = s.culprit;
                k.kind = CulpritKind::handle_type;
                k.name = t.type;
                k.score = std::min(0.9, 0.3 + 0.5 * share +
                                            0.1 * std::log10(std::max(1.0, t.count / 10000.0)));
                std::string sentence = t.type + ": " + format::count(t.count) + " of " +
                                       format::count(total) + " handles (" + fixed(100 * share) +
                                       "%, " + line_ref(t.loc) + ")";
                sentence += dominant ? " - the dominant type: the leak is most likely an object of "
                                       "this type opened per operation and never closed."
                                     : ", far more than a process needs.";
                if (t.object_type == model::ObjectType::thread && !dominant) {
                    sentence = t.type + ": " + format::count(t.count) + " of " + format::count(total) +
                               " handles (" + fixed(100 * share) + "%, " + line_ref(t.loc) +
                               "): thread handles kept after the threads exit also keep each "
                               "thread object in memory.";
                }
                k.reasons.push_back(sentence);
                if (!h.process.empty()) {
                    k.reasons.push_back("Counted in the handle table of " + h.process + ".");
                }
                if (lower(h.process) == "system" && t.object_type == model::ObjectType::file &&
                    static_cast<double>(t.count) >= norms::system_file_handles_high.value) {
                    k.score = std::max(k.score, 0.8);
                    k.reasons.push_back("The System process holding this many File handles means a filter or "
                                        "driver leaks them; the user processes driving the I/O are triggers, "
                                        "not owners.");
                }
                k.evidence.push_back(t.loc);
                if (h.total) {
                    k.evidence.push_back(h.total->loc);
                }
                if (dominant) {
                    m_dominant_type = t.type;
                    m_dominant_object_type = t.object_type;
                }
                m_types.push_back(std::move(s));
            }
        }
    }

    double flagged_max() const {
        double most = 0;
        for (auto const& s : m_processes) {
            most = std::max(most, static_cast<double>(s.process->handle_count->value));
        }
        return most;
    }

    std::uint64_t flagged_handles() const {
        std::uint64_t sum = 0;
        for (auto const& s : m_processes) {
            sum += s.process->handle_count->value;
        }
        return sum;
    }

    std::string flagged_names() const {
        std::string out;
        for (std::size_t i = 0; i < m_processes.size() && i < 3; ++i) {
            out += (i == 0 ? "" : i + 1 == std::min<std::size_t>(m_processes.size(), 3) ? " and " : ", ");
            out += m_processes[i].culprit.name;
        }
        return out;
    }

    void rank_object_tags() {
        if (m_processes.empty() && m_types.empty()) {
            return;  // no handle evidence: the pool-tag rule alone speaks for the tags
        }
        for (auto const& table : m_snap.pool) {
            for (auto const& tag : table.tags) {
                auto const type = object_type_of(tag.tag);
                if (type.empty()) {
                    continue;
                }
                bool const paged = tag.paged.diff.value_or(0) > tag.nonpaged.diff.value_or(0);
                std::uint64_t const diff = paged ? *tag.paged.diff : tag.nonpaged.diff.value_or(0);
                bool const type_matches = !m_dominant_type.empty() && m_dominant_type == type;
                if (diff < k_notable_diff && !(type_matches && diff >= k_notable_diff / 2)) {
                    continue;
                }
                link_object_tag(table, tag, type, diff, paged, type_matches);
            }
        }
    }

    void link_object_tag(model::PoolUsedTable const& table, model::PoolTag const& tag,
                         std::string_view type, std::uint64_t diff, bool paged, bool type_matches) {
        std::string const pool = paged ? "paged" : "nonpaged";
        Culprit k;
        k.kind = CulpritKind::pooltag;
        k.name = tag.tag;
        double score = 0.45 + 0.1 * std::log10(static_cast<double>(diff) / k_notable_diff);
        std::string sentence = tag.tag + " (" + std::string(type) + " objects): Diff " +
                               format::count(diff) + " outstanding in " + pool + " pool (" +
                               line_ref(tag.loc) + ")";
        if (!m_processes.empty()) {
            score += 0.1;
            sentence += " while " + flagged_names() + " hold " + format::count(flagged_handles()) +
                        " handles: the " + std::string(type) +
                        " objects those handles keep alive.";
        } else {
            sentence += ".";
        }
        k.reasons.push_back(sentence);
        if (type_matches) {
            score += 0.1;
            for (auto const& t : m_types) {
                if (t.type == type) {
                    k.reasons.push_back("The !handle summary agrees: " + std::string(type) + " is " +
                                        format::count(t.count) + " of " + format::count(t.total) +
                                        " handles.");
                    k.evidence.insert(k.evidence.end(), t.culprit.evidence.begin(),
                                      t.culprit.evidence.end());
                }
            }
        }
        if (m_known.size() >= k_full_listing &&
            static_cast<double>(diff) > 3.0 * static_cast<double>(m_all_handles)) {
            std::string const why =
                tag.tag + " Diff " + format::count(diff) + " is far above the " +
                format::count(m_all_handles) + " handles all " + std::to_string(m_known.size()) +
                " listed processes hold together: this looks like a kernel reference leak "
                "(objects kept alive by references a driver never releases) rather than a handle leak.";
            k.reasons.push_back(why);
            m_report.notes.push_back(why);
            m_report.note_evidence.push_back(tag.loc);
        }
        k.score = std::min(0.75, score);
        k.evidence.push_back(tag.loc);
        for (auto const& s : m_processes) {
            k.evidence.push_back(s.process->handle_count->loc);
        }
        m_tag_evidence.push_back(tag.loc);
        m_tag_summaries.push_back(std::string(type) + " objects outstanding under pool tag " + tag.tag +
                                  " (Diff " + format::count(diff) + ")");
        double const object_score = k.score;
        m_tags.push_back(std::move(k));
        link_companion_tags(table, tag, diff, paged, object_score);
    }

    // A tag that is not an object type but whose outstanding count moves with the object
    // tag's (seed 000: ABCD 73979 beside Even 65905) is likely a driver's per-object
    // allocation: the owner of the leak rather than its symptom, so it ranks a little above.
    void link_companion_tags(model::PoolUsedTable const& table, model::PoolTag const& object_tag,
                             std::uint64_t object_diff, bool paged, double object_score) {
        struct Candidate {
            model::PoolTag const* tag;
            std::uint64_t diff;
            double closeness;
        };
        std::vector<Candidate> candidates;
        for (auto const& t : table.tags) {
            if (&t == &object_tag || !object_type_of(t.tag).empty()) {
                continue;
            }
            auto const d = paged ? t.paged.diff : t.nonpaged.diff;
            if (!d || *d < k_notable_diff) {
                continue;
            }
            double const ratio = static_cast<double>(*d) / static_cast<double>(object_diff);
            if (ratio < 0.5 || ratio > 2.0) {
                continue;
            }
            candidates.push_back({&t, *d, std::abs(std::log(ratio))});
        }
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](auto const& a, auto const& b) { return a.closeness < b.closeness; });
        for (std::size_t i = 0; i < candidates.size() && i < 3; ++i) {
            auto const& c = candidates[i];
            Culprit k;
            k.kind = CulpritKind::pooltag;
            k.name = c.tag->tag;
            double const ratio = static_cast<double>(c.diff) / static_cast<double>(object_diff);
            k.reasons.push_back(c.tag->tag + ": Diff " + format::count(c.diff) + " (" +
                                line_ref(c.tag->loc) + ") moves with " + object_tag.tag + "'s " +
                                format::count(object_diff) + " (ratio " + fixed(ratio, 2) +
                                "): likely allocated per leaked object by the driver that owns "
                                "the leak.");
            k.score = std::min(0.8, object_score + 0.05);
            k.evidence.push_back(c.tag->loc);
            k.evidence.push_back(object_tag.loc);
            m_tags.push_back(std::move(k));
            if (!m_tag_summaries.empty()) {
                m_tag_summaries.back() += (i == 0 ? ", with " : " and ") + c.tag->tag + " (Diff " +
                                          format::count(c.diff) + ")";
            }
        }
        if (!candidates.empty() && !m_tag_summaries.empty()) {
            m_tag_summaries.back() += " rising alongside";
        }
    }

    void emit_finding() {
        if (m_processes.empty() && m_types.empty()) {
            return;
        }
        std::stable_sort(m_processes.begin(), m_processes.end(),
                         [](auto const& a, auto const& b) { return a.score > b.score; });
        Finding f;
        f.pattern = Pattern::handle_leak;
        double best = 0;
        double max_ratio = 0;
        std::vector<std::string> parts;
        if (!m_processes.empty()) {
            std::string s;
            for (std::size_t i = 0; i < m_processes.size() && i < 3; ++i) {
                auto const& p = m_processes[i];
                s += (i == 0 ? "" : ", ") + p.culprit.name;
                s += p.growth.empty() ? " holds " + format::count(p.process->handle_count->value) + " handles (" +
                                            fixed(p.ratio) + "x its baseline)"
                                      : " leaks handles: " + p.growth;
                m_grew = m_grew || !p.growth.empty();
                max_ratio = std::max(max_ratio, p.ratio);
            }
            parts.push_back(s);
        }
        if (!m_types.empty()) {
            auto const& t = m_types.front();
            parts.push_back(format::count(t.total) + " handles open in one process, " + t.type +
                            " " + format::count(t.count) + " of them");
        }
        if (!m_tag_summaries.empty()) {
            std::string s;
            for (std::size_t i = 0; i < m_tag_summaries.size(); ++i) {
                s += (i == 0 ? "" : ", ") + m_tag_summaries[i];
            }
            parts.push_back(s);
        }
        for (std::size_t i = 0; i < parts.size(); ++i) {
            f.summary += (i == 0 ? "" : "; ") + parts[i];
        }
        f.summary += ".";
        for (auto& s : m_processes) {
            best = std::max(best, s.score);
            f.culprits.push_back(s.culprit);
            f.evidence.insert(f.evidence.end(), s.culprit.evidence.begin(), s.culprit.evidence.end());
            m_report.rankings.processes.push_back(std::move(s.culprit));  // its last use
        }
        for (auto& t : m_types) {
            best = std::max(best, t.culprit.score);
            f.culprits.push_back(t.culprit);
            f.evidence.insert(f.evidence.end(), t.culprit.evidence.begin(), t.culprit.evidence.end());
            m_report.rankings.handle_types.push_back(std::move(t.culprit));  // its last use
        }
        for (auto& k : m_tags) {
            f.culprits.push_back(k);
            m_report.rankings.pooltags.push_back(std::move(k));  // its last use
        }
        f.evidence.insert(f.evidence.end(), m_tag_evidence.begin(), m_tag_evidence.end());
        std::stable_sort(f.culprits.begin(), f.culprits.end(),
                         [](Culprit const& a, Culprit const& b) { return a.score > b.score; });
        f.score = best;
        f.severity = (m_grew || max_ratio >= 2 || m_summary_total >= 100000 ||
                      flagged_max() >= norms::handles_high.value)
                         ? Severity::high
                         : Severity::medium;
        next_steps(f);
        m_report.findings.push_back(std::move(f));
    }

    void next_steps(Finding& f) const {
        std::string const type = m_dominant_type;
        if (!m_processes.empty()) {
            auto const& top = *m_processes.front().process;
            if (top.cid) {
                f.next_steps.push_back("!process " + hex4(*top.cid) + " 7");
            }
            f.next_steps.push_back("!handle 0 3 " + hex_address(top.address) +
                                   (type.empty() ? std::string() : " " + type));
        }
        if (m_snap.target == model::Target::user || !m_types.empty()) {
            f.next_steps.push_back("!handle 0 f " + (type.empty() ? std::string("Event") : type));
        }
        f.next_steps.push_back("!htrace -enable");
        f.next_steps.push_back("!htrace -diff");
        using model::ObjectType;
        auto const o = m_dominant_object_type;
        if (o == ObjectType::event || o == ObjectType::mutant || o == ObjectType::semaphore || o == ObjectType::section) {
            f.next_steps.push_back("!object \\BaseNamedObjects");
        }
    }

    model::Case const& m_case;
    Selves const& m_selves;
    std::size_t m_index;  // of m_snap in the case
    model::Snapshot const& m_snap;
    Report& m_report;
    std::vector<model::Process const*> m_known;  // processes with a handle count
    // By index into m_known: the process's earlier self (or none) and how it grew since.
    struct Growth {
        model::Process const* before = nullptr;
        GrowthVerdict verdict;
    };
    std::vector<Growth> m_growth;  // empty when no process has an earlier self
    std::size_t m_growth_count = 0;  // processes with an earlier self
    // The growth of m_known[known]: none without an entry. Most snapshots have no earlier
    // self of any process, and an entry per process was made for them all the same.
    Growth const& growth_of(std::size_t known) const {
        static Growth const none;
        return m_growth.empty() ? none : m_growth[known];
    }
    std::uint64_t m_all_handles = 0;
    std::vector<SuspectProcess> m_processes;
    std::vector<SuspectType> m_types;
    std::string m_dominant_type;
    model::ObjectType m_dominant_object_type = model::ObjectType::other;
    std::uint64_t m_summary_total = 0;
    std::vector<model::Loc> m_summary_evidence;
    std::vector<Culprit> m_tags;
    std::vector<model::Loc> m_tag_evidence;
    std::vector<std::string> m_tag_summaries;
    bool m_grew = false;
};

} // namespace

namespace {

// Exited processes still referenced (R5): "ObjectTable: 00000000 HandleCount: 0", grouped by
// image. Whoever holds handles to them never closed them; each costs kernel memory.
void zombie_processes(model::Snapshot const& s, Report& report) {
    std::map<std::string, std::vector<model::Process const*>> by_image;
    for (auto const& p : s.processes) {
        if (p.object_table && *p.object_table == 0 && p.handle_count && p.handle_count->value == 0) {
            by_image[lower(p.image)].push_back(&p);
        }
    }
    std::size_t total = 0;
    for (auto const& [image, list] : by_image) {
        total += list.size();
    }
    if (static_cast<double>(total) < norms::zombie_min_count.value) {
        return;
    }
    Finding f;
    f.pattern = Pattern::handle_leak;
    f.severity = Severity::medium;
    std::vector<std::pair<std::size_t, std::string>> order;
    for (auto const& [image, list] : by_image) {
        order.emplace_back(list.size(), image);
    }
    std::sort(order.rbegin(), order.rend());
    std::string names;
    for (std::size_t i = 0; i < order.size(); ++i) {
        auto const& list = by_image.at(order[i].second);
        Culprit k;
        k.kind = CulpritKind::process;
        k.name = name_of(*list.front());
        k.score = clamp01(0.4 + 0.1 * std::log10(static_cast<double>(list.size())));
        k.reasons.push_back(std::to_string(list.size()) + " exited " + k.name +
                            " processes are still referenced (ObjectTable 0, HandleCount 0): zombies that "
                            "whoever holds their handles never closed (about 64 KB of kernel memory each).");
        for (std::size_t j = 0; j < list.size() && j < 8; ++j) {
            k.evidence.push_back(list[j]->loc);
        }
        if (i < 3) {
            names += (i == 0 ? "" : ", ") + std::to_string(list.size()) + " " + k.name;
        }
        f.evidence.insert(f.evidence.end(), k.evidence.begin(), k.evidence.end());
        f.culprits.push_back(k);
        report.rankings.processes.push_back(std::move(k));
    }
    f.score = f.culprits.front().score;
    f.summary = std::to_string(total) + " zombie processes (exited, ObjectTable 0, HandleCount 0): " + names +
                "; a process or driver keeps handles to processes that ended.";
    f.next_steps = {"!object " + hex_address(by_image.at(order.front().second).front()->address),
                    "!handle 0 3 0 Process", "!poolused 2 Proc"};
    report.findings.push_back(std::move(f));
}

} // namespace

void handle_leak(model::Case const& c, Options const& /*options*/, Report& report) {
    for (auto const& s : c.snapshots) {
        zombie_processes(s, report);
    }
    bool any = false;
    Selves const selves(c);
    for (std::size_t i = 0; i < c.snapshots.size(); ++i) {
        auto const before = report.findings.size();
        SnapshotHandles(c, selves, i, report).run();
        any = any || report.findings.size() > before;
    }
    std::size_t with_handles = 0;
    for (auto const& s : c.snapshots) {
        bool const has = std::any_of(s.processes.begin(), s.processes.end(),
                                     [](auto const& p) { return p.handle_count.has_value(); }) ||
                         !s.handles.empty();
        with_handles += has ? 1 : 0;
    }
    if (any && with_handles == 1) {
        report.notes.push_back("Handle counts come from one snapshot only: a second !process 0 0 or "
                               "!handle later would show whether they keep growing and turn this into proof.");
    }
}

} // namespace dbgsift::infer::rules
