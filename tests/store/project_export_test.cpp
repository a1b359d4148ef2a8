// The project export: one project's records (and only that project's), in a fixed shape with
// people's ids and ISO-8601 times; problem reports only when asked for.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "store/database.hpp"
#include "store/decision_log.hpp"
#include "store/documents.hpp"
#include "store/objectives.hpp"
#include "store/problem_reports.hpp"
#include "store/project_export.hpp"
#include "store/tasks.hpp"
#include "tests/store/temp_database.hpp"

using namespace accord::store;
using accord::testing::new_project;
using accord::testing::TempDatabase;
using Json = nlohmann::ordered_json;

namespace {

const Timestamp kNow = from_millis(1795795200000);  // 2026-11-27T16:00:00Z

struct Fixture {
  TempDatabase path;
  Database db{path.str()};
  std::int64_t apollo = 0;
  std::int64_t zeus = 0;

  Fixture() {
    Transaction tx(db);
    apollo = new_project(db, "C1");
    zeus = new_project(db, "C2");
    Objectives objectives(db);
    for (auto [project, title] : {std::pair{apollo, "Faster onboarding"},
                                  std::pair{apollo, "Fewer tickets"}, std::pair{zeus, "Zeus"}}) {
      Objective objective;
      objective.project_id = project;
      objective.title = title;
      objective.created_by = "U1";
      objective.created_at = kNow;
      objectives.add(objective);
    }
    Task task;
    task.project_id = apollo;
    task.title = "Invoice wizard";
    task.created_by = "U2";
    task.created_at = kNow;
    task.updated_at = kNow;
    Tasks(db).add(task, {"shows the total", "sends the PDF"});
    Decision decision;
    decision.project_id = apollo;
    decision.actor = "U1";
    decision.at = kNow;
    decision.action = "objective.add";
    decision.object = "O-1";
    DecisionLog(db).record(decision);
    ProblemReport report;
    report.project_id = apollo;
    report.category = "pm";
    report.text = "Nobody answers";
    report.reporter = "U3";
    report.reported_at = kNow;
    ProblemReports(db).add(report);
    tx.commit();
  }

  Json exported(std::int64_t project, bool problems = false) {
    const auto text = export_project(db, project, kNow, {problems});
    REQUIRE(text);
    return Json::parse(*text);
  }
};

}  // namespace

TEST_CASE("an export holds the project's records with people's ids and ISO-8601 times") {
  Fixture f;
  const auto doc = f.exported(f.apollo);

  CHECK(doc["format"] == "accord-project-export");
  CHECK(doc["exported_at"] == "2026-11-27T16:00:00Z");
  CHECK(doc["project"]["name"] == "Project C1");
  REQUIRE(doc["objectives"].size() == 2);
  CHECK(doc["objectives"][0]["id"] == "O-1");
  CHECK(doc["objectives"][1]["title"] == "Fewer tickets");
  CHECK(doc["objectives"][0]["created_at"] == "2026-11-27T16:00:00Z");
  REQUIRE(doc["tasks"].size() == 1);
  CHECK(doc["tasks"][0]["id"] == "T-1");
  CHECK(doc["tasks"][0]["parent"].is_null());
  CHECK(doc["tasks"][0]["criteria"] == Json::array({"shows the total", "sends the PDF"}));
  REQUIRE(doc["decision_log"].size() == 1);
  CHECK(doc["decision_log"][0]["object"] == "O-1");
  CHECK(doc["decision_log"][0]["at"] == "2026-11-27T16:00:00Z");
  CHECK(doc.dump().find("\"_key\"") == std::string::npos);
}

TEST_CASE("an export holds nothing of other projects") {
  Fixture f;
  const auto doc = f.exported(f.zeus, true);
  REQUIRE(doc["objectives"].size() == 1);
  CHECK(doc["objectives"][0]["title"] == "Zeus");
  CHECK(doc["tasks"].empty());
  CHECK(doc["decision_log"].empty());
  CHECK(doc["problem_reports"].empty());
}

TEST_CASE("problem reports are exported only when asked for") {
  Fixture f;
  const auto without = f.exported(f.apollo);
  CHECK(without["problem_reports_included"] == false);
  CHECK_FALSE(without.contains("problem_reports"));
  CHECK(without.dump().find("Nobody answers") == std::string::npos);

  const auto with = f.exported(f.apollo, true);
  CHECK(with["problem_reports_included"] == true);
  REQUIRE(with["problem_reports"].size() == 1);
  CHECK(with["problem_reports"][0]["id"] == "PR-1");
  CHECK(with["problem_reports"][0]["text"] == "Nobody answers");
}

TEST_CASE("the export's keys come in a fixed order, the same every time") {
  Fixture f;
  const auto first = export_project(f.db, f.apollo, kNow);
  CHECK(first == export_project(f.db, f.apollo, kNow));
  const auto doc = Json::parse(*first);
  std::vector<std::string> keys;
  for (const auto& item : doc.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"format",
                                         "format_version",
                                         "exported_at",
                                         "schema_version",
                                         "problem_reports_included",
                                         "restricted_documents_included",
                                         "project",
                                         "settings",
                                         "roles",
                                         "objectives",
                                         "scenarios",
                                         "capabilities",
                                         "proposals",
                                         "tasks",
                                         "roadmap",
                                         "change_requests",
                                         "sprints",
                                         "releases",
                                         "documents",
                                         "task_templates",
                                         "team",
                                         "demos",
                                         "decision_log"});
}

TEST_CASE("documents for some roles are exported only when asked for") {
  Fixture f;
  {
    Transaction tx(f.db);
    Document everyone;
    everyone.project_id = f.apollo;
    everyone.title = "Architecture";
    everyone.url = "https://wiki.example.com/arch";
    everyone.added_by = "U1";
    everyone.added_at = kNow;
    Documents(f.db).add(everyone);
    Document restricted = everyone;
    restricted.title = "Rate card";
    restricted.url = "https://docs.example.com/rates";
    restricted.audience = {Role::customer, Role::pm};
    Documents(f.db).add(restricted);
    tx.commit();
  }
  const auto without = f.exported(f.apollo);
  CHECK(without["restricted_documents_included"] == false);
  REQUIRE(without["documents"].size() == 1);
  CHECK(without["documents"][0]["title"] == "Architecture");
  CHECK(without.dump().find("Rate card") == std::string::npos);

  const auto text = export_project(f.db, f.apollo, kNow, {false, true});
  REQUIRE(text);
  const auto with = Json::parse(*text);
  CHECK(with["restricted_documents_included"] == true);
  REQUIRE(with["documents"].size() == 2);
  CHECK(with["documents"][1]["id"] == "DOC-2");
  CHECK(with["documents"][1]["audience"] == "customer,pm");
}

TEST_CASE("an unknown project exports nothing; the projects are listed to choose from") {
  Fixture f;
  CHECK_FALSE(export_project(f.db, 99, kNow));
  const auto projects = describe_projects(f.db);
  REQUIRE(projects.size() == 2);
  CHECK(projects[0] == "1  Project C1  (slack T1, channel C1)");
}
