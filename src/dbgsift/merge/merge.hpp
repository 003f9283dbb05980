// SPDX-License-Identifier: MIT
// The merge step of a fanned-out run: many dbgsift/1 NDJSON lines (one per case log, made by
// `dbgsift --format ndjson` on any number of machines) -> one archive-wide summary: how
// often each pattern occurs and which culprits recur across cases. Streams the lines and
// keeps only the tallies, so an archive of any size merges in bounded memory.
#pragma once
#include <boost/json.hpp>
#include <istream>
#include <map>
#include <string>
#include <vector>

namespace dbgsift::merge {

struct CulpritTally {
    std::uint64_t cases = 0;        // cases whose ranking names it
    std::uint64_t first = 0;        // cases where it ranks first
    double best_score = 0;
    std::vector<std::string> examples;  // a few input paths, in the order met
};

struct PatternTally {
    std::uint64_t cases = 0;
    std::map<std::string, std::uint64_t> by_severity;
    std::vector<std::string> examples;
};

// A culprit is "recurring" when at least this many cases name it: one case is not a pattern.
inline constexpr std::uint64_t k_recurring_cases = 2;

struct StreamTally {
    std::uint64_t cases = 0;      // dbgsift/1 objects read
    std::uint64_t bad_lines = 0;  // non-blank lines that were not
};

class Summary {
public:
    // Reads NDJSON; a line that is not a dbgsift/1 object is counted and reported, not fatal.
    StreamTally add_stream(std::istream& in, std::string const& source);
    // Drops the per-line problems of one source (a file that is not NDJSON at all gets one
    // error from the caller instead of a warning per line).
    void forget_problems(std::string const& source);
    void add_case(boost::json::object const& doc);

    boost::json::object to_json(std::size_t top) const;
    std::string to_text(std::size_t top) const;

    std::uint64_t bad_lines() const { return m_bad_lines; }
    std::uint64_t cases() const { return m_cases; }
    std::vector<std::string> const& problems() const { return m_problems; }

private:
    std::uint64_t m_cases = 0, m_unreadable = 0, m_lines = 0, m_understood = 0, m_known = 0;
    std::uint64_t m_without_findings = 0, m_bad_lines = 0;
    std::map<std::string, PatternTally> m_patterns;
    std::map<std::string, std::map<std::string, CulpritTally>> m_culprits;  // kind -> name
    std::vector<std::string> m_problems;
};

} // namespace dbgsift::merge
