#include "commands/documents/document_commands.hpp"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands/backlog/task_rules.hpp"
#include "commands/core/object_ids.hpp"
#include "commands/time/jobs.hpp"
#include "store/roles.hpp"

namespace accord::commands {
namespace {

using store::Role;

constexpr std::string_view kDocAddUsage =
    "doc add \"Title\" https://... [for=customer,pm,...] [test=yes]";
constexpr std::string_view kDocRemoveUsage = "doc remove DOC-1";
constexpr std::size_t kMaxDocTitle = 200;
constexpr std::size_t kMaxDocuments = 200;

// Slack may send a typed link as <https://…> or <https://…|label>; parentheses are written
// percent-encoded so the link cannot end early in Markdown.
std::string normalised_url(std::string text) {
  if (text.size() > 2 && text.front() == '<' && text.back() == '>') {
    text = text.substr(1, text.size() - 2);
    if (const auto bar = text.find('|'); bar != std::string::npos) text.resize(bar);
    // Slack's link markup keeps its entities: &amp; in a query string is &.
    for (const auto& [entity, literal] :
         {std::pair<std::string, std::string>{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
      for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
        text.replace(at, entity.size(), literal);
      }
    }
  }
  std::string out;
  for (const char c : text) {
    if (c == '(') {
      out += "%28";
    } else if (c == ')') {
      out += "%29";
    } else {
      out += c;
    }
  }
  return out;
}

bool is_loopback_host(std::string_view rest) {
  for (std::string_view host : {"localhost", "127.0.0.1", "[::1]"}) {
    if (rest.starts_with(host) &&
        (rest.size() == host.size() ||
         std::string_view(":/?#").find(rest[host.size()]) != std::string_view::npos)) {
      return true;
    }
  }
  return false;
}

// https anywhere; http only on this machine (a local test server).
std::optional<Text> url_problem(const std::string& url) {
  const bool http = url.starts_with("http://");
  if (!url.starts_with("https://") && !http) {
    return Text().code(url).plain(
        " isn't a web link. Give an https:// address (http:// only for localhost).");
  }
  if (http && !is_loopback_host(std::string_view(url).substr(7))) {
    return Text("Use https:// for ")
        .code(url)
        .plain(
            ": documents travel to both organisations, and plain http:// is only for "
            "localhost.");
  }
  if (!is_safe_link(url)) {
    return Text().code(url).plain(
        " isn't a link Accord can show safely: no spaces, quotes, < > | [ ] { } or "
        "backslashes, at most 2000 characters.");
  }
  return std::nullopt;
}

std::string audience_words(const std::vector<Role>& audience) {
  if (audience.empty()) return "everyone on the project";
  return role_list(audience);
}

// "for=customer,pm": the roles, or what is wrong with them; "everyone" (or "all") for everyone.
std::variant<std::vector<Role>, Reply> read_audience(const std::string& text) {
  std::vector<Role> roles;
  std::stringstream list(lower_ascii(text));
  std::string name;
  while (std::getline(list, name, ',')) {
    name = trimmed(name);
    if (name.empty()) continue;
    if (name == "everyone" || name == "all") return std::vector<Role>{};
    const auto role = store::parse_role(name);
    if (!role) {
      std::string known;
      for (const auto each : store::all_roles()) {
        known += (known.empty() ? "" : ", ") + std::string(store::to_string(each));
      }
      return usage(Text()
                       .code(name)
                       .plain(" isn't a role. Roles: " + known + ", or ")
                       .code("for=everyone")
                       .plain(". Nothing changed."),
                   kDocAddUsage);
    }
    if (std::find(roles.begin(), roles.end(), *role) == roles.end()) roles.push_back(*role);
  }
  std::sort(roles.begin(), roles.end());  // in the order roles are always listed
  if (roles.empty()) {
    return usage(Text("Name the roles it is for, like ").code("for=customer,pm").plain("."),
                 kDocAddUsage);
  }
  return roles;
}

Reply add_document(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"for", "test", "title"}, kDocAddUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_role(context, task_writers(), "add documents")) {
    return std::move(*refusal);
  }
  const auto& project = context.bound_project();
  if (args.positional.size() < 2) {
    return usage(Text("Give the document a title and its link."), kDocAddUsage);
  }
  const auto url = normalised_url(args.positional.back().text);
  if (auto problem = url_problem(url)) return usage(std::move(*problem), kDocAddUsage);
  std::string title;
  if (const auto titled = args.options.find("title"); titled != args.options.end()) {
    title = trimmed(titled->second);
  } else {
    for (std::size_t i = 1; i + 1 < args.positional.size(); ++i) {
      title += (title.empty() ? "" : " ") + args.positional[i].text;
    }
    title = trimmed(title);
  }
  if (title.empty()) return usage(Text("Give the document a title before its link."), kDocAddUsage);
  if (character_count(title) > kMaxDocTitle) {
    return private_reply(Text("Keep the title to " + std::to_string(kMaxDocTitle) +
                              " characters. Nothing changed."));
  }
  store::Document document;
  if (const auto wanted = args.options.find("for"); wanted != args.options.end()) {
    auto audience = read_audience(wanted->second);
    if (auto* reply = std::get_if<Reply>(&audience)) return std::move(*reply);
    document.audience = std::get<std::vector<Role>>(audience);
  }
  if (const auto test = args.options.find("test"); test != args.options.end()) {
    const auto word = lower_ascii(trimmed(test->second));
    if (word != "yes" && word != "no") {
      return usage(
          Text().code("test=").plain(" is ").code("yes").plain(" or ").code("no").plain("."),
          kDocAddUsage);
    }
    document.where_to_test = word == "yes";
  }
  if (document.where_to_test && !document.audience.empty()) {
    return private_reply(Text("The document where to test is linked from every acceptance card, "
                              "which the customer, the delegates and the project channel see: "
                              "leave ")
                             .code("for=")
                             .plain(" out for it. Nothing changed."));
  }
  store::Documents documents(context.db);
  if (documents.list(project.id).size() >= kMaxDocuments) {
    return private_reply(Text("This project has " + std::to_string(kMaxDocuments) +
                              " documents, the most it may. Remove some with ")
                             .code("/accord doc remove DOC-1")
                             .plain(" first."));
  }
  const auto previous_test = document.where_to_test ? documents.where_to_test(project.id)
                                                    : std::optional<store::Document>();
  document.project_id = project.id;
  document.title = title;
  document.url = url;
  document.added_by = context.request.user;
  document.added_at = context.now;
  const auto stored = documents.add(document);
  const auto id = object_id("DOC", stored.number);
  // The log is read by everyone on the project: a document for some roles is logged by its id
  // and roles only, never its title or link.
  nlohmann::json logged = {{"for", audience_words(stored.audience)}};
  if (stored.audience.empty()) {
    logged["title"] = stored.title;
    logged["url"] = stored.url;
    logged["where_to_test"] = stored.where_to_test;
  }
  record_decision(context, "doc.add", id, "", logged.dump());

