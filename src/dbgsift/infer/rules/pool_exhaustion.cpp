// SPDX-License-Identifier: MIT
// Which pool ran out: nonpaged, paged, a session's paged pool, or commit. Reads `!vm` and
// `!vm 4` the way an analyst does: usage against maximum, the debugger's own banners, failed
// allocations. Numbers a machine cannot have (a maximum above physical memory plus every page
// file, a counter that wrapped around 2^32) are debugger artefacts: noted, never a verdict.
#include "rules_list.hpp"
#include "../norms.hpp"
#include "../machine.hpp"
#include "../../format/format.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace dbgsift::infer::rules {
namespace {

constexpr double k_full = 0.95;     // at or over: the pool is exhausted
constexpr double k_near = 0.80;     // the debugger's own "Excessive ... Usage" threshold
constexpr double k_commit_high = norms::commit_critical_share.value;
constexpr std::uint64_t k_2_32 = std::uint64_t{1} << 32;
constexpr std::uint64_t k_wrap_window = std::uint64_t{1} << 24;

// Rounded, but never "100%" for a pool that still has a page left.
using format::percent;

std::string at_line(model::Loc loc) { return "line " + std::to_string(loc.line); }

// A counter near a non-zero multiple of 2^32: the debugger printed a negative or
// uninitialised 64-bit value (corpus/vm/005.txt: "NonPagedPool Max: 4294967296").
bool wrapped(std::uint64_t pages) {
    if (pages < k_2_32 - k_wrap_window) {
        return false;
    }
    std::uint64_t const below = pages % k_2_32;
    return below < k_wrap_window || k_2_32 - below < k_wrap_window;
}

// One number the rule may judge: its value and whether the machine could have it.
struct Reading {
    std::uint64_t pages = 0;
    model::Loc loc;
    std::string text;       // a computed maximum only: "75% of Physical Memory 4194304 pages"
    bool present = false;
    bool impossible = false;
};

// Reads one `!vm` snapshot, decides per pool, and writes findings and notes.
class VmJudge {
public:
    VmJudge(model::Snapshot const& snap, model::Snapshot const* previous, std::string prefix,
            Report& report)
        : m_snap(snap), m_vm(*snap.vm), m_previous(previous), m_prefix(std::move(prefix)),
          m_report(report) {
        index_counters();
        measure_machine();
        note_wrapped_counters();
    }

    void run() {
        bool const nonpaged_near = judge_pool(nonpaged());
        bool const paged_near = judge_pool(paged());
        judge_sessions();
        judge_commit();
        judge_unexplained_failures(nonpaged_near || paged_near);
        judge_system_ptes();
        note_cumulative_banners(nonpaged_near || paged_near);
    }

private:
    struct Pool {
        Pattern pattern;
        std::string label;                 // "Nonpaged pool"
        model::VmCounterId usage;
        std::vector<model::VmCounterId> maxima;
        model::VmWarningKind banner_kind;
        std::string_view poolused;         // "!poolused 2"
        bool nonpaged = false;
    };

    static Pool nonpaged() {
        return {Pattern::nonpaged_pool_exhaustion, "Nonpaged pool", model::VmCounterId::nonpaged_pool_usage,
                {model::VmCounterId::nonpaged_pool_max, model::VmCounterId::nonpaged_pool_maximum},
                model::VmWarningKind::excessive_nonpaged,
                "!poolused 2", true};
    }
    static Pool paged() {
        return {Pattern::paged_pool_exhaustion, "Paged pool", model::VmCounterId::paged_pool_usage,
                {model::VmCounterId::paged_pool_maximum, model::VmCounterId::paged_pool_max},
                model::VmWarningKind::excessive_paged,
                "!poolused 4", false};
    }

