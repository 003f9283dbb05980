// SPDX-License-Identifier: MIT
#include "header_probes.hpp"

#include "../text/ascii.hpp"
#include "../text/contains.hpp"
#include "../text/trim.hpp"

#include <algorithm>
#include <optional>
#include <string>

namespace dbgsift::segment {
namespace {

// The first byte after the run of decimal digits at `at` and the blanks behind it ('\0' at
// the line's end).
char byte_after_number(std::string_view line, std::size_t at) {
    at = text::end_of_digits(line, at);
    at += text::first_non_blank(line.substr(at));
    return at < line.size() ? line[at] : '\0';
}

// The bits of the bytes the line lacks (text::ByteMask). A function of its own: written in
// LineKeys::passing, -O2 set up the mask's loop on every line, where few build it (1.4 M
// instructions more in the archive of issue 14).
std::uint64_t absent_bytes(std::string_view line, std::size_t indent) {
    // The leading blanks all give one bit (a space's, a tab's): the last of them stands for
    // all, and the mask is built from there on (`indent` is at most the line's size).
    auto const from = indent == 0 ? 0 : std::min(indent - 1, line.size());
    return ~text::ByteMask(std::string_view(line.data() + from, line.size() - from)).bits();
}

// What the probes read of a line: its first byte after blanks, when that is a digit the byte
// after its digits, and the bytes it lacks (its ByteMask, built when a probe with words first
// needs it).
class LineKeys {
public:
    LineKeys(std::string_view line, std::size_t indent)
        : m_line(line),
          m_indent(indent),
          m_first(static_cast<unsigned char>(indent < line.size() ? line[indent] : '\0')),
          // Digit-led rows (addresses, counts) are many, and three header tests would each walk
          // the blanks and digits again, behind a call apiece, to turn most of them away.
          m_digit_led(text::is_ascii_digit(static_cast<char>(m_first))),
          m_after_number(static_cast<unsigned char>(m_digit_led ? byte_after_number(line, indent) : '\0')) {}

    // The probes of `group` among `among` the line passes: their spec's header may start with
    // its first byte (and go on with the byte after its number), and it holds every byte of
    // their word.
    std::uint64_t passing(HeaderProbes::Group const& group, std::uint64_t among) {
        auto const may_start = group.starting_with[m_first] &
                               (m_digit_led ? group.after_number[m_after_number] : ~std::uint64_t{0}) & among;
        // Most lines pass none. Said apart, though the test below covers it: without it -O2
        // set up the mask's loop on every line (1.5 M instructions in the archive of issue 14).
        if (may_start == 0) {
            return 0;
        }
        if ((may_start & group.worded) == 0) {
            return may_start;
        }
        if (!m_absent) {
            m_absent = absent_bytes(m_line, m_indent);
        }
        // Written out: -O2 kept the loop over the eight bytes (a third of spec_for_header).
        auto const& without = group.failing_without;
        auto const a = *m_absent;
        auto const failing = without[0][a & 0xFF] | without[1][(a >> 8) & 0xFF] | without[2][(a >> 16) & 0xFF] |
                             without[3][(a >> 24) & 0xFF] | without[4][(a >> 32) & 0xFF] |
                             without[5][(a >> 40) & 0xFF] | without[6][(a >> 48) & 0xFF] |
                             without[7][(a >> 56) & 0xFF];
        return may_start & ~failing;
    }

