// SPDX-License-Identifier: MIT
#include "pooltag_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(pooltag_entry_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pooltag_comment_type, iterator_type, context_type)

pooltag_entry_type const& pooltag_entry() { return pooltag_entry_rule; }
pooltag_comment_type const& pooltag_comment() { return pooltag_comment_rule; }

} // namespace dbgsift::grammar
