// SPDX-License-Identifier: MIT
#include "poolmon_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(poolmon_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(poolmon_preamble_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(poolmon_row_type, iterator_type, context_type)

poolmon_header_type const& poolmon_header() { return poolmon_header_rule; }
poolmon_preamble_type const& poolmon_preamble() { return poolmon_preamble_rule; }
poolmon_row_type const& poolmon_row() { return poolmon_row_rule; }

} // namespace dbgsift::grammar
