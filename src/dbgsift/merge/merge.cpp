// SPDX-License-Identifier: MIT
#include "merge.hpp"
#include "dbgsift_version.hpp"

#include "../format/format.hpp"

#include <algorithm>
#include <sstream>

namespace dbgsift::merge {
namespace json = boost::json;

namespace {

constexpr std::size_t k_examples = 3;

void remember(std::vector<std::string>& examples, std::string const& path) {
    if (examples.size() < k_examples &&
        std::find(examples.begin(), examples.end(), path) == examples.end()) {
        examples.push_back(path);
    }
}

std::uint64_t number(json::object const& o, std::string_view key) {
    auto const* v = o.if_contains(key);
    if (v == nullptr) {
        return 0;
    }
    if (v->is_uint64()) {
        return v->as_uint64();
    }
    if (v->is_int64() && v->as_int64() > 0) {
        return static_cast<std::uint64_t>(v->as_int64());
    }
    return 0;
}

std::string text(json::object const& o, std::string_view key) {
    auto const* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// Culprits that recur: most cases first, then most often first, then by name.
std::vector<std::pair<std::string, CulpritTally>> ranked(
    std::map<std::string, CulpritTally> const& tallies) {
    std::vector<std::pair<std::string, CulpritTally>> out(tallies.begin(), tallies.end());
    std::stable_sort(out.begin(), out.end(), [](auto const& a, auto const& b) {
        if (a.second.cases != b.second.cases) {
            return a.second.cases > b.second.cases;
        }
        if (a.second.first != b.second.first) {
            return a.second.first > b.second.first;
        }
        return a.first < b.first;
    });
    return out;
}

} // namespace

void Summary::add_case(json::object const& doc) {
    ++m_cases;
    std::string path;
    if (auto const* inputs = doc.if_contains("inputs"); inputs != nullptr && inputs->is_array()) {
        for (auto const& in : inputs->as_array()) {
            if (!in.is_object()) {
                continue;
            }
            auto const& o = in.as_object();
            if (path.empty()) {
                path = text(o, "path");
            }
            m_lines += number(o, "lines");
            m_understood += number(o, "lines_understood");
            m_known += number(o, "lines_in_known_blocks");
            if (o.contains("error")) {
                ++m_unreadable;
            }
        }
    }
    std::size_t findings = 0;
    if (auto const* fs = doc.if_contains("findings"); fs != nullptr && fs->is_array()) {
        for (auto const& f : fs->as_array()) {
            if (!f.is_object()) {
                continue;
            }
            auto const pattern = text(f.as_object(), "pattern");
            if (pattern.empty()) {
                continue;
            }
            ++findings;
            auto& tally = m_patterns[pattern];
            ++tally.cases;
            ++tally.by_severity[text(f.as_object(), "severity")];
            remember(tally.examples, path);
        }
    }
    if (findings == 0) {
        ++m_without_findings;
    }
    if (auto const* rk = doc.if_contains("rankings"); rk != nullptr && rk->is_object()) {
        for (auto const& [kind, list] : rk->as_object()) {
            if (!list.is_array()) {
                continue;
            }
            bool first = true;
            for (auto const& item : list.as_array()) {
                if (!item.is_object()) {
                    continue;
                }
                auto const name = text(item.as_object(), "name");
                auto& tally = m_culprits[std::string(kind)][name];
                ++tally.cases;
                tally.first += first ? 1 : 0;
                first = false;
                if (auto const* s = item.as_object().if_contains("score"); s != nullptr && s->is_number()) {
                    tally.best_score = std::max(tally.best_score, s->to_number<double>());
                }
                remember(tally.examples, path);
            }
        }
    }
}

void Summary::forget_problems(std::string const& source) {
    std::erase_if(m_problems,
                  [&](std::string const& p) { return p.starts_with(source + ":"); });
}

StreamTally Summary::add_stream(std::istream& in, std::string const& source) {
    StreamTally tally;
    std::string line;
    std::uint64_t number_in_file = 0;
    while (std::getline(in, line)) {
        ++number_in_file;
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        boost::system::error_code ec;
        auto const v = json::parse(line, ec);
        if (ec || !v.is_object() || text(v.as_object(), "schema") != k_schema) {
            ++m_bad_lines;
            ++tally.bad_lines;
            if (m_problems.size() < 20) {
                m_problems.push_back(source + ":" + std::to_string(number_in_file) +
                                     ": not a " + std::string(k_schema) + " NDJSON object" +
                                     (ec ? " (" + ec.message() + ")" : ""));
            }
            continue;
        }
        add_case(v.as_object());
        ++tally.cases;
    }
    return tally;
}

json::object Summary::to_json(std::size_t top) const {
    json::object patterns;
    for (auto const& [name, t] : m_patterns) {
        json::object sev;
        for (auto const& [s, n] : t.by_severity) {
            sev[s] = n;
        }
        json::array ex(t.examples.begin(), t.examples.end());
        patterns[name] = json::object{{"cases", t.cases}, {"by_severity", sev}, {"examples", ex}};
    }
    json::object culprits;
    for (auto const& [kind, tallies] : m_culprits) {
        json::array list;
        for (auto const& [name, t] : ranked(tallies)) {
            if (list.size() >= top || t.cases < k_recurring_cases) {
                break;  // ranked() puts the most cases first
            }
            list.push_back(json::object{{"name", name},
                                        {"cases", t.cases},
                                        {"first", t.first},
                                        {"best_score", t.best_score},
                                        {"examples", json::array(t.examples.begin(), t.examples.end())}});
        }
        culprits[kind] = std::move(list);
    }
    return json::object{{"schema", "dbgsift-merge/1"},
                        {"cases", m_cases},
                        {"unreadable", m_unreadable},
                        {"cases_without_findings", m_without_findings},
                        {"lines", m_lines},
                        {"lines_understood", m_understood},
                        {"lines_in_known_blocks", m_known},
                        {"bad_lines", m_bad_lines},
                        {"patterns", std::move(patterns)},
                        {"recurring", std::move(culprits)}};
}

std::string Summary::to_text(std::size_t top) const {
    std::ostringstream out;
    out << "dbgsift merge: " << format::count(m_cases) << " cases, " << format::count(m_unreadable)
        << " unreadable, " << format::count(m_without_findings) << " without findings";
    if (m_known > 0) {
        out << "; read " << format::count(m_understood) << " of " << format::count(m_known)
            << " lines of known commands ("
            << m_understood * 100 / m_known << "%)";
    }
    out << "\n\nPatterns (cases)\n";
    std::vector<std::pair<std::string, PatternTally>> patterns(m_patterns.begin(), m_patterns.end());
    std::stable_sort(patterns.begin(), patterns.end(),
                     [](auto const& a, auto const& b) { return a.second.cases > b.second.cases; });
    for (auto const& [name, t] : patterns) {
        out << "  " << name << ": " << t.cases;
        for (auto const& [s, n] : t.by_severity) {
            out << "  " << s << " " << n;
        }
        out << "  e.g. " << (t.examples.empty() ? "-" : t.examples.front()) << "\n";
    }
    for (auto const& [kind, tallies] : m_culprits) {
        auto const list = ranked(tallies);
        if (list.empty() || list.front().second.cases < k_recurring_cases) {
            continue;  // nothing named in two cases or more
        }
        out << "\nRecurring " << kind << " (cases named / ranked first)\n";
        std::size_t n = 0;
        for (auto const& [name, t] : list) {
            if (n++ >= top || t.cases < k_recurring_cases) {
                break;
            }
            out << "  " << name << ": " << t.cases << " / " << t.first << "  e.g. "
                << (t.examples.empty() ? "-" : t.examples.front()) << "\n";
        }
    }
    return out.str();  // the problems go to stderr only (the caller logs them)
}

} // namespace dbgsift::merge
