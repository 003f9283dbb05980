// SPDX-License-Identifier: MIT
#include "htrace_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(htrace_command_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(htrace_entry_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(htrace_thread_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(htrace_note_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(htrace_chatter_type, iterator_type, context_type)

htrace_command_type const& htrace_command() { return htrace_command_rule; }
htrace_entry_type const& htrace_entry() { return htrace_entry_rule; }
htrace_thread_type const& htrace_thread() { return htrace_thread_rule; }
htrace_note_type const& htrace_note() { return htrace_note_rule; }
htrace_chatter_type const& htrace_chatter() { return htrace_chatter_rule; }

} // namespace dbgsift::grammar
