#include "commands/core/names.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <vector>

#include "commands/core/context.hpp"
#include "store/database.hpp"
#include "store/person_names.hpp"

namespace accord::commands {
namespace {

class Namer {
 public:
  Namer(store::Database& db, Platform shown_on) : names_(db), shown_on_(shown_on) {}

  Text operator()(const Text& text) {
    bool foreign = false;
    for (const auto& span : text.spans()) {
      foreign = foreign || (span.kind == Span::Kind::mention && other_platform(span.value));
    }
    if (!foreign) return text;
    Text out;
    for (const auto& span : text.spans()) {
      switch (span.kind) {
        case Span::Kind::plain:
          out.plain(span.value);
          break;
        case Span::Kind::strong:
          out.strong(span.value);
          break;
        case Span::Kind::code:
          out.code(span.value);
          break;
        case Span::Kind::link:
          out.link(span.value, span.target);
          break;
        case Span::Kind::mention:
          if (other_platform(span.value)) {
            out.strong(name_of(span.value));
          } else {
            out.mention(span.value);
          }
          break;
      }
    }
    return out;
  }

 private:
  bool other_platform(const std::string& user) const { return platform_of_user(user) != shown_on_; }

  const std::string& name_of(const std::string& user) {
    auto known = shown_.find(user);
    if (known != shown_.end()) return known->second;
    const Platform platform = platform_of_user(user);
    const std::string where = display_name(platform);
    const auto name = names_.find(platform, user);
    return shown_[user] = name ? *name + " (" + where + ")" : "a " + where + " member";
  }

  store::PersonNames names_;
  Platform shown_on_;
  std::map<std::string, std::string> shown_;
};

}  // namespace

Message shown_on(store::Database& db, Message message, Platform platform) {
  if (!mentions_other_platform(message, platform)) return message;
  store::Transaction tx(db);
  return name_other_platforms(db, std::move(message), platform);
}

void remember_names(store::Database& db, const Request& request, store::Timestamp now) {
  // In one order, by platform and id: on PostgreSQL two requests naming the same two people in
  // opposite orders would otherwise wait for each other's rows (a deadlock, one request lost).
  struct Named {
    const Mention* mention;  // null: the requester, whose name is saved even when known
    Platform platform;
    const std::string* user;
  };
  std::vector<Named> people{{nullptr, request.platform, &request.user}};
  for (const auto& mention : request.mentions) {
    people.push_back({&mention, mention.platform, &mention.user});
  }
  std::sort(people.begin(), people.end(), [](const Named& a, const Named& b) {
    return std::tie(a.platform, *a.user) < std::tie(b.platform, *b.user);
  });
  store::PersonNames names(db);
  for (const auto& person : people) {
    if (person.mention == nullptr) {
      names.save(request.platform, request.user, request.user_name, now);
    } else {
      names.save_if_unknown(person.platform, *person.user, person.mention->name, now);
    }
  }
}

bool mentions_other_platform(const Message& message, Platform shown_on) {
  const auto in = [&](const Text& text) {
    for (const auto& span : text.spans()) {
      if (span.kind == Span::Kind::mention && platform_of_user(span.value) != shown_on) {
        return true;
      }
    }
    return false;
  };
  for (const auto& section : message.sections) {
    if (in(section.text)) return true;
    for (const auto& field : section.fields) {
      if (in(field.value)) return true;
    }
  }
  return in(message.note);
}

Message name_other_platforms(store::Database& db, Message message, Platform shown_on) {
  Namer namer(db, shown_on);
  for (auto& section : message.sections) {
    section.text = namer(section.text);
    for (auto& field : section.fields) field.value = namer(field.value);
  }
  message.note = namer(message.note);
  return message;
}

}  // namespace accord::commands
