// SPDX-License-Identifier: MIT
// Takes off what web pages, wikis, mail and markdown put on a pasted transcript:
// HTML entities and <br>, markdown backslash escapes, and a prefix repeated on every line
// ("> ", "// ", "-- ", four-space indentation). Line numbers stay those of the original file.
#pragma once
#include "decode.hpp"
#include <deque>

namespace dbgsift::text {

class Undresser {
public:
    explicit Undresser(Decoder& decoder);
    bool next(Line& out);
    std::string_view encoding() const { return m_decoder.encoding(); }

private:
    Decoder& m_decoder;
    std::deque<Line> m_pending;
};

} // namespace dbgsift::text
