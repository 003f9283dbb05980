// SPDX-License-Identifier: MIT
// Test helpers: a whole file as bytes, and a whole block fed to one command's parser.
#pragma once
#include "dbgsift/parse/block_parser.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace dbgsift::test {

// The bytes of a file, "" when it cannot be read (the test's own checks then fail).
inline std::string slurp(std::filesystem::path const& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// What a parser made of one block.
struct Fed {
    model::Snapshot snapshot;
    std::vector<model::Diagnostic> diags;
    int understood = 0;
    int not_understood = 0;
};

// Numbered lines of one block through a fresh parser of `spec`, as the reader feeds them.
inline Fed feed_block(parse::CommandSpec const& spec, std::string_view command,
                      std::vector<std::pair<std::uint32_t, std::string>> const& lines) {
    Fed out;
    auto parser = spec.make();
    parse::BlockContext ctx{out.snapshot, out.diags, 0, command};
    for (auto const& [number, text] : lines) {
        text::Line line{number, text, false};
        auto const v = parser->line(line, ctx);
        out.understood += v == parse::LineVerdict::understood;
        out.not_understood += v == parse::LineVerdict::not_understood;
    }
    parser->finish(ctx);
    return out;
}

} // namespace dbgsift::test
