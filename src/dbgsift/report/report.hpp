// SPDX-License-Identifier: MIT
// Renderers: they format a case and its analysis; they decide nothing.
#pragma once
#include "../infer/finding.hpp"
#include "../model/case.hpp"
#include "dbgsift_version.hpp"
#include "json_writer.hpp"
#include "pretty_json.hpp"
#include <boost/json.hpp>
#include <functional>
#include <ostream>
#include <string>

namespace dbgsift::report {

struct RenderOptions {
    std::size_t top = 10;   // rows per ranking
    bool color = false;     // ANSI colour (text only, and only on a terminal)
};

// Members a caller writes at the end of a case document (the archive's "join").
using ExtraMembers = std::function<void(JsonWriter&)>;
// The JSON document of DESIGN.md: schema, inputs, snapshots, findings, rankings, notes.
// Pretty-printed, stable key order, ends with a newline.
std::string render_json(model::Case const& c, infer::Report const& r, RenderOptions const& o,
                        ExtraMembers const& extra = {});
// The same document written to `out` as it is made, laid out by `layout` (its margin), without
// the final newline: a huge case's document never sits whole in memory (issue 14).
void write_json(std::ostream& out, PrettyJson layout, model::Case const& c, infer::Report const& r,
                RenderOptions const& o, ExtraMembers const& extra = {});
// The same object on one line (NDJSON), in the bytes boost::json::serialize prints; written
// out, the line goes back to JsonWriter::recycle_line() to be the next one's buffer.
JsonLine render_ndjson(model::Case const& c, infer::Report const& r, RenderOptions const& o,
                       ExtraMembers const& extra = {});
std::string render_text(model::Case const& c, infer::Report const& r, RenderOptions const& o);
std::string render_markdown(model::Case const& c, infer::Report const& r, RenderOptions const& o);

// What a case held for the rules: readable inputs and blocks of commands a grammar knows.
struct Coverage {
    std::size_t readable = 0, unreadable = 0, known_blocks = 0;
    std::vector<std::pair<std::string, std::size_t>> unknown_commands;  // most frequent first
};
Coverage coverage_of(model::Case const& c);
// The verdict line when there is no finding: says what was analysed (verdict.cpp).
std::string empty_verdict(model::Case const& c);

// "corpus/vm/001.txt:12" for a location.
std::string where(model::Case const& c, model::Loc const& loc);

// A snapshot's typed model as a JSON object (json_model.cpp).
void write_snapshot(JsonWriter& w, model::Snapshot const& s);
// Scores printed with three decimals so the output is stable across platforms.
double rounded(double score);
// Pretty printer with two-space indentation, ending with a newline: of a tree, or of the
// compact text JsonWriter wrote (the case documents: no tree is built for them).
std::string pretty(boost::json::value const& v);
std::string pretty_text(std::string_view compact);

} // namespace dbgsift::report