    // Each id's first counter, as VmStats::find finds it: the pools ask for a few counters
    // again and again, and find walks every row of the !vm each time (issue 14).
    void index_counters() {
        for (auto const& c : m_vm.counters) {
            auto& first = m_counters[static_cast<std::size_t>(c.id)];
            if (first == nullptr) {
                first = &c;
            }
        }
    }
    model::VmCounter const* counter(model::VmCounterId id) const { return m_counters[static_cast<std::size_t>(id)]; }

    // Physical memory and page files bound every pool and the commit charge.
    void measure_machine() {
        auto const* physical = counter(model::VmCounterId::physical_memory);
        if (physical == nullptr || physical->pages == 0 || wrapped(physical->pages)) {
            return;
        }
        if (physical->kb % physical->pages == 0 && physical->kb / physical->pages >= 4) {
            m_page_kb = physical->kb / physical->pages;
        }
        std::uint64_t pages = physical->pages;
        for (auto const& pf : m_vm.page_files) {
            auto const kb = pf.maximum_kb ? pf.maximum_kb : pf.current_kb;
            if (kb && *kb / m_page_kb < k_2_32) {
                pages += *kb / m_page_kb;
            }
        }
        m_capacity_pages = pages;
    }

    void note_wrapped_counters() {
        for (auto const& c : m_vm.counters) {
            if (wrapped(c.pages)) {
                add_note("'" + c.name + ": " + std::to_string(c.pages) + "' (" + at_line(c.loc) +
                             ") is a counter that wrapped around 2^32: a debugger artefact, read as "
                             "unknown",
                         c.loc);
                m_noted.push_back(c.loc);
            }
        }
    }

    // What a number of pages of this machine holds: "746 MB".
    std::string page_size(std::uint64_t pages) const { return format::size(pages * m_page_kb * 1024); }

    void add_note(std::string text, model::Loc loc) {
        m_report.notes.push_back(m_prefix + text);
        m_report.note_evidence.push_back(loc);
    }

    // "PagedPool Maximum: 33554432 pages (134217728 Kb)": made only for the note that quotes
    // it; every counter read was put into words before, for nobody (issue 14).
    static std::string counter_words(model::VmCounter const& c) {
        auto out = c.name + ": " + std::to_string(c.pages) + " pages";
        if (c.has_kb) {
            out += " (" + std::to_string(c.kb) + " Kb)";
        }
        return out;
    }

    // The counter, judged: wrapped, or more than the machine has, makes it impossible.
    Reading read(model::VmCounterId name) {
        Reading r;
        auto const* c = counter(name);
        if (c == nullptr) {
            return r;
        }
        r.present = true;
        r.pages = c->pages;
        r.loc = c->loc;
        if (wrapped(c->pages)) {
            r.impossible = true;  // already noted
        } else if (m_capacity_pages && c->pages > *m_capacity_pages) {
            r.impossible = true;
            if (std::find(m_noted.begin(), m_noted.end(), c->loc) == m_noted.end()) {
                add_note("'" + counter_words(*c) + "' (" + at_line(c->loc) + ") is more than physical memory plus "
                             "every page file (" + std::to_string(*m_capacity_pages) +
                             " pages): a debugger artefact, read as unknown rather than as room to spare",
                         c->loc);
                m_noted.push_back(c->loc);
            }
        }
        return r;
    }

    Reading read_first(std::vector<model::VmCounterId> const& names) {
        for (auto name : names) {
            Reading r = read(name);
            if (r.present) {
                return r;
            }
        }
        return {};
    }

    std::optional<model::Loc> banner(model::VmWarningKind kind) const {
        for (std::size_t i = 0; i < m_vm.warning_kinds.size() && i < m_vm.warning_locs.size(); ++i) {
            if (m_vm.warning_kinds[i] == kind) {
                return m_vm.warning_locs[i];
            }
        }
        return std::nullopt;
    }

    std::uint64_t failures() const { return m_vm.failed_allocations ? m_vm.failed_allocations->value : 0; }

