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

class Summary {
public:
    // Reads NDJSON; a line that is not a dbgsift/1 object is counted and reported, not fatal.
    void add_stream(std::istream& in, std::string const& source);
    void add_case(boost::json::object const& doc);

    boost::json::object to_json(std::size_t top) const;
    std::string to_text(std::size_t top) const;

    std::uint64_t bad_lines() const { return m_bad_lines; }
    std::vector<std::string> const& problems() const { return m_problems; }

private:
    std::uint64_t m_cases = 0, m_unreadable = 0, m_lines = 0, m_understood = 0, m_known = 0;
    std::uint64_t m_without_findings = 0, m_bad_lines = 0;
    std::map<std::string, PatternTally> m_patterns;
    std::map<std::string, std::map<std::string, CulpritTally>> m_culprits;  // kind -> name
    std::vector<std::string> m_problems;
};

} // namespace dbgsift::merge