    std::string_view line() const { return m_line; }

private:
    std::string_view m_line;
    std::size_t m_indent;
    unsigned char m_first;
    bool m_digit_led;
    unsigned char m_after_number;
    std::optional<std::uint64_t> m_absent;  // the line's missing bytes, found when first needed
};

constexpr std::size_t k_no_probe = 64;

// The first of the probes `passing` of `group` whose spec's header test accepts the line (its
// bit), or k_no_probe. `asked`: the spec whose test ran last, kept from call to call (a
// spec's probes are next to each other): its other words are moot.
std::size_t first_accepting(HeaderProbes::Group const& group, std::uint64_t passing, std::string_view line,
                            parse::CommandSpec const*& asked) {
    for (; passing != 0; passing &= passing - 1) {
        auto const bit = static_cast<std::size_t>(__builtin_ctzll(passing));
        auto const spec = group.spec[bit];
        if (spec == asked) {
            continue;
        }
        asked = spec;
        if (spec->is_header(line)) {
            return bit;
        }
    }
    return k_no_probe;
}

// The first spec of the probes in `moot` (HeaderProbes::of_kind, by group) before probe `bit`
// of group `group` whose header test accepts the line, asked as spec_for_header asks any, or
// nullptr.
parse::CommandSpec const* moot_header_before(HeaderProbes const& probes, std::uint64_t const* moot, std::size_t group,
                                             std::size_t bit, LineKeys& keys) {
    parse::CommandSpec const* asked = nullptr;
    for (std::size_t g = 0; g <= group; ++g) {
        auto const& probes_g = probes.groups[g];
        auto const before = g < group ? ~std::uint64_t{0} : (std::uint64_t{1} << bit) - 1;
        auto const found = first_accepting(probes_g, keys.passing(probes_g, moot[g] & before), keys.line(), asked);
        if (found != k_no_probe) {
            return probes_g.spec[found];
        }
    }
    return nullptr;
}

// Sets probe `bit` in `table` at each of `bytes`, or at every byte when there are none (a spec
// whose headers may start with any byte).
void mark_bytes(std::array<std::uint64_t, 256>& table, std::string_view bytes, std::size_t bit) {
    if (bytes.empty()) {
        for (auto& probes : table) {
            probes |= std::uint64_t{1} << bit;
        }
        return;
    }
    for (char const byte : bytes) {
        table[static_cast<unsigned char>(byte)] |= std::uint64_t{1} << bit;
    }
}

} // namespace

HeaderProbes make_header_probes(std::span<parse::CommandSpec const> specs) {
    HeaderProbes out;
    out.specs = specs;
    std::size_t count = 0;
    auto const add = [&out, &count, &specs](std::uint64_t word_bits, std::size_t spec) {
        if (count % 64 == 0) {
            out.groups.emplace_back();
        }
        auto& group = out.groups.back();
        auto const bit = count % 64;
        ++count;
        group.spec[bit] = &specs[spec];
        if (word_bits != 0) {
            group.worded |= std::uint64_t{1} << bit;
        }
        // Made once a process, and each process may read one small file: each table is filled
        // from the bytes that set its bit (0.5 M instructions less than asking all 256).
        mark_bytes(group.starting_with, specs[spec].header_firsts, bit);
        mark_bytes(group.after_number, specs[spec].header_after_number, bit);
        for (std::size_t k = 0; k < 8; ++k) {
            auto const needed = (word_bits >> (8 * k)) & 0xFF;
            if (needed == 0) {
                continue;  // no bit of the word in this byte of the mask: no probe fails there
            }
            for (std::size_t absent = 0; absent < 256; ++absent) {
                if ((needed & absent) != 0) {
                    group.failing_without[k][absent] |= std::uint64_t{1} << bit;
                }
            }
        }
    };
    for (std::size_t i = 0; i < specs.size(); ++i) {
        if (specs[i].is_header == nullptr) {
            continue;
        }
        if (specs[i].header_words.empty()) {
            add(0, i);
        }
        for (auto const word : specs[i].header_words) {
            add(text::ByteMask(word).bits(), i);
        }
    }
    out.of_kind.assign(specs.size(), std::vector<std::uint64_t>(out.groups.size()));
    for (std::size_t i = 0; i < specs.size(); ++i) {
        for (std::size_t g = 0; g < out.groups.size(); ++g) {
            for (std::size_t bit = 0; bit < 64; ++bit) {
                auto const* spec = out.groups[g].spec[bit];
                if (spec != nullptr && spec->kind == specs[i].kind) {
                    out.of_kind[i][g] |= std::uint64_t{1} << bit;
                }
            }
        }
    }
    return out;
}

HeaderProbes const& header_probes() {
    static auto const probes = make_header_probes(parse::command_specs());
    return probes;
}

std::uint64_t const* probes_of_kind(HeaderProbes const& probes, parse::CommandSpec const& spec) {
    return probes.of_kind[static_cast<std::size_t>(&spec - probes.specs.data())].data();
}

parse::CommandSpec const* spec_for_header(HeaderProbes const& probes, std::string_view line, std::size_t indent,
                                          std::uint64_t const* moot) {
    LineKeys keys(line, indent);
    parse::CommandSpec const* asked = nullptr;
    std::size_t g = 0;  // counted apart: an index loop divides by a Group's size after each header test
    for (auto const& group : probes.groups) {
        auto const found = first_accepting(group, keys.passing(group, moot != nullptr ? ~moot[g] : ~std::uint64_t{0}),
                                           line, asked);
        if (found != k_no_probe) {
            auto const* moot_first = moot != nullptr ? moot_header_before(probes, moot, g, found, keys) : nullptr;
            return moot_first != nullptr ? moot_first : group.spec[found];
        }
        ++g;
    }
    return nullptr;
}

} // namespace dbgsift::segment