    std::optional<std::uint64_t> previous_pages(model::VmCounterId name) const {
        if (m_previous == nullptr || !m_previous->vm) {
            return std::nullopt;
        }
        auto const* c = m_previous->vm->find(name);
        if (c == nullptr || wrapped(c->pages)) {
            return std::nullopt;
        }
        return c->pages;
    }

    // Returns true when the pool is near its maximum (so global failures are explained).
    bool judge_pool(Pool const& pool) {
        Reading usage = read(pool.usage);
        if (pool.nonpaged) {
            // Windows 8 and later split nonpaged pool: "NonPagedPoolNx Usage" counts too.
            Reading nx = read(model::VmCounterId::nonpaged_pool_nx_usage);
            if (nx.present && usage.present) {
                usage.impossible = usage.impossible || nx.impossible;
                usage.pages += nx.pages;
            }
        }
        Reading max = read_first(pool.maxima);
        auto const banner_loc = banner(pool.banner_kind);
        std::uint64_t const failed = failures();
        // An impossible printed Max (R10): the maximum Windows would set, from what !vm printed.
        bool computed = false;
        if (usage.present && !usage.impossible && max.present && max.impossible) {
            if (auto const m = computed_max(pool)) {
                max = *m;
                computed = true;
            }
        }
        double const near_share = computed ? norms::pool_warn_share_of_max.value : k_near;
        double const full_share = computed ? norms::pool_critical_share_of_max.value : k_full;

        bool const known = usage.present && !usage.impossible && max.present && !max.impossible &&
                           max.pages > 0;
        if (!known) {
            if (banner_loc && (usage.impossible || max.impossible)) {
                add_note(pool.label + ": the debugger's 'Excessive' banner (" + at_line(*banner_loc) +
                             ") sits next to impossible numbers, so it is not proof of exhaustion",
                         *banner_loc);
            }
            if (banner_loc && usage.present && !usage.impossible && !max.present) {
                Finding f;
                f.pattern = pool.pattern;
                f.severity = Severity::medium;
                f.score = 0.6;
                f.summary = m_prefix + pool.label + " at " + std::to_string(usage.pages) +
                            " pages with the debugger's 'Excessive' warning; its maximum was not printed";
                f.evidence = {usage.loc, *banner_loc};
                add_pool_steps(f, pool);
                m_report.findings.push_back(std::move(f));
            }
            return false;
        }

        double const ratio = static_cast<double>(usage.pages) / static_cast<double>(max.pages);
        bool const near = ratio >= near_share;
        Severity severity = Severity::info;
        if (ratio >= full_share || (near && failed > 0)) {
            severity = Severity::critical;
        } else if (near && banner_loc) {
            severity = Severity::high;
        } else if (near) {
            severity = Severity::medium;
        } else if (banner_loc) {
            severity = Severity::low;
        } else {
            return false;
        }

        Finding f;
        f.pattern = pool.pattern;
        f.severity = severity;
        double score = std::min(ratio, 1.0);
        if (banner_loc) {
            score += 0.03;
        }
        if (near && failed > 0) {
            score += 0.05;
        }
        if (severity == Severity::critical) {
            score = std::max(score, 0.9);
        }
        f.score = std::min(score, 1.0);

        std::string summary = m_prefix + pool.label + " " + format::count(usage.pages) + " of " +
                              format::count(max.pages) + " pages (" + percent(ratio) + ": " +
                              page_size(usage.pages) + " of " + page_size(max.pages) + ")";
        if (computed) {
            summary += " of the maximum computed from " + max.text + ", the printed Max being impossible";
        }
        if (banner_loc) {
            summary += std::string(near && failed > 0 ? ", " : " with ") +
                       "the debugger's 'Excessive " + (pool.nonpaged ? "NonPaged" : "Paged") +
                       " Pool Usage' warning";
        }
        if (near && failed > 0) {
            summary += " and " + format::count(failed) + " failed pool allocations";
        }
        if (auto const before = previous_pages(pool.usage); before && *before < usage.pages) {
            summary += ", up from " + format::pages(*before, m_page_kb * 1024) + " in the previous snapshot";
        }
        if (!near) {
            summary += ": the debugger warned, but usage is below " + percent(near_share) + " of the maximum";
        } else if (ratio >= full_share) {
            summary += ": the pool is exhausted";
        } else if (failed > 0) {
            summary += ": allocations are already failing";
        } else {
            summary += ": close to exhaustion";
        }
        f.summary = summary;
        f.evidence = {usage.loc, max.loc};
        if (banner_loc) {
            f.evidence.push_back(*banner_loc);
        }
        if (near && failed > 0) {
            f.evidence.push_back(m_vm.failed_allocations->loc);
        }
        add_pool_steps(f, pool);
        m_report.findings.push_back(std::move(f));
        return near;
    }

