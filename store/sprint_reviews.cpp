#include "store/sprint_reviews.hpp"

#include "store/statement.hpp"

namespace accord::store {

void SprintReviews::ask(std::int64_t sprint_id, Timestamp at) {
  Statement upsert(db_,
                   "INSERT INTO sprint_reviews (sprint_id, asked_at, confirmed_by, confirmed_at) "
                   "VALUES (?, ?, '', NULL) ON CONFLICT (sprint_id) DO UPDATE SET "
                   "asked_at = excluded.asked_at, confirmed_by = '', confirmed_at = NULL");
  upsert.bind(1, sprint_id);
  upsert.bind(2, to_millis(at));
  upsert.exec();
}

std::optional<SprintReview> SprintReviews::find(std::int64_t sprint_id) {
  Statement query(db_,
                  "SELECT asked_at, confirmed_by, confirmed_at FROM sprint_reviews "
                  "WHERE sprint_id = ?");
  query.bind(1, sprint_id);
  if (!query.executeStep()) return std::nullopt;
  SprintReview review;
  review.sprint_id = sprint_id;
  review.asked_at = from_millis(query.getColumn(0).getInt64());
  review.confirmed_by = query.getColumn(1).getString();
  if (!query.getColumn(2).isNull())
    review.confirmed_at = from_millis(query.getColumn(2).getInt64());
  return review;
}

bool SprintReviews::confirm(std::int64_t sprint_id, const std::string& user, Timestamp at) {
  Statement update(db_,
                   "UPDATE sprint_reviews SET confirmed_by = ?, confirmed_at = ? "
                   "WHERE sprint_id = ? AND confirmed_by = ''");
  update.bind(1, user);
  update.bind(2, to_millis(at));
  update.bind(3, sprint_id);
  return update.exec() == 1;
}

}  // namespace accord::store
