// SPDX-License-Identifier: MIT
#include "json_sections.hpp"
#include "report.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

namespace dbgsift::report {
namespace json = boost::json;

double rounded(double score) { return std::round(score * 1000.0) / 1000.0; }

std::string where(model::Case const& c, model::Loc const& loc) {
    std::string path = loc.file < c.inputs.size() ? c.inputs[loc.file].path : "?";
    return path + ":" + std::to_string(loc.line);
}

namespace {
thread_local json::storage_ptr t_storage;  // the default heap until a JsonArena says otherwise
} // namespace

json::storage_ptr const& json_storage() { return t_storage; }

JsonArena::JsonArena() : m_previous(std::exchange(t_storage, json::storage_ptr(&m_resource))) {}

JsonArena::~JsonArena() { t_storage = std::move(m_previous); }

namespace {

json::array evidence_json(model::Case const& c, std::vector<model::Loc> const& locs) {
    json::array out(json_storage());
    out.reserve(locs.size());
    for (auto const& loc : locs) {
        out.push_back(json::object({
            {"path", loc.file < c.inputs.size() ? c.inputs[loc.file].path : std::string("?")},
            {"line", loc.line}}, json_storage()));
    }
    return out;
}

json::array strings_json(std::vector<std::string> const& items) {
    json::array out(json_storage());
    out.reserve(items.size());
    for (auto const& s : items) {
        out.push_back(json::string(s, json_storage()));
    }
    return out;
}

json::object culprit_json(model::Case const& c, infer::Culprit const& k, bool with_kind) {
    json::object o(json_storage());
    if (with_kind) {
        o.emplace("kind", infer::to_string(k.kind));
    }
    o.emplace("name", k.name);
    o.emplace("score", rounded(k.score));
    o.emplace("reasons", strings_json(k.reasons));
    o.emplace("evidence", evidence_json(c, k.evidence));
    return o;
}

json::array ranking_json(model::Case const& c, std::vector<infer::Culprit> const& ranking,
                         std::size_t top) {
    json::array out(json_storage());
    for (std::size_t i = 0; i < ranking.size() && i < top; ++i) {
        out.push_back(culprit_json(c, ranking[i], false));
    }
    return out;
}

json::object input_json(model::Input const& in) {
    json::array blocks(json_storage());
    blocks.reserve(in.blocks.size());
    for (auto const& b : in.blocks) {
        blocks.push_back(json::object({{"command", b.command},
                                      {"kind", b.kind},
                                      {"line", b.line},
                                      {"end_line", b.end_line},
                                      {"parsed", b.parsed}}, json_storage()));
    }
    json::array diags(json_storage());
    diags.reserve(in.diagnostics.size());
    for (auto const& d : in.diagnostics) {
        diags.push_back(json::object({{"line", d.line}, {"column", d.column}, {"message", d.message}}, json_storage()));
    }
    json::object o({{"path", in.path},
                   {"encoding", in.encoding},
                   {"lines", in.lines},
                   {"lines_understood", in.lines_understood},
                   {"lines_in_known_blocks", in.lines_in_known_blocks},
                   {"blocks", std::move(blocks)},
                   {"diagnostics", std::move(diags)}}, json_storage());
    // Added in dbgsift/1 (additive): diagnostics past the per-input cap, counted but not
    // listed; only when there were any.
    if (in.diagnostics_omitted > 0) {
        o.emplace("diagnostics_omitted", in.diagnostics_omitted);
    }
    if (!in.error.empty()) {
        o.emplace("error", in.error);
    }
    return o;
}

void pretty_into(std::ostringstream& out, json::value const& v, int indent) {
    auto pad = [&](int n) { out << std::string(static_cast<std::size_t>(n) * 2, ' '); };
    if (v.is_object()) {
        auto const& o = v.get_object();
        if (o.empty()) {
            out << "{}";
            return;
        }
        out << "{\n";
        std::size_t i = 0;
        for (auto const& [key, value] : o) {
            pad(indent + 1);
            out << json::serialize(json::string(key)) << ": ";
            pretty_into(out, value, indent + 1);
            out << (++i < o.size() ? ",\n" : "\n");
        }
        pad(indent);
        out << "}";
    } else if (v.is_array()) {
        auto const& a = v.get_array();
        if (a.empty()) {
            out << "[]";
            return;
        }
        out << "[\n";
        for (std::size_t i = 0; i < a.size(); ++i) {
            pad(indent + 1);
            pretty_into(out, a[i], indent + 1);
            out << (i + 1 < a.size() ? ",\n" : "\n");
        }
        pad(indent);
        out << "]";
    } else {
        out << json::serialize(v);
    }
}

} // namespace

std::string pretty(json::value const& v) {
    std::ostringstream out;
    pretty_into(out, v, 0);
    out << "\n";
    return out.str();
}

json::object to_json(model::Case const& c, infer::Report const& r, RenderOptions const& o) {
    json::array inputs(json_storage());
    inputs.reserve(c.inputs.size());
    for (auto const& in : c.inputs) {
        inputs.push_back(input_json(in));
    }
    json::array snapshots(json_storage());
    snapshots.reserve(c.snapshots.size());
    for (auto const& s : c.snapshots) {
        snapshots.push_back(snapshot_to_json(s));
    }
    json::array findings(json_storage());
    findings.reserve(r.findings.size());
    for (auto const& f : r.findings) {
        json::array culprits(json_storage());
        culprits.reserve(f.culprits.size());
        for (auto const& k : f.culprits) {
            culprits.push_back(culprit_json(c, k, true));
        }
        findings.push_back(json::object({{"pattern", infer::to_string(f.pattern)},
                                        {"severity", infer::to_string(f.severity)},
                                        {"score", rounded(f.score)},
                                        {"summary", f.summary},
                                        {"culprits", std::move(culprits)},
                                        {"next_steps", strings_json(f.next_steps)},
                                        {"evidence", evidence_json(c, f.evidence)}}, json_storage()));
    }
    json::object rankings(json_storage()), below_floor(json_storage());
    for (auto const& kind : infer::ranking_kinds()) {
        if (kind.only_when_named && (r.rankings.*kind.list).empty()) {
            continue;  // added to dbgsift/1 later: printed only when something is ranked
        }
        rankings.emplace(kind.key, ranking_json(c, r.rankings.*kind.list, o.top));
        if (auto it = r.rankings.below_floor.find(std::string(kind.key));
            it != r.rankings.below_floor.end()) {
            below_floor.emplace(kind.key, ranking_json(c, it->second, o.top));
        }
    }
    json::object doc({{"schema", k_schema},
                     {"inputs", std::move(inputs)},
                     {"snapshots", std::move(snapshots)},
                     {"findings", std::move(findings)},
                     {"rankings", std::move(rankings)},
                     {"notes", strings_json(r.notes)},
                     {"note_evidence", evidence_json(c, r.note_evidence)}}, json_storage());
    // Added in dbgsift/1 (additive): what the noise floor kept out of the rankings, only
    // when it kept something out.
    if (!below_floor.empty()) {
        doc.emplace("below_noise_floor", std::move(below_floor));
    }
    return doc;
}

std::string render_json(model::Case const& c, infer::Report const& r, RenderOptions const& o) {
    JsonArena arena;
    return pretty(to_json(c, r, o));
}

std::string ndjson_line(json::object const& doc) {
    // Largest scratch kept between documents: a case's line is a few hundred KB; a rare huge
    // one gives its room back rather than hold it for the rest of the run.
    constexpr std::size_t k_kept_scratch_bytes = std::size_t{8} << 20;
    constexpr std::size_t k_min_room = 4096;
    thread_local std::string t_scratch;
    json::serializer sr;
    sr.reset(&doc);
    std::size_t used = 0;
    while (!sr.done()) {
        if (t_scratch.size() - used < k_min_room) {
            t_scratch.resize(std::max(t_scratch.size() * 2, used + k_min_room));
        }
        used += sr.read(t_scratch.data() + used, t_scratch.size() - used).size();
    }
    std::string line;
    line.reserve(used + 1);
    line.append(t_scratch.data(), used).push_back('\n');
    if (t_scratch.size() > k_kept_scratch_bytes) {
        std::string().swap(t_scratch);
    }
    return line;
}

std::string render_ndjson(model::Case const& c, infer::Report const& r, RenderOptions const& o) {
    JsonArena arena;
    return ndjson_line(to_json(c, r, o));
}

} // namespace dbgsift::report