    // R10 (PAL, x64 Vista and later): nonpaged max = min(75% of physical memory, 128 GB);
    // paged max = min(128 GB, commit limit).
    std::optional<Reading> computed_max(Pool const& pool) {
        std::uint64_t const cap_pages =
            static_cast<std::uint64_t>(norms::np_max_cap_bytes.value / 1024.0) / std::max<std::uint64_t>(1, m_page_kb);
        Reading base = read(pool.nonpaged ? model::VmCounterId::physical_memory : model::VmCounterId::commit_limit);
        if (!base.present || base.impossible || base.pages == 0) {
            return std::nullopt;
        }
        Reading out = base;
        double const share = pool.nonpaged ? norms::np_max_share_of_ram.value : 1.0;
        out.pages = std::min(cap_pages, static_cast<std::uint64_t>(share * static_cast<double>(base.pages)));
        out.text = pool.nonpaged ? "75% of Physical Memory " + std::to_string(base.pages) + " pages"
                                 : "the Commit limit " + std::to_string(base.pages) + " pages";
        return out;
    }

    // R11 (PAL): free System PTEs below 20,000 (warning) or 8,000 (critical). Only a 32-bit
    // kernel runs that low; on x64 the counter is in the millions or wrapped around 2^32.
    void judge_system_ptes() {
        // A PTE count is address space, not memory: not bounded by physical memory, so read raw.
        auto const* c = counter(model::VmCounterId::free_system_ptes);
        if (c == nullptr || wrapped(c->pages) || static_cast<double>(c->pages) >= norms::free_ptes_warn.value) {
            return;
        }
        Reading ptes;
        ptes.pages = c->pages;
        ptes.loc = c->loc;
        bool const critical = static_cast<double>(ptes.pages) < norms::free_ptes_critical.value;
        add_note("Free System PTEs " + std::to_string(ptes.pages) + " (" + at_line(ptes.loc) + ") is below " +
                     std::to_string(static_cast<std::uint64_t>(critical ? norms::free_ptes_critical.value
                                                                        : norms::free_ptes_warn.value)) +
                     (critical ? ": system PTEs are nearly exhausted (drivers mapping memory, kernel stacks and "
                                 "MDLs fail); check !sysptes and who maps the most"
                               : ": system PTEs are running low on this 32-bit kernel"),
                 ptes.loc);
    }

    // R7/R8: the kernel stack and commit-request failure banners count since boot and show on
    // healthy x64 machines. Without exhausted pool or commit they are context, not a finding.
    void note_cumulative_banners(bool corroborated) {
        auto const& vm = m_vm;
        for (auto const* counter : {&vm.stack_pte_failures, &vm.stack_growth_failures, &vm.commit_failures}) {
            if (!*counter || corroborated) {
                continue;
            }
            add_note("The !vm banner at " + at_line((*counter)->loc) + " counts " + std::to_string((*counter)->value) +
                         " failures since boot; such counters appear on healthy machines too, and nothing else "
                         "here shows exhaustion, so it is context rather than a finding",
                     (*counter)->loc);
        }
    }

