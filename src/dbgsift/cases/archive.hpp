// SPDX-License-Identifier: MIT
// The output of a run of several cases: one case prints exactly the single-case document;
// several print one report per case (through the single-case renderers), then a short
// archive summary. NDJSON stays one object per case. Memory: one held case (until a
// second shows the run has several) and one summary row per case.
#pragma once
#include "run_cases.hpp"
#include <map>
#include <ostream>

namespace dbgsift::cases {

// What the archive summary keeps of each case.
struct SummaryRow {
    std::vector<std::string> inputs;
    bool joined = false;
    std::size_t findings = 0;
    std::optional<infer::Severity> worst;
    std::string headline;
    bool unreadable = false;
};

class ArchiveSummary {
public:
    void add(Outcome const& o);
    std::string to_text() const;
    std::string to_markdown() const;
    boost::json::object to_json() const;

private:
    std::vector<SummaryRow> m_rows;
    std::size_t m_inputs = 0;
    std::map<std::string, std::size_t> m_pattern_cases;
};

class CaseWriter {
public:
    CaseWriter(std::ostream& out, Layout layout) : m_out(out), m_layout(layout) {}
    void add(Outcome&& o);
    void finish();  // the held single case, or the archive summary

private:
    void write_case(Outcome& o, std::size_t number);  // gives the case's line back when written
    void write_json_case(Outcome const& o, report::PrettyJson layout);

    std::ostream& m_out;
    Layout m_layout;
    std::size_t m_cases = 0;
    std::optional<Outcome> m_first;  // held until a second case (or the end) arrives
    ArchiveSummary m_summary;
};

} // namespace dbgsift::cases
