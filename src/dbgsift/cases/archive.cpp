// SPDX-License-Identifier: MIT
#include "archive.hpp"
#include "dbgsift_version.hpp"

#include <sstream>

namespace dbgsift::cases {
namespace json = boost::json;
namespace {

// The case document's last member: which inputs were joined into the case, and why.
void join_member(report::JsonWriter& w, Join const& join) {
    w.key("join");
    w.begin_object();
    w.array_member("inputs", join.inputs);
    w.member("reason", join.reason);
    w.end_object();
}

std::string join_text(Join const& join) {
    std::string out = "One case of " + std::to_string(join.inputs.size()) +
                      " inputs, joined because " + join.reason + ":\n";
    for (std::size_t i = 0; i < join.inputs.size(); ++i) {
        out += "  " + std::to_string(i + 1) + ". " + join.inputs[i] + "\n";
    }
    return out + "\n";
}

std::string join_markdown(Join const& join) {
    std::string out = "> One case of " + std::to_string(join.inputs.size()) +
                      " inputs, joined because " + join.reason + ": ";
    for (std::size_t i = 0; i < join.inputs.size(); ++i) {
        out += (i > 0 ? ", `" : "`") + join.inputs[i] + "`";
    }
    return out + "\n\n";
}

// "corpus/a.log" or "corpus/a.log + 2 joined"
std::string name_of(std::vector<std::string> const& inputs) {
    if (inputs.empty()) {
        return "-";
    }
    return inputs.size() == 1 ? inputs.front()
                              : inputs.front() + " + " + std::to_string(inputs.size() - 1) + " joined";
}

std::string verdict_of(SummaryRow const& row) {
    if (row.unreadable && row.inputs.size() == 1) {
        return "cannot read";
    }
    if (!row.worst) {
        return "no findings";
    }
    return std::string(infer::to_string(*row.worst)) + " " + row.headline + " (" +
           std::to_string(row.findings) + (row.findings == 1 ? " finding)" : " findings)");
}

// The "join" member of a joined case's document; none for a case of one input.
report::ExtraMembers join_extra(Join const& join) {
    if (!join.joined()) {
        return {};
    }
    return [&join](report::JsonWriter& w) { join_member(w, join); };
}

} // namespace

report::JsonLine render_case_line(model::Case const& c, infer::Report const& r, Join const& join,
                                  report::RenderOptions const& o) {
    return report::render_ndjson(c, r, o, join_extra(join));
}

std::string render_case(Layout layout, model::Case const& c, infer::Report const& r,
                        Join const& join, report::RenderOptions const& o) {
    switch (layout) {
    case Layout::json: return report::render_json(c, r, o, join_extra(join));
    case Layout::ndjson: return std::string(render_case_line(c, r, join, o).text());
    case Layout::markdown:
        return (join.joined() ? join_markdown(join) : std::string()) +
               report::render_markdown(c, r, o);
    case Layout::text: break;
    }
    return (join.joined() ? join_text(join) : std::string()) + report::render_text(c, r, o);
}

void ArchiveSummary::add(Outcome const& o) {
    SummaryRow row;
    row.inputs = o.inputs;
    row.joined = o.join.joined();
    row.findings = o.findings;
    row.worst = o.worst;
    row.headline = o.headline;
    row.unreadable = !o.unreadable.empty();
    m_inputs += o.inputs.size();
    for (auto const& p : o.patterns) {
        ++m_pattern_cases[p];
    }
    m_rows.push_back(std::move(row));
}

namespace {

// Why the cases were not compared with each other, so nobody reads the list as one machine.
constexpr std::string_view k_not_joined =
    "Each input is its own case unless --series is given or the logs prove one machine "
    "(same computer name, OS build and physical memory).";

struct Totals {
    std::size_t joined = 0, joined_inputs = 0, unreadable = 0, clean = 0;
};

Totals totals(std::vector<SummaryRow> const& rows) {
    Totals t;
    for (auto const& row : rows) {
        if (row.joined) {
            ++t.joined;
            t.joined_inputs += row.inputs.size();
        }
        t.unreadable += row.unreadable ? 1 : 0;
        t.clean += !row.worst && !row.unreadable ? 1 : 0;
    }
    return t;
}

// Patterns by the number of cases showing them, most common first.
std::vector<std::pair<std::string, std::size_t>> by_cases(std::map<std::string, std::size_t> const& m) {
    std::vector<std::pair<std::string, std::size_t>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](auto const& a, auto const& b) { return a.second > b.second; });
    return v;
}

} // namespace

std::string ArchiveSummary::to_text() const {
    auto const t = totals(m_rows);
    std::ostringstream out;
    out << m_inputs << " inputs in " << m_rows.size() << " cases";
    if (t.joined > 0) {
        out << " (" << t.joined << " joined from " << t.joined_inputs << " inputs)";
    }
    out << ", " << t.unreadable << " unreadable, " << t.clean << " without findings\n"
        << k_not_joined << "\n";
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        out << "  " << i + 1 << ". " << name_of(m_rows[i].inputs) << ": " << verdict_of(m_rows[i])
            << "\n";
    }
    if (!m_pattern_cases.empty()) {
        out << "Patterns (cases):";
        char const* separator = " ";
        for (auto const& [pattern, n] : by_cases(m_pattern_cases)) {
            out << separator << pattern << " " << n;
            separator = "; ";
        }
        out << "\n";
    }
    return out.str();
}

