// SPDX-License-Identifier: MIT
// Placeholder: passes lines through unchanged.
#include "undress.hpp"

namespace dbgsift::text {

Undresser::Undresser(Decoder& decoder) : m_decoder(decoder) {}

bool Undresser::next(Line& out) {
    if (!m_pending.empty()) {
        out = std::move(m_pending.front());
        m_pending.pop_front();
        return true;
    }
    return m_decoder.next(out);
}

} // namespace dbgsift::text
