// SPDX-License-Identifier: MIT
#include "prompt_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(prompt_line_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(session_marker_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(session_time_type, iterator_type, context_type)

prompt_line_type const& prompt_line() { return prompt_line_rule; }
session_marker_type const& session_marker() { return session_marker_rule; }
session_time_type const& session_time() { return session_time_rule; }

} // namespace dbgsift::grammar
