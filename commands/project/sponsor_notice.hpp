// The sponsor hears of stalled customer decisions (DESIGN §2, §3.9): when a change request, a
// proposed capability or an acceptance has waited on the customer side longer than `settings
// sponsor_after` business days (default 3), each sponsor gets one private notice listing what waits
// and on whom. It is logged, and repeats at most weekly per item. A check runs each working morning
// while anything waits on the customer.
#pragma once

#include "commands/core/registry.hpp"

namespace accord::commands {

inline constexpr std::string_view kSponsorCheckJob = "sponsor_check";

// One decision waiting on the customer side: a change request, or finished work to accept.
struct CustomerWait {
  std::string item;  // "CR-2", or "T-4#7" for an acceptance request
  store::Timestamp since;
  Text line;
};
// Everything waiting on the customer side in the bound project, oldest first.
std::vector<CustomerWait> waiting_on_customer(Context& context);

// Makes sure the bound project's check is scheduled (for when something starts waiting).
void schedule_sponsor_check(Context& context);
// At start: the check for every project where something already waits (from before an upgrade).
int schedule_all_sponsor_checks(store::Database& db, store::Timestamp now,
                                const std::string& public_url);
JobOutcome run_sponsor_check(Context& context, const store::ScheduledJob& job);

}  // namespace accord::commands
