// SPDX-License-Identifier: MIT
#include "session_time_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(session_time_type, iterator_type, context_type)

session_time_type const& session_time() { return session_time_rule; }

} // namespace dbgsift::grammar
