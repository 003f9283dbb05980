// SPDX-License-Identifier: MIT
// libFuzzer harness: one buffer through the whole library as the CLI runs it — decode,
// undress, segment, every block parser, inference, and the JSON, text and Markdown reports.
// Traps when the JSON report is not valid JSON or a block ends before it starts.
#include "dbgsift/infer/rules.hpp"
#include "dbgsift/pipeline.hpp"
#include "dbgsift/report/report.hpp"

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const bytes(reinterpret_cast<char const*>(data), size);
    auto const c = dbgsift::read_buffer(bytes, "fuzz.log");
    for (auto const& input : c.inputs) {
        for (auto const& block : input.blocks) {
            if (block.end_line < block.line) {
                __builtin_trap();
            }
        }
    }
    auto const report = dbgsift::infer::analyze(c, {});
    dbgsift::report::RenderOptions const options;
    auto const json = dbgsift::report::render_json(c, report, options);
    boost::system::error_code ec;
    auto const parsed = boost::json::parse(json, ec);
    if (ec) {
        __builtin_trap();
    }
    (void)parsed;
    (void)dbgsift::report::render_text(c, report, options);
    (void)dbgsift::report::render_markdown(c, report, options);
    return 0;
}
