// SPDX-License-Identifier: MIT
#include "search_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(search_command_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(memory_hit_type, iterator_type, context_type)

search_command_type const& search_command() { return search_command_rule; }
memory_hit_type const& memory_hit() { return memory_hit_rule; }

} // namespace dbgsift::grammar
