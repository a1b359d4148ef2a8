// Fills a database with what many projects leave behind after months of use: members in four time
// zones, a backlog in every state, acceptances and change requests waiting on customers, problem
// reports, delivered cards, and one scheduled job per project, as the workflows would leave them.
// Raw SQL in one transaction: the real write paths would take hours for a million tasks.
#pragma once

#include <cstdint>
#include <vector>

#include "store/database.hpp"
#include "store/time.hpp"

namespace accord::bench {

struct Sizes {
  int projects = 100'000;
  int tasks = 1'000'000;
  int due = 1'000;
};

struct FillCounts {
  long long tasks = 0;
  long long open_acceptances = 0;
  long long decided_acceptances = 0;
  long long pending_change_requests = 0;
  long long problem_reports = 0;
  long long jobs = 0;
};

struct Filled {
  FillCounts counts;
  // Projects whose members are inside working hours at `now`, shuffled: the due sets are drawn
  // from them so every due job does its full work (a digest outside hours only moves itself).
  std::vector<std::int64_t> due_candidates;
};

Filled fill(store::Database& db, const Sizes& sizes, store::Timestamp now);

// Makes the jobs of `projects` due at `now` (a little overdue, as after a short pause); a problem
// report's acknowledgement deadline moves with its job.
void make_due(store::Database& db, const std::vector<std::int64_t>& projects, store::Timestamp now);

}  // namespace accord::bench
