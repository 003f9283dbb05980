// SPDX-License-Identifier: MIT
#include "json_sections.hpp"
#include "pretty_json.hpp"
#include "report.hpp"

#include <cmath>

namespace dbgsift::report {
namespace json = boost::json;

double rounded(double score) { return std::round(score * 1000.0) / 1000.0; }

namespace {
// The input a location is in, "?" for a file index the case does not have.
std::string_view path_of(model::Case const& c, model::Loc const& loc) {
    return loc.file < c.inputs.size() ? std::string_view(c.inputs[loc.file].path) : "?";
}
} // namespace

std::string where(model::Case const& c, model::Loc const& loc) {
    return std::string(path_of(c, loc)) + ":" + std::to_string(loc.line);
}

namespace {

void evidence_json(JsonWriter& w, model::Case const& c, std::vector<model::Loc> const& locs) {
    w.begin_array();
    for (auto const& loc : locs) {
        auto const path = path_of(c, loc);
        JsonWriter::ObjectRun run(w, 2, path.size());
        run.text("path", path);
        run.member("line", loc.line);
    }
    w.end_array();
}

void culprit_json(JsonWriter& w, model::Case const& c, infer::Culprit const& k, bool with_kind) {
    w.begin_object();
    if (with_kind) {
        w.member("kind", infer::to_string(k.kind));
    }
    w.member("name", k.name);
    w.member("score", rounded(k.score));
    w.array_member("reasons", k.reasons);
    w.key("evidence");
    evidence_json(w, c, k.evidence);
    w.end_object();
}

void ranking_json(JsonWriter& w, model::Case const& c, std::vector<infer::Culprit> const& ranking,
                  std::size_t top) {
    w.begin_array();
    for (std::size_t i = 0; i < ranking.size() && i < top; ++i) {
        culprit_json(w, c, ranking[i], false);
    }
    w.end_array();
}

void block_json(JsonWriter& w, model::BlockInfo const& b) {
    JsonWriter::ObjectRun run(w, 5, b.command.size() + b.kind.size());
    run.text("command", b.command);
    run.text("kind", b.kind);
    run.member("line", b.line);
    run.member("end_line", b.end_line);
    run.member("parsed", b.parsed);
}

void diagnostic_json(JsonWriter& w, model::Diagnostic const& d) {
    w.begin_object();
    w.member("line", d.line);
    w.member("column", d.column);
    w.member("message", d.message);
    w.end_object();
}

void input_json(JsonWriter& w, model::Input const& in) {
    w.begin_object();
    w.member("path", in.path);
    w.member("encoding", in.encoding);
    w.member("lines", in.lines);
    w.member("lines_understood", in.lines_understood);
    w.member("lines_in_known_blocks", in.lines_in_known_blocks);
    w.array_member("blocks", in.blocks, block_json);
    w.array_member("diagnostics", in.diagnostics, diagnostic_json);
    // Added in dbgsift/1 (additive): diagnostics past the per-input cap, counted but not
    // listed; only when there were any.
    if (in.diagnostics_omitted > 0) {
        w.member("diagnostics_omitted", in.diagnostics_omitted);
    }
    w.member_if("error", in.error);
    w.end_object();
}

void finding_json(JsonWriter& w, model::Case const& c, infer::Finding const& f) {
    w.begin_object();
    w.member("pattern", infer::to_string(f.pattern));
    w.member("severity", infer::to_string(f.severity));
    w.member("score", rounded(f.score));
    w.member("summary", f.summary);
    w.array_member("culprits", f.culprits,
                   [&c](JsonWriter& w, infer::Culprit const& k) { culprit_json(w, c, k, true); });
    w.array_member("next_steps", f.next_steps);
    w.key("evidence");
    evidence_json(w, c, f.evidence);
    w.end_object();
}

// Whether the document prints this kind's ranking: kinds added to dbgsift/1 later only when
// something is ranked.
bool printed(infer::RankingKind const& kind, infer::Rankings const& rankings) {
    return !kind.only_when_named || !(rankings.*kind.list).empty();
}

// What the noise floor kept out of the printed rankings, by kind.
using Kept = std::vector<std::pair<std::string_view, std::vector<infer::Culprit> const*>>;
Kept below_floor(infer::Rankings const& rankings) {
    Kept out;
    for (auto const& kind : infer::ranking_kinds()) {
        if (auto it = rankings.below_floor.find(std::string(kind.key));
            printed(kind, rankings) && it != rankings.below_floor.end()) {
            out.emplace_back(kind.key, &it->second);
        }
    }
    return out;
}

} // namespace

std::string pretty_text(std::string_view compact) {
    std::string out;
    out.reserve(compact.size() + compact.size() / 2);
    PrettyJson layout;
    out.append(layout.feed(compact));
    out.append(layout.finish());
    out.push_back('\n');
    return out;
}

std::string pretty(json::value const& v) { return pretty_text(json::serialize(v)); }

namespace {

// The case document, with the caller's own members last.
void write_case(JsonWriter& w, model::Case const& c, infer::Report const& r, RenderOptions const& o,
                ExtraMembers const& extra) {
    w.begin_object();
    w.member("schema", k_schema);
    w.array_member("inputs", c.inputs, input_json);
    w.array_member("snapshots", c.snapshots, write_snapshot);
    w.array_member("findings", r.findings,
                   [&c](JsonWriter& w, infer::Finding const& f) { finding_json(w, c, f); });
    w.key("rankings");
    w.begin_object();
    for (auto const& kind : infer::ranking_kinds()) {
        if (printed(kind, r.rankings)) {
            w.key(JsonKey(kind.key));
            ranking_json(w, c, r.rankings.*kind.list, o.top);
        }
    }
    w.end_object();
    w.array_member("notes", r.notes);
    w.key("note_evidence");
    evidence_json(w, c, r.note_evidence);
    // Added in dbgsift/1 (additive): what the noise floor kept out of the rankings, only
    // when it kept something out.
    if (auto const kept = below_floor(r.rankings); !kept.empty()) {
        w.key("below_noise_floor");
        w.begin_object();
        for (auto const& [key, ranking] : kept) {
            w.key(JsonKey(key));
            ranking_json(w, c, *ranking, o.top);
        }
        w.end_object();
    }
    if (extra) {
        extra(w);
    }
    w.end_object();
}

} // namespace

std::string render_json(model::Case const& c, infer::Report const& r, RenderOptions const& o,
                        ExtraMembers const& extra) {
    JsonWriter w;
    write_case(w, c, r, o, extra);
    return pretty_text(w.text());
}

void write_json(std::ostream& out, PrettyJson layout, model::Case const& c, infer::Report const& r,
                RenderOptions const& o, ExtraMembers const& extra) {
    auto const send = [&out](std::string_view piece) {
        out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    };
    JsonWriter w([&](std::string_view compact) { send(layout.feed(compact)); });
    write_case(w, c, r, o, extra);
    w.drain_written();
    send(layout.finish());
}

JsonLine render_ndjson(model::Case const& c, infer::Report const& r, RenderOptions const& o,
                       ExtraMembers const& extra) {
    JsonWriter w;
    write_case(w, c, r, o, extra);
    return w.take_line();
}

} // namespace dbgsift::report
