// SPDX-License-Identifier: MIT
// A report to paste into a case note: findings, culprits and evidence as Markdown.
#include "report.hpp"

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

void table(std::ostringstream& out, model::Case const& c, std::string_view title,
           std::vector<infer::Culprit> const& ranking, std::size_t top) {
    if (ranking.empty()) {
        return;
    }
    out << "\n### " << title << "\n\n| # | name | score | why | evidence |\n|---|---|---|---|---|\n";
    for (std::size_t i = 0; i < ranking.size() && i < top; ++i) {
        auto const& k = ranking[i];
        std::string why, at;
        for (auto const& reason : k.reasons) {
            why += (why.empty() ? "" : "; ") + reason;
        }
        for (std::size_t j = 0; j < k.evidence.size() && j < 4; ++j) {
            at += (at.empty() ? "" : ", ") + std::string("`") + where(c, k.evidence[j]) + "`";
        }
        out << "| " << i + 1 << " | `" << cell(k.name) << "` | " << rounded(k.score) << " | "
            << cell(why) << " | " << at << " |\n";
    }
}

} // namespace

std::string render_markdown(model::Case const& c, infer::Report const& r, RenderOptions const& o) {
    std::ostringstream out;
    out << "## dbgsift triage\n\n";
    for (auto const& in : c.inputs) {
        out << "- `" << in.path << "`: " << in.lines << " lines";
        if (in.lines_in_known_blocks > 0) {
            out << ", " << in.lines_understood << " of " << in.lines_in_known_blocks
                << " lines of known commands read";
        }
        if (!in.error.empty()) {
            out << " — **cannot read: " << in.error << "**";
        }
        out << "\n";
    }
    out << "\n### Findings\n\n";
    if (r.findings.empty()) {
        out << "No leak or contention pattern found in what was read.\n";
    }
    for (auto const& f : r.findings) {
        out << "- **" << f.pattern << "** (" << infer::to_string(f.severity) << "): " << f.summary
            << "\n";
        for (std::size_t i = 0; i < f.culprits.size() && i < o.top; ++i) {
            out << "  " << i + 1 << ". `" << f.culprits[i].name << "` (" << f.culprits[i].kind
                << ")";
            if (!f.culprits[i].reasons.empty()) {
                out << ": " << f.culprits[i].reasons.front();
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
    auto const& k = r.rankings;
    table(out, c, "Pool tags", k.pooltags, o.top);
    table(out, c, "Processes", k.processes, o.top);
    table(out, c, "Modules", k.modules, o.top);
    table(out, c, "Functions", k.functions, o.top);
    table(out, c, "Locks", k.locks, o.top);
    table(out, c, "Heaps", k.heaps, o.top);
    table(out, c, "Address-space regions", k.regions, o.top);
    if (!r.notes.empty()) {
        out << "\n### Notes\n\n";
        for (auto const& note : r.notes) {
            out << "- " << note << "\n";
        }
    }
    return out.str();
}

} // namespace dbgsift::report