    void add_pool_steps(Finding& f, Pool const& pool) const {
        // `!poolfind` belongs to the ranked suspect, which the pool-tag-leak finding names:
        // the biggest tag by bytes is often a core tag under load (CM beside MyAV).
        f.next_steps.emplace_back(pool.poolused);
        if (!m_snap.vm || m_snap.vm->sessions.empty()) {
            f.next_steps.emplace_back("!vm 4");
        }
    }

    // The session paged pool of each `!vm 4` session against "Session Paged Pool Maximum".
    void judge_sessions() {
        std::optional<std::uint64_t> max_kb;
        if (m_vm.session_paged_pool_max_kb) {
            auto const kb = m_vm.session_paged_pool_max_kb->value;
            bool const impossible = wrapped(kb / m_page_kb) ||
                                    (m_capacity_pages && kb / m_page_kb > *m_capacity_pages);
            if (impossible) {
                add_note("'Session Paged Pool Maximum is " + std::to_string(kb) + "K' (" +
                             at_line(m_vm.session_paged_pool_max_kb->loc) +
                             ") is more than the machine has: a debugger artefact, read as unknown",
                         m_vm.session_paged_pool_max_kb->loc);
            } else if (kb > 0) {
                max_kb = kb;
            }
        }

        std::vector<Culprit> culprits;
        std::vector<model::Loc> evidence;
        Severity worst = Severity::info;
        std::string lead;
        std::optional<std::uint64_t> top_id;  // the session of the first highest score: culprits.front()
        double top_score = -1;
        for (auto const& s : m_vm.sessions) {
            std::optional<double> ratio;
            if (max_kb && s.paged_pool_kb) {
                ratio = static_cast<double>(*s.paged_pool_kb) / static_cast<double>(*max_kb);
            }
            std::uint64_t const failed = s.failures.value_or(0);
            Severity severity = Severity::info;
            if ((ratio && *ratio >= k_full) || (ratio && *ratio >= k_near && failed > 0)) {
                severity = Severity::critical;
            } else if (failed > 0 || (ratio && *ratio >= 0.90)) {
                severity = Severity::high;
            } else if (ratio && *ratio >= k_near) {
                severity = Severity::medium;
            } else {
                continue;
            }
            double score = ratio ? std::min(*ratio, 1.0) : 0.85;
            if (failed > 0) {
                score += 0.05;
            }
            Culprit c;
            c.kind = CulpritKind::session;
            c.name = "session " + std::to_string(s.id);
            c.score = std::min(score, 1.0);
            std::string reason = "Session " + std::to_string(s.id) + " paged pool ";
            if (s.paged_pool_kb) {
                reason += format::kb_cited(*s.paged_pool_kb);
                if (ratio) {
                    reason += " of the " + format::kb_cited(*max_kb) + " session maximum (" +
                              percent(*ratio) + ")";
                }
            } else {
                reason += "usage not printed";
            }
            if (failed > 0) {
                reason += " with " + format::count(failed) + " pool allocation failures";
            }
            c.reasons.push_back(reason);
            c.evidence.push_back(s.loc);
            if (s.paged_pool_kb) {
                c.evidence.push_back(s.paged_pool_loc);
            }
            if (failed > 0) {
                c.evidence.push_back(s.failures_loc);
            }
            if (ratio && m_vm.session_paged_pool_max_kb) {
                c.evidence.push_back(m_vm.session_paged_pool_max_kb->loc);
            }
            evidence.insert(evidence.end(), c.evidence.begin(), c.evidence.end());
            worst = std::max(worst, severity);
            if (c.score > top_score) {
                top_score = c.score;
                top_id = s.id;
            }
            culprits.push_back(std::move(c));
        }
        if (culprits.empty()) {
            return;
        }
        std::stable_sort(culprits.begin(), culprits.end(),
                         [](Culprit const& a, Culprit const& b) { return a.score > b.score; });

        Finding f;
        f.pattern = Pattern::session_pool_exhaustion;
        f.severity = worst;
        f.score = std::max(culprits.front().score, worst == Severity::critical ? 0.9 : 0.0);
        std::string summary = m_prefix + culprits.front().reasons.front();
        if (culprits.size() > 1) {
            summary += " (" + std::to_string(culprits.size() - 1) + " more session" +
                       (culprits.size() > 2 ? "s" : "") + " near the limit)";
        }
        if (failures() > 0) {
            summary += "; the " + std::to_string(failures()) +
                       " failed pool allocations !vm reports are explained by session pool" +
                       pools_far_phrase();
        }
        f.summary = summary;
        f.evidence = evidence;
        if (m_vm.failed_allocations) {
            f.evidence.push_back(m_vm.failed_allocations->loc);
        }
        f.next_steps = {"!sprocess " + std::to_string(top_id.value_or(0)), "!poolused 8"};
        for (auto const& c : culprits) {
            m_report.rankings.sessions.push_back(c);
        }
        f.culprits = std::move(culprits);
        m_report.findings.push_back(std::move(f));
        m_sessions_explain_failures = true;
    }

