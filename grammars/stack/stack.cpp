// SPDX-License-Identifier: MIT
#include "stack_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(stack_frame_type, iterator_type, context_type)

stack_frame_type const& stack_frame() { return stack_frame_rule; }

} // namespace dbgsift::grammar