  Message message;
  message.summary = "Document " + id + ": " + stored.title;
  Text what = Text("Document ").strong(id).plain(": ").link(stored.title, stored.url);
  std::vector<Field> fields = {{"For", Text(audience_words(stored.audience))}};
  if (stored.where_to_test) {
    Text test("Yes: acceptance cards link it");
    if (previous_test) test.plain(" (instead of " + object_id("DOC", previous_test->number) + ")");
    fields.push_back({"Where to test", std::move(test)});
  }
  message.sections = {paragraph(std::move(what), std::move(fields))};
  message.note = Text("Added by ").mention(context.request.user).plain(".");
  // For everyone: the channel hears of it. For some roles: only the people holding them, each
  // privately, so nobody else learns it exists.
  if (stored.audience.empty()) {
    for (const auto& user : holders(context, store::all_roles())) refresh_home(context, user);
    return channel_reply(std::move(message));
  }
  int told = 0;
  for (const auto& user : holders(context, stored.audience)) {
    refresh_home(context, user);
    if (user == context.request.user) continue;
    notify_person(context, user, message, "doc.add:" + std::to_string(stored.id) + ":" + user);
    ++told;
  }
  message.sections.push_back(paragraph(
      Text("Only the people holding " + role_list(stored.audience) + " see it (" +
           std::to_string(told) + (told == 1 ? " person was" : " people were") + " told).")));
  return private_reply(std::move(message));
}

Reply list_documents(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, "doc list")) return std::move(*refusal);
  const auto documents = visible_documents(context, context.request.user);
  if (documents.empty()) {
    return private_reply(Text("No documents you can see yet. Add one with ")
                             .code("/accord " + std::string(kDocAddUsage))
                             .plain("."));
  }
  Message message;
  message.title = "Documents of " + context.bound_project().name;
  const auto shown = std::min(documents.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    message.sections.push_back(paragraph(document_line(documents[i])));
  }
  if (shown < documents.size()) message.note = more_rows(documents.size() - shown);
  return private_reply(std::move(message));
}

