// SPDX-License-Identifier: MIT
// Which command's header a line is, asked of every line outside a block and of every line a
// block's parser does not read (a tenth of all reading, issue 14): the specs' header tests,
// each asked only of the lines its cheap byte-level filters let through.
#pragma once
#include "../parse/block_parser.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace dbgsift::segment {

// Every spec's header words as probes, in spec order (a spec whose header_words is empty has
// one probe with no bytes, which every line passes), in groups of 64 probes, one bit each.
// For each byte of the bits a line lacks (text::ByteMask), a table holds the probes that need
// one of those bits: eight lookups rule out every probe a line cannot pass, where testing
// each probe's mask in turn cost some five instructions a probe on every line. Before that,
// one lookup by the line's first byte keeps the probes of the specs whose headers can start
// with it (CommandSpec::header_firsts): most lines start with a byte no header starts with,
// and then the line's ByteMask is not even built.
struct HeaderProbes {
    struct Group {
        std::array<std::array<std::uint64_t, 256>, 8> failing_without{};  // [byte k][bits absent]
        std::array<std::uint64_t, 256> starting_with{};  // [first byte] the probes it may start
        // [a digit-led line's first byte after its digits and their blanks] the probes that
        // byte may lead on in (all for a spec with no header_after_number)
        std::array<std::uint64_t, 256> after_number{};
        std::array<parse::CommandSpec const*, 64> spec{};  // each probe's, in spec order
        // The probes with words: a line only led by a byte that starts none of them is spared
        // its ByteMask (a spec with no header_words tests a fixed word at a fixed place itself,
        // in fewer instructions than the mask of a whole line costs).
        std::uint64_t worded = 0;
    };
    std::vector<Group> groups;
    std::span<parse::CommandSpec const> specs;  // those the probes were made of
    // [a spec's index in `specs`][group] the probes of the specs of its kind: a header of the
    // open block's own kind changes nothing there (spec_for_header's `moot`).
    std::vector<std::vector<std::uint64_t>> of_kind;
};

// The probes of `specs` (kept by address: they must outlive the probes).
HeaderProbes make_header_probes(std::span<parse::CommandSpec const> specs);

// The probes of the specs of `spec`'s kind, by group (HeaderProbes::of_kind), as
// spec_for_header's `moot`. `spec` must be one of the probes' specs.
std::uint64_t const* probes_of_kind(HeaderProbes const& probes, parse::CommandSpec const& spec);

// Those of parse::command_specs(), made once.
HeaderProbes const& header_probes();

// The first spec (in their order) whose header test accepts the line, asked only of specs
// whose headers may start with its first byte after blanks (at `indent`, what
// text::first_non_blank gives), when that is a digit may go on with the byte after its digits
// (CommandSpec::header_after_number), and with a word whose bytes the line all holds.
// `moot` (HeaderProbes::of_kind of the open block's spec, or nullptr): the probes of a kind
// whose header changes nothing where the caller is. They are asked only once another spec's
// test accepts the line, and only those before it: the answer is the one asking every spec in
// order gives, except that an answer of the moot kind may come back as nullptr (the same to a
// caller, for whom that kind changes nothing). Most lines of a block never ask them (in the
// archive of issue 14, more than two thirds of the headers found under a block were its own).
parse::CommandSpec const* spec_for_header(HeaderProbes const& probes, std::string_view line, std::size_t indent,
                                          std::uint64_t const* moot = nullptr);

} // namespace dbgsift::segment