    // ", nonpaged (20%) and paged pool (26%) being far from their maxima", when known.
    std::string pools_far_phrase() {
        auto const np = known_ratio(nonpaged());
        auto const p = known_ratio(paged());
        if (np && p && *np < k_near && *p < k_near) {
            return ", nonpaged (" + percent(*np) + ") and paged pool (" + percent(*p) +
                   ") being far from their maxima";
        }
        return "";
    }

    std::optional<double> known_ratio(Pool const& pool) {
        auto const* usage = counter(pool.usage);
        std::uint64_t usage_pages = usage ? usage->pages : 0;
        if (pool.nonpaged) {
            if (auto const* nx = counter(model::VmCounterId::nonpaged_pool_nx_usage)) {
                usage_pages += nx->pages;
            }
        }
        model::VmCounter const* max = nullptr;
        for (auto name : pool.maxima) {
            if ((max = counter(name)) != nullptr) {
                break;
            }
        }
        if (usage == nullptr || max == nullptr || max->pages == 0 || wrapped(max->pages) ||
            wrapped(usage_pages) ||
            (m_capacity_pages && (max->pages > *m_capacity_pages || usage_pages > *m_capacity_pages))) {
            return std::nullopt;
        }
        return static_cast<double>(usage_pages) / static_cast<double>(max->pages);
    }

    void judge_commit() {
        Reading const committed = read(model::VmCounterId::committed_pages);
        Reading const limit = read(model::VmCounterId::commit_limit);
        auto const banner_loc = banner(model::VmWarningKind::commit_near_limit);
        if (!committed.present || !limit.present || committed.impossible || limit.impossible ||
            limit.pages == 0) {
            if (banner_loc) {
                add_note("the debugger says committed pages are near the limit (" + at_line(*banner_loc) +
                             ") but the commit numbers are missing or impossible",
                         *banner_loc);
            }
            return;
        }
        double const ratio = static_cast<double>(committed.pages) / static_cast<double>(limit.pages);
        Severity severity = Severity::info;
        if (ratio >= k_full) {
            severity = Severity::critical;
        } else if (ratio >= k_commit_high || banner_loc) {
            severity = Severity::high;
        } else if (ratio >= norms::commit_warn_share.value) {
            severity = Severity::medium;
        } else {
            return;
        }
        Finding f;
        f.pattern = Pattern::commit_limit_exhaustion;
        f.severity = severity;
        f.score = std::min(1.0, severity == Severity::critical ? std::max(ratio, 0.9) : ratio);
        f.summary = m_prefix + "Committed pages " + format::count(committed.pages) + " of a " +
                    format::count(limit.pages) + "-page commit limit (" + percent(ratio) + ": " +
                    page_size(committed.pages) + " of " + page_size(limit.pages) + ")" +
                    (banner_loc ? " with the debugger's 'near limit' warning" : "");
        f.evidence = {committed.loc, limit.loc};
        if (banner_loc) {
            f.evidence.push_back(*banner_loc);
        }
        // The per-process commit list of a full `!vm` names who holds the commit.
        std::vector<model::VmProcessCommit const*> rows;
        for (auto const& p : m_vm.process_commits) {
            rows.push_back(&p);
        }
        std::stable_sort(rows.begin(), rows.end(),
                         [](auto const* a, auto const* b) { return a->commit_kb > b->commit_kb; });
        std::uint64_t const committed_kb = committed.pages * m_page_kb;
        for (std::size_t i = 0; i < rows.size() && i < 3 && committed_kb > 0; ++i) {
            Culprit c;
            c.kind = CulpritKind::process;
            c.name = rows[i]->image;
            double const share = static_cast<double>(rows[i]->commit_kb) / static_cast<double>(committed_kb);
            c.score = std::min(1.0, share);
            c.reasons.push_back(rows[i]->image + " holds " + format::kb_cited(rows[i]->commit_kb) +
                                " of commit (" + percent(share) + " of everything committed)");
            c.evidence.push_back(rows[i]->loc);
            f.culprits.push_back(c);
        }
        f.next_steps = {m_vm.process_commits.empty() ? "!vm" : "!process 0 1", "!poolused 4"};
        m_report.findings.push_back(std::move(f));
    }