Reply remove_document(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kDocRemoveUsage)) return std::move(*refusal);
  const auto number =
      args.positional.size() == 2 ? parse_object_id("DOC", args.positional[1].text) : std::nullopt;
  if (!number) return usage(Text("Say which document, by its id."), kDocRemoveUsage);
  const auto& project = context.bound_project();
  const auto document = store::Documents(context.db).find(project.id, *number);
  const auto held = requester_roles(context);
  // One the person may not see does not exist for them.
  if (!document || !may_see_document(*document, held, context.request.user)) {
    return private_reply(Text("No document ")
                             .code(object_id("DOC", *number))
                             .plain(" you can see. ")
                             .code("/accord doc list")
                             .plain(" shows yours."));
  }
  const auto id = object_id("DOC", document->number);
  if (document->added_by != context.request.user && !holds_any(held, {Role::pm})) {
    return private_reply(
        Text("Only whoever added ")
            .strong(id)
            .plain(" (")
            .mention(document->added_by)
            .plain(") or a ")
            .strong("pm")
            .plain(" can remove it. You are: " + describe_roles(held) + ". Nothing changed."));
  }
  store::Documents(context.db).remove(document->id);
  record_decision(context, "doc.remove", id,
                  document->audience.empty()
                      ? nlohmann::json{{"title", document->title}, {"url", document->url}}.dump()
                      : nlohmann::json{{"for", audience_words(document->audience)}}.dump(),
                  "");
  const auto people = document->audience.empty() ? holders(context, store::all_roles())
                                                 : holders(context, document->audience);
  for (const auto& user : people) refresh_home(context, user);
  Text what = Text("Removed document ").strong(id).plain(": " + document->title + ".");
  if (document->audience.empty()) {
    Message message;
    message.summary = what.to_plain();
    message.sections = {paragraph(std::move(what))};
    message.note = Text("Removed by ").mention(context.request.user).plain(".");
    return channel_reply(std::move(message));
  }
  return private_reply(std::move(what));
}

Reply doc_usage() {
  return private_reply(Text("Document commands: ")
                           .code("add")
                           .plain(", ")
                           .code("list")
                           .plain(", ")
                           .code("remove")
                           .plain(". ")
                           .code("/accord help documents")
                           .plain(" explains each."));
}

}  // namespace

bool may_see_document(const store::Document& document, const std::vector<Role>& held,
                      const std::string& user) {
  return document.audience.empty() || holds_any(held, document.audience) ||
         document.added_by == user;
}

std::vector<store::Document> visible_documents(Context& context, const std::string& user) {
  const auto& project = context.bound_project();
  const auto held = store::Roles(context.db).of(project.id, user);
  auto documents = store::Documents(context.db).list(project.id);
  std::erase_if(documents, [&](const store::Document& document) {
    return !may_see_document(document, held, user);
  });
  return documents;
}

std::optional<Text> where_to_test_line(Context& context) {
  const auto document = store::Documents(context.db).where_to_test(context.bound_project().id);
  if (!document) return std::nullopt;
  return Text().strong("Where to test: ").link(document->title, document->url);
}

Text document_line(const store::Document& document) {
  Text line =
      Text().code(object_id("DOC", document.number)).plain(" ").link(document.title, document.url);
  if (!document.audience.empty()) line.plain(" \xC2\xB7 for " + role_list(document.audience));
  if (document.where_to_test) line.plain(" \xC2\xB7 ").strong("where to test");
  return line;
}

Reply doc_command(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "list" : lower_ascii(args.positional[0].text);
  if (sub == "add") return add_document(context, args);
  if (sub == "list") return list_documents(context, args);
  if (sub == "remove") return remove_document(context, args);
  return doc_usage();
}

}  // namespace accord::commands