std::string ArchiveSummary::to_markdown() const {
    auto const t = totals(m_rows);
    std::ostringstream out;
    out << m_inputs << " inputs in " << m_rows.size() << " cases (" << t.joined << " joined), "
        << t.unreadable << " unreadable, " << t.clean << " without findings. " << k_not_joined
        << "\n\n"
        << "| # | case | verdict |\n|---|---|---|\n";
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        out << "| " << i + 1 << " | `" << name_of(m_rows[i].inputs) << "` | "
            << verdict_of(m_rows[i]) << " |\n";
    }
    if (!m_pattern_cases.empty()) {
        out << "\n| pattern | cases |\n|---|---|\n";
        for (auto const& [pattern, n] : by_cases(m_pattern_cases)) {
            out << "| " << pattern << " | " << n << " |\n";
        }
    }
    return out.str();
}

json::object ArchiveSummary::to_json() const {
    auto const t = totals(m_rows);
    json::array rows;
    for (auto const& row : m_rows) {
        json::array inputs;
        for (auto const& p : row.inputs) {
            inputs.emplace_back(p);
        }
        rows.emplace_back(json::object{
            {"inputs", std::move(inputs)},
            {"joined", row.joined},
            {"unreadable", row.unreadable},
            {"findings", row.findings},
            {"worst", row.worst ? json::value(infer::to_string(*row.worst)) : json::value(nullptr)},
            {"headline", row.headline.empty() ? json::value(nullptr) : json::value(row.headline)},
        });
    }
    json::object patterns;
    for (auto const& [pattern, n] : by_cases(m_pattern_cases)) {
        patterns[pattern] = n;
    }
    return json::object{{"inputs", m_inputs},       {"cases", m_rows.size()},
                        {"joined_cases", t.joined}, {"unreadable", t.unreadable},
                        {"without_findings", t.clean}, {"patterns", std::move(patterns)},
                        {"by_case", std::move(rows)}};
}

namespace {

// How far a case document is moved right in the archive document: inside "cases": [ ... ].
constexpr std::size_t k_case_margin = 4;

// The compact text laid out a piece at a time to `out`: the laid-out copy stays small.
void write_laid_out(std::ostream& out, report::PrettyJson& layout, std::string_view compact) {
    constexpr std::size_t k_piece = report::JsonWriter::k_drain_piece_bytes;
    for (std::size_t at = 0; at < compact.size(); at += k_piece) {
        out << layout.feed(compact.substr(at, k_piece));
    }
    out << layout.finish();
}

} // namespace

// A case's JSON document without its final newline: its line laid out, or, for a case kept
// whole, written as it is made.
void CaseWriter::write_json_case(Outcome const& o, report::PrettyJson layout) {
    if (o.analysed) {
        auto const& a = *o.analysed;
        report::write_json(m_out, std::move(layout), a.c, a.r, a.render, join_extra(o.join));
        return;
    }
    auto compact = o.line.text();
    if (!compact.empty() && compact.back() == '\n') {
        compact.remove_suffix(1);
    }
    write_laid_out(m_out, layout, compact);
}

void CaseWriter::write_case(Outcome& o, std::size_t number) {
    switch (m_layout) {
    case Layout::ndjson:
        m_out << o.line.text();
        report::JsonWriter::recycle_line(std::move(o.line));  // the next case's buffer
        return;
    case Layout::json:
        if (number == 1) {
            m_out << "{\n  \"schema\": \"" << dbgsift::k_schema << "\",\n  \"cases\": [\n";
        } else {
            m_out << ",\n";
        }
        write_json_case(o, report::PrettyJson(k_case_margin));
        report::JsonWriter::recycle_line(std::move(o.line));
        return;
    case Layout::markdown:
        m_out << (number == 1 ? "" : "\n") << "# Case " << number << ": `" << name_of(o.inputs)
              << "`\n\n" << o.rendered;
        return;
    case Layout::text: break;
    }
    m_out << (number == 1 ? "" : "\n") << "==> case " << number << ": " << name_of(o.inputs)
          << " <==\n" << o.rendered;
}

void CaseWriter::add(Outcome&& o) {
    m_summary.add(o);
    ++m_cases;
    if (m_layout == Layout::ndjson) {
        write_case(o, m_cases);
        return;
    }
    if (m_cases == 1) {
        m_first = std::move(o);
        return;
    }
    if (m_first) {
        write_case(*m_first, 1);
        m_first.reset();
    }
    write_case(o, m_cases);
}

void CaseWriter::finish() {
    if (m_first) {  // one case: exactly the single-case document
        if (m_layout == Layout::json) {
            write_json_case(*m_first, report::PrettyJson());
            m_out << '\n';
        } else {
            m_out << m_first->rendered;
        }
        m_first.reset();
        return;
    }
    if (m_cases < 2 || m_layout == Layout::ndjson) {
        return;
    }
    switch (m_layout) {
    case Layout::json: {
        m_out << "\n  ],\n  \"summary\": ";
        report::PrettyJson after_key(2, false);
        write_laid_out(m_out, after_key, json::serialize(m_summary.to_json()));
        m_out << "\n}\n";
        return;
    }
    case Layout::markdown: m_out << "\n# Archive summary\n\n" << m_summary.to_markdown(); return;
    default: break;
    }
    m_out << "\n==> archive summary <==\n" << m_summary.to_text();
}

} // namespace dbgsift::cases
