// SPDX-License-Identifier: MIT
// real_number: what x3::double_ reads, to the same value and the same end, for the numbers of
// `!address -summary` ("95.60%", "( 1008.000 kB)"), every summary row has two or three.
#pragma once
#include "../config.hpp"
#include "../../src/dbgsift/text/ascii.hpp"
#include <array>
#include <cstdint>

namespace dbgsift::grammar::address_detail {

// Digits, maybe a '.' and more digits, at most 15 in all, and no exponent after them: read in
// one loop into an exact integer, then divided by an exact power of ten. That is the value
// x3::double_ gives (its extract_real gathers the same digits, exactly, in a double, and ends
// with the same correctly rounded division), without its policy calls a digit and pow10 calls.
// Any other form (a sign, a leading or trailing dot, an exponent, nan, inf, more digits) is
// handed to x3::double_ itself. A failure names this type, which expected_message words as it
// words x3::double_'s ("the rest of the row").
struct real_number_parser : x3::parser<real_number_parser> {
    using attribute_type = double;
    static bool const has_attribute = true;

    static constexpr int k_exact_digits = 15;  // 10^15 < 2^53: every such integer is a double
    static constexpr std::array<double, k_exact_digits + 1> k_pow10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext const& rcontext,
               Attribute& attr) const {
        x3::skip_over(first, last, context);
        Iterator it = first;
        std::uint64_t n = 0;
        int digits = 0;
        for (; it != last && text::is_ascii_digit(*it); ++it, ++digits) {
            n = n * 10 + static_cast<unsigned>(*it - '0');
        }
        int fraction = 0;
        bool const dot = digits > 0 && it != last && *it == '.';
        if (dot) {
            ++it;
            for (; it != last && text::is_ascii_digit(*it); ++it, ++fraction) {
                n = n * 10 + static_cast<unsigned>(*it - '0');
            }
        }
        bool const plain = digits > 0 && digits + fraction <= k_exact_digits && (!dot || fraction > 0) &&
                           (it == last || (*it != 'e' && *it != 'E'));
        if (!plain) {
            return x3::double_.parse(first, last, context, rcontext, attr);
        }
        double value = static_cast<double>(n);
        if (fraction > 0) {
            value /= k_pow10[static_cast<std::size_t>(fraction)];
        }
        x3::traits::move_to(value, attr);
        first = it;
        return true;
    }
};

inline constexpr real_number_parser real_number{};

} // namespace dbgsift::grammar::address_detail
