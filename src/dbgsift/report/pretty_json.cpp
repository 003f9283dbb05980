// SPDX-License-Identifier: MIT
#include "pretty_json.hpp"

#include <algorithm>

namespace dbgsift::report {

void PrettyJson::new_line(std::string& out) const {
    out.push_back('\n');
    out.append(m_margin + 2 * m_depth, ' ');
}

// Copies string bytes up to and including the closing quote, or the whole piece when the
// string goes on into the next one. An escaped quote does not end it.
void PrettyJson::copy_string(std::string_view& compact, std::string& out) {
    std::size_t i = m_escaped ? 1 : 0;  // an escape begun at the end of the last piece
    m_escaped = false;
    for (;;) {
        i = std::min(compact.find_first_of("\"\\", i), compact.size());
        if (i == compact.size()) {
            break;  // the string goes on into the next piece
        }
        if (compact[i] == '"') {
            m_in_string = false;
            ++i;
            break;
        }
        if (i + 1 == compact.size()) {  // a backslash ends the piece: its byte comes next
            m_escaped = true;
            i = compact.size();
            break;
        }
        i += 2;  // the backslash and the byte it escapes
    }
    out.append(compact.substr(0, i));
    compact.remove_prefix(i);
}

void PrettyJson::feed(std::string_view compact, std::string& out) {
    if (m_margin_due && !compact.empty()) {
        out.append(m_margin, ' ');
        m_margin_due = false;
    }
    while (!compact.empty()) {
        if (m_in_string) {
            copy_string(compact, out);
            continue;
        }
        char const c = compact.front();
        if (m_open_pending) {
            m_open_pending = false;
            if (c == '}' || c == ']') {
                out.push_back(c);
                compact.remove_prefix(1);
                continue;
            }
            ++m_depth;
            new_line(out);
        }
        compact.remove_prefix(1);
        switch (c) {
        case '"':
            out.push_back(c);
            m_in_string = true;
            break;
        case '{':
        case '[':
            out.push_back(c);
            m_open_pending = true;
            break;
        case '}':
        case ']':
            m_depth -= m_depth > 0 ? 1 : 0;
            new_line(out);
            out.push_back(c);
            break;
        case ',':
            out.push_back(',');
            new_line(out);
            break;
        case ':': out.append(": "); break;
        default: out.push_back(c);
        }
    }
}

void PrettyJson::finish(std::string& out) {
    if (m_open_pending) {
        m_open_pending = false;
        ++m_depth;
        new_line(out);
    }
}

} // namespace dbgsift::report
