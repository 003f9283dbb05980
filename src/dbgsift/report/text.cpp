// SPDX-License-Identifier: MIT
// The terminal report: the verdict first, then each finding with its culprits, reasons and
// evidence as file:line, then the rankings, then what the input itself made doubtful.
#include "report.hpp"

#include "../format/format.hpp"
#include "../segment/reader.hpp"

#include <sstream>

namespace dbgsift::report {
namespace {

struct Style {
    bool on = false;
    std::string bold(std::string_view s) const { return wrap("\033[1m", s); }
    std::string dim(std::string_view s) const { return wrap("\033[2m", s); }
    std::string severity(infer::Severity sev) const {
        std::string_view const text = infer::to_string(sev);
        switch (sev) {
        case infer::Severity::critical:
        case infer::Severity::high: return wrap("\033[1;31m", text);
        case infer::Severity::medium: return wrap("\033[33m", text);
        default: return std::string(text);
        }
    }
    std::string wrap(std::string_view code, std::string_view s) const {
        return on ? std::string(code) + std::string(s) + "\033[0m" : std::string(s);
    }
};

std::string pad_right(std::string s, std::size_t width) {
    if (s.size() < width) {
        s.append(width - s.size(), ' ');
    }
    return s;
}

using format::score;

std::string locations(model::Case const& c, std::vector<model::Loc> const& locs, std::size_t max) {
    std::string out;
    for (std::size_t i = 0; i < locs.size() && i < max; ++i) {
        out += (i ? ", " : "") + where(c, locs[i]);
    }
    if (locs.size() > max) {
        out += ", +" + std::to_string(locs.size() - max) + " more";
    }
    return out;
}

void coverage_line(std::ostringstream& out, model::Case const& c) {
    std::uint64_t lines = 0, understood = 0, known = 0, diags = 0, blocks = 0, errors = 0;
    for (auto const& in : c.inputs) {
        lines += in.lines;
        understood += in.lines_understood;
        known += in.lines_in_known_blocks;
        diags += in.diagnostics.size() + in.diagnostics_omitted;
        blocks += in.blocks.size();
        errors += in.error.empty() ? 0 : 1;
    }
    out << "dbgsift: " << c.inputs.size() << (c.inputs.size() == 1 ? " input, " : " inputs, ")
        << format::count(lines) << " lines, " << format::count(blocks) << " command blocks, "
        << c.snapshots.size() << (c.snapshots.size() == 1 ? " snapshot" : " snapshots");
    if (known > 0) {
        out << "; read " << format::count(understood) << " of " << format::count(known)
            << " lines of known commands (" << (understood * 100 / known) << "%)";
    }
    out << ", " << format::count(diags) << (diags == 1 ? " diagnostic" : " diagnostics");
    if (errors > 0) {
        out << ", " << errors << " unreadable";
    }
    out << "\n";
}

void ranking_table(std::ostringstream& out, model::Case const& c, Style const& st,
                   infer::RankingKind const& kind, infer::Rankings const& rankings,
                   std::size_t top) {
    auto const& ranking = rankings.*kind.list;
    auto const floor = rankings.below_floor.find(std::string(kind.key));
    if (ranking.empty()) {
        if (floor != rankings.below_floor.end()) {
            out << "\n" << st.bold(kind.title) << "\n  nothing stands out ("
                << format::count(floor->second.size()) << " below the noise floor)\n";
        }
        return;
    }
    out << "\n" << st.bold(kind.title) << "\n";
    std::size_t width = 4;
    for (std::size_t i = 0; i < ranking.size() && i < top; ++i) {
        width = std::max(width, ranking[i].name.size());
    }
    for (std::size_t i = 0; i < ranking.size() && i < top; ++i) {
        auto const& k = ranking[i];
        out << "  " << pad_right(std::to_string(i + 1) + ".", 4) << pad_right(k.name, width + 2)
            << score(k.score);
        if (!k.reasons.empty()) {
            out << "  " << k.reasons.front();
        }
        out << "\n";
        for (std::size_t j = 1; j < k.reasons.size(); ++j) {
            out << std::string(4 + width + 2 + 6, ' ') << k.reasons[j] << "\n";
        }
        if (!k.evidence.empty()) {
            out << std::string(4 + width + 2 + 6, ' ') << st.dim("at " + locations(c, k.evidence, 6))
                << "\n";
        }
    }
    if (ranking.size() > top) {
        out << "  (" << ranking.size() - top << " more; --top N shows them)\n";
    }
}

} // namespace

std::string render_text(model::Case const& c, infer::Report const& r, RenderOptions const& o) {
    Style const st{o.color};
    std::ostringstream out;
    coverage_line(out, c);
    for (auto const& in : c.inputs) {
        if (!in.error.empty()) {
            out << "dbgsift: " << in.path << ": cannot read: " << in.error << "\n";
        }
    }

    out << "\n" << st.bold("Verdict") << "\n";
    if (r.findings.empty()) {
        out << "  " << empty_verdict(c) << "\n";
    }
    for (auto const& f : r.findings) {
        out << "  " << pad_right(st.severity(f.severity), st.on ? 8 + 11 : 8) << " "
            << pad_right(std::string(infer::to_string(f.pattern)), 26) << " " << f.summary << "\n";
    }

    std::size_t n = 0;
    for (auto const& f : r.findings) {
        std::string title = "[";
        title.append(std::to_string(++n)).append("] ").append(infer::to_string(f.pattern));
        out << "\n" << st.bold(title) << " ("
            << infer::to_string(f.severity) << ", score " << score(f.score) << ")\n";
        out << "    " << f.summary << "\n";
        for (std::size_t i = 0; i < f.culprits.size() && i < o.top; ++i) {
            auto const& k = f.culprits[i];
            out << "    " << i + 1 << ". " << k.name << " (" << infer::to_string(k.kind) << ", "
                << score(k.score) << ")\n";
            for (auto const& reason : k.reasons) {
                out << "       - " << reason << "\n";
            }
            if (!k.evidence.empty()) {
                out << "       " << st.dim("at " + locations(c, k.evidence, 6)) << "\n";
            }
        }
        if (!f.evidence.empty()) {
            out << "    evidence: " << locations(c, f.evidence, 8) << "\n";
        }
        if (!f.next_steps.empty()) {
            out << "    next:";
            for (auto const& step : f.next_steps) {
                out << "  " << step;
            }
            out << "\n";
        }
    }

    for (auto const& kind : infer::ranking_kinds()) {
        ranking_table(out, c, st, kind, r.rankings, o.top);
    }

    if (!r.notes.empty()) {
        out << "\n" << st.bold("Notes") << "\n";
        for (auto const& note : r.notes) {
            out << "  - " << note << "\n";
        }
    }

    std::size_t shown = 0, total = 0, omitted = 0;
    for (auto const& in : c.inputs) {
        total += in.diagnostics.size() + in.diagnostics_omitted;
        omitted += in.diagnostics_omitted;
    }
    if (total > 0) {
        out << "\n" << st.bold("Diagnostics") << " (lines not read)\n";
        for (std::size_t f = 0; f < c.inputs.size(); ++f) {
            for (auto const& d : c.inputs[f].diagnostics) {
                if (shown++ >= 20) {
                    break;
                }
                out << "  " << c.inputs[f].path << ":" << d.line << ":" << d.column + 1 << ": "
                    << d.message << "\n";
            }
        }
        if (total > 20) {
            out << "  (" << format::count(total - 20) << " more; --format json lists "
                << (omitted > 0 ? "the first " + format::count(segment::k_max_kept_diagnostics) +
                                      " of each input)\n"
                                : std::string("them all)\n"));
        }
    }
    return std::move(out).str();  // the buffer itself: no copy of a long report
}

} // namespace dbgsift::report
