// SPDX-License-Identifier: MIT
#include "umdh_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(umdh_trace_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(umdh_total_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(umdh_note_type, iterator_type, context_type)

umdh_trace_type const& umdh_trace() { return umdh_trace_rule; }
umdh_total_type const& umdh_total() { return umdh_total_rule; }
umdh_note_type const& umdh_note() { return umdh_note_rule; }

} // namespace dbgsift::grammar