    // "N pool allocations have failed" with neither pool near its maximum: say where to look.
    void judge_unexplained_failures(bool explained_by_pool) {
        if (!m_vm.failed_allocations || m_vm.failed_allocations->value == 0 || explained_by_pool ||
            m_sessions_explain_failures) {
            return;
        }
        auto describe = [&](Pool const& pool) {
            auto const r = known_ratio(pool);
            return pool.label + " " + (r ? "at " + percent(*r) : std::string("maximum unknown"));
        };
        std::string text = std::to_string(m_vm.failed_allocations->value) +
                           " pool allocations have failed (" + at_line(m_vm.failed_allocations->loc) +
                           ") while neither pool is near its maximum (" + describe(nonpaged()) + ", " +
                           describe(paged()) + "): the failures point elsewhere, to session pool or "
                           "to fragmentation";
        if (m_vm.sessions.empty()) {
            text += "; run !vm 4 to see session pool usage";
        }
        add_note(text, m_vm.failed_allocations->loc);
    }

    model::Snapshot const& m_snap;
    model::VmStats const& m_vm;
    std::array<model::VmCounter const*, model::k_vm_counter_names.size()> m_counters{};  // by VmCounterId
    model::Snapshot const* m_previous;
    std::string m_prefix;
    Report& m_report;
    std::uint64_t m_page_kb = 4;
    std::optional<std::uint64_t> m_capacity_pages;
    std::vector<model::Loc> m_noted;
    bool m_sessions_explain_failures = false;
};

} // namespace

void pool_exhaustion(model::Case const& c, Options const& /*options*/, Report& report) {
    std::size_t with_vm = 0;
    for (auto const& s : c.snapshots) {
        with_vm += s.vm ? 1 : 0;
    }
    model::Snapshot const* previous = nullptr;
    std::size_t index = 0;
    for (auto const& s : c.snapshots) {
        if (!s.vm) {
            continue;
        }
        ++index;
        std::string prefix = with_vm > 1 ? "Snapshot " + std::to_string(index) : "";
        if (c.inputs.size() > 1 && s.loc.file < c.inputs.size()) {
            // A note's "(line 64)" is a line of this file: name it when several were read.
            prefix += (prefix.empty() ? "" : ", ") + c.inputs[s.loc.file].path;
        }
        prefix += prefix.empty() ? "" : ": ";
        VmJudge(s, previous != nullptr && same_machine(*previous, s) ? previous : nullptr,
                std::move(prefix), report)
            .run();
        previous = &s;
    }
}

} // namespace dbgsift::infer::rules
