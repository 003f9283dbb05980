// SPDX-License-Identifier: MIT
// A report to paste into a case note: findings, culprits and evidence as Markdown.
#include "report.hpp"

#include "../format/format.hpp"

#include <sstream>

namespace dbgsift::report {
namespace {

// Markdown table cells must not break on '|'.
std::string cell(std::string_view s) {
    std::string out;
    for (char ch : s) {
        if (ch == '|') {
            out += "\\|";
        } else {
            out.push_back(ch);
        }
    }
    return out;
}

void table(std::ostringstream& out, model::Case const& c, infer::RankingKind const& kind,
           infer::Rankings const& rankings, std::size_t top) {
    auto const& ranking = rankings.*kind.list;
    auto const floor = rankings.below_floor.find(std::string(kind.key));
    if (ranking.empty()) {
        if (floor != rankings.below_floor.end()) {
            out << "\n### " << kind.title << "\n\nNothing stands out ("
                << format::count(floor->second.size()) << " below the noise floor).\n";
        }
        return;
    }
    out << "\n### " << kind.title
        << "\n\n| # | name | score | why | evidence |\n|---|---|---|---|---|\n";
    for (std::size_t i = 0; i < ranking.size() && i < top; ++i) {
        auto const& k = ranking[i];
        std::string why, at;
        for (auto const& reason : k.reasons) {
            why += (why.empty() ? "" : "; ") + reason;
        }
        for (std::size_t j = 0; j < k.evidence.size() && j < 4; ++j) {
            at += (at.empty() ? "" : ", ") + std::string("`") + where(c, k.evidence[j]) + "`";
        }
        out << "| " << i + 1 << " | `" << cell(k.name) << "` | " << format::score(k.score) << " | "
            << cell(why) << " | " << at << " |\n";
    }
}

} // namespace

std::string render_markdown(model::Case const& c, infer::Report const& r, RenderOptions const& o) {
    std::ostringstream out;
    out << "## dbgsift triage\n\n";
    for (auto const& in : c.inputs) {
        out << "- `" << in.path << "`: " << format::count(in.lines) << " lines";
        if (in.lines_in_known_blocks > 0) {
            out << ", " << format::count(in.lines_understood) << " of "
                << format::count(in.lines_in_known_blocks) << " lines of known commands read";
        }
        if (!in.error.empty()) {
            out << " — **cannot read: " << in.error << "**";
        }
        out << "\n";
    }
    out << "\n### Findings\n\n";
    if (r.findings.empty()) {
        out << empty_verdict(c) << "\n";
    }
    for (auto const& f : r.findings) {
        out << "- **" << infer::to_string(f.pattern) << "** (" << infer::to_string(f.severity) << ", score "
            << format::score(f.score) << "): " << f.summary << "\n";
        for (std::size_t i = 0; i < f.culprits.size() && i < o.top; ++i) {
            auto const& k = f.culprits[i];
            out << "  " << i + 1 << ". `" << k.name << "` (" << infer::to_string(k.kind) << ", "
                << format::score(k.score) << ")";
            if (!k.reasons.empty()) {
                out << ": " << k.reasons.front();
            }
            if (!k.evidence.empty()) {
                out << " — `" << where(c, k.evidence.front()) << "`";
            }
            out << "\n";
        }
        if (!f.evidence.empty()) {
            out << "  - evidence:";
            for (std::size_t j = 0; j < f.evidence.size() && j < 6; ++j) {
                out << " `" << where(c, f.evidence[j]) << "`";
            }
            out << "\n";
        }
        if (!f.next_steps.empty()) {
            out << "  - next:";
            for (auto const& step : f.next_steps) {
                out << " `" << step << "`";
            }
            out << "\n";
        }
    }
    for (auto const& kind : infer::ranking_kinds()) {
        table(out, c, kind, r.rankings, o.top);
    }
    if (!r.notes.empty()) {
        out << "\n### Notes\n\n";
        for (auto const& note : r.notes) {
            out << "- " << note << "\n";
        }
        if (!r.note_evidence.empty()) {
            out << "\nNotes rest on:";
            for (auto const& loc : r.note_evidence) {
                out << " `" << where(c, loc) << "`";
            }
            out << "\n";
        }
    }
    return out.str();
}

} // namespace dbgsift::report
