// How a demo reads: its one-line heading, its feedback, and the conversion card the pm gets on
// closing it, which proposes what each piece of feedback becomes and, once confirmed, shows what
// was created, with no live buttons.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "commands/core/context.hpp"
#include "store/demos.hpp"

namespace accord::commands {

// "D-2@12": the key shared by every copy of a demo's conversion card.
std::string demo_card_key(const store::Demo& demo);
// "2026-12-04 15:00 CET": when the demo is, in the project's time zone.
std::string demo_time(Context& context, const store::Demo& demo);
// "D-2 on 2026-12-04 15:00 CET for SP-3".
Text demo_heading(Context& context, const store::Demo& demo);
// "2. bug about T-3, from @U4: Crashes on save"; `position` counts from 1.
Text feedback_line(const store::DemoFeedback& feedback, std::size_t position);
// What feedback of this kind becomes: "a backlog task (bug)", "a roadmap change request".
std::string conversion_plan(store::FeedbackKind kind);
// The card as it stands: the proposal with Confirm while the demo is closed, what was created
// once it is converted.
Message conversion_card(Context& context, const store::Demo& demo,
                        const std::vector<store::DemoFeedback>& feedback);

}  // namespace accord::commands
