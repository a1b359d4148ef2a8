#include "commands/project/role_commands.hpp"

#include <algorithm>
#include <utility>
#include <variant>

#include "commands/project/digest.hpp"
#include "commands/time/availability.hpp"

namespace accord::commands {
namespace {

using store::Role;

constexpr std::string_view kRoleAddUsage = "role add @person <role>";
constexpr std::string_view kRemoveUsage = "role remove @person <role>";

struct RoleChange {
  bool adding = true;
  std::string user;
  Role role = Role::dev;
};

Text valid_roles() {
  Text text("Roles:");
  for (auto role : store::all_roles()) text.plain(" ").code(std::string(store::to_string(role)));
  return text.plain(".");
}

// Reads "<add|remove> @person <role>", also accepting the role before the person.
std::variant<RoleChange, Reply> read_change(const CommandLine& args) {
  const bool adding = lower_ascii(args.positional[0].text) == "add";
  const auto usage_line = adding ? kRoleAddUsage : kRemoveUsage;
  if (auto refusal = reject_unknown_options(args, {}, usage_line)) return *refusal;
  if (args.positional.size() != 3) {
    return usage(Text("Tell me who and which role."), usage_line);
  }
  const Token* person = &args.positional[1];
  const Token* role_word = &args.positional[2];
  if (!person->is_mention() && role_word->is_mention()) std::swap(person, role_word);
  if (!person->is_mention()) {
    return usage(Text("Mention the person with @ so I know exactly who you mean (")
                     .code(person->text)
                     .plain(" isn't a mention)."),
                 usage_line);
  }
  auto role = store::parse_role(lower_ascii(role_word->text));
  if (!role) {
    return private_reply(
        Text().code(role_word->text).plain(" isn't a role. ").append(valid_roles()));
  }
  return RoleChange{adding, person->user_id, *role};
}

// Leadership hears the reports about the pm, so it is not the pm's to give or take; nor is pm
// for someone in leadership, as no pm sees those reports.
bool needs_leadership(Context& context, const RoleChange& change) {
  if (change.role == Role::leadership) return true;
  return change.role == Role::pm && change.adding &&
         store::Roles(context.db).has(context.bound_project().id, change.user, Role::leadership);
}

std::optional<Reply> refuse_unless_permitted(Context& context, const RoleChange& change) {
  const auto held = requester_roles(context);
  if (needs_leadership(context, change)) {
    if (holds_any(held, {Role::leadership})) return std::nullopt;
    const std::string what = change.role == Role::leadership
                                 ? std::string(change.adding ? "add" : "remove") + " leadership"
                                 : "make someone in leadership pm";
    return private_reply(Text("Only ")
                             .strong("leadership")
                             .plain(" can " + what + ". You are: " + describe_roles(held) + ". ")
                             .append(how_to_add(context.bound_project(), Role::leadership)));
  }
  if (holds_any(held, {Role::pm})) return std::nullopt;
  if (change.role == Role::delegate && holds_any(held, {Role::customer})) return std::nullopt;
  const auto verb = change.adding ? "add" : "remove";
  const auto customer_part = change.adding ? " (a customer can appoint a delegate)"
                                           : " (a customer can remove a delegate)";
  return private_reply(Text("Only the project's ")
                           .strong("pm")
                           .plain(std::string(" can ") + verb + " roles" + customer_part +
                                  ". You are: " + describe_roles(held) + "."));
}

Message notification(const Context& context, const RoleChange& change) {
  const auto& project = context.bound_project().name;
  const std::string role(store::to_string(change.role));
  Message message;
  if (change.adding) {
    message.summary = "You're now " + role + " in " + project;
    message.sections = {
        paragraph(Text("You've been added to ")
                      .strong(project)
                      .plain(" as ")
                      .strong(role)
                      .plain(" by ")
                      .append(actor_text(context.request.user))
                      .plain(".")),
        paragraph(Text("As " + role + ": ").plain(std::string(role_duties(change.role)))),
    };
    message.note = Text("Type ").code("/accord help").plain(" in the project's channel to start.");
  } else {
    message.summary = "Your " + role + " role in " + project + " was removed";
    message.sections = {paragraph(Text("Your ")
                                      .strong(role)
                                      .plain(" role in ")
                                      .strong(project)
                                      .plain(" was removed by ")
                                      .append(actor_text(context.request.user))
                                      .plain("."))};
  }
  return message;
}

Reply apply(Context& context, const RoleChange& change) {
  const auto& project = context.bound_project();
  store::Roles roles(context.db);
  const std::string role(store::to_string(change.role));
  const auto before = roles.of(project.id, change.user);

  if (change.adding) {
    if (!roles.grant(project.id, change.user, change.role, context.request.user, context.now)) {
      return private_reply(Text()
                               .mention(change.user)
                               .plain(" already holds the " + role + " role in ")
                               .strong(project.name)
                               .plain("."));
    }
    welcome_member(context, change.user, change.role);
  } else {
    if (change.role == Role::pm && roles.has(project.id, change.user, Role::pm) &&
        roles.count(project.id, Role::pm) == 1) {
      return private_reply(Text()
                               .mention(change.user)
                               .plain(" is the only pm, and a project needs at least one pm. "
                                      "Add another pm first."));
    }
    if (!roles.revoke(project.id, change.user, change.role, context.now)) {
      return private_reply(Text()
                               .mention(change.user)
                               .plain(" doesn't hold the " + role + " role in ")
                               .strong(project.name)
                               .plain("."));
    }
  }

  const auto after = roles.of(project.id, change.user);
  const auto decision = record_decision(context, change.adding ? "role.add" : "role.remove",
                                        change.user, role_list(before), role_list(after));
  const bool tell = change.user != context.request.user;
  if (tell) {
    notify_person(context, change.user, notification(context, change),
                  "decision:" + std::to_string(decision) + ":notify");
  }
  Text done = change.adding ? Text("Added ").mention(change.user).plain(" as ").strong(role)
                            : Text("Removed ").strong(role).plain(" from ").mention(change.user);
  done.plain(" in ").strong(project.name).plain(".");
  if (tell) done.plain(" I've let them know.");
  return private_reply(std::move(done));
}

}  // namespace

void welcome_member(Context& context, const std::string& user, Role role) {
  // Reached where they were mentioned (or redeemed a link code); added by the operator, in the
  // home of their platform (reach_of works that out).
  if (context.request.user != kSystemActor) {
    store::Homes(context.db)
        .set_reach(context.bound_project().id, user,
                   {context.request.platform, context.request.workspace});
  }
  refresh_profile(context, user);
  // A new approver hears of what already waits at their next morning.
  if (role == Role::customer || role == Role::delegate) schedule_digest(context, user);
}

Text how_to_add(const store::Project& project, Role role) {
  const std::string name(store::to_string(role));
  if (role != Role::leadership) {
    return Text("The pm adds one with ").code("/accord role add @person " + name).plain(".");
  }
  return Text(
             "Leadership is added by leadership; for a project with none, by whoever runs the "
             "Accord server: ")
      .code("accord role grant-leadership --project " + std::to_string(project.id) +
            " --user <user id>")
      .plain(".");
}

OperatorOutcome change_leadership_as_operator(store::Database& db, std::int64_t project_id,
                                              const std::string& user, bool grant,
                                              store::Timestamp now) {
  return change_role_as_operator(db, project_id, user, Role::leadership, grant, now);
}

OperatorOutcome change_role_as_operator(store::Database& db, std::int64_t project_id,
                                        const std::string& user, store::Role role, bool grant,
                                        store::Timestamp now) {
  store::Transaction transaction(db);
  auto project = store::Projects(db).find(project_id);
  if (!project) return {false, "there is no project " + std::to_string(project_id) + "."};
  SystemContext system(db, *project, now);
  auto& context = system.context;
  store::Roles roles(db);
  const bool before = roles.has(project->id, user, role);
  const auto reply = apply(context, RoleChange{grant, user, role});
  const bool changed = roles.has(project->id, user, role) != before;
  transaction.commit();
  std::string said;
  for (const auto& section : reply.message.sections) said += section.text.to_plain();
  return {changed, said};
}

std::string_view role_duties(Role role) {
  switch (role) {
    case Role::customer:
      return "sets priorities, approves roadmap changes, accepts or rejects work, decides "
             "proposals and may appoint a delegate.";
    case Role::delegate:
      return "decides on the customer's behalf, except appointing delegates.";
    case Role::sponsor:
      return "hears about stalled customer decisions; read-only otherwise.";
    case Role::pm:
      return "sets up the project, manages roles (not leadership), proposes roadmap changes and "
             "runs sprints and demos.";
    case Role::lead:
      return "proposes roadmap changes, splits and estimates tasks, marks them done and hears "
             "about performance problems.";
    case Role::dev:
    case Role::qa:
      return "adds, splits and estimates tasks, marks them done, gives demo feedback.";
    case Role::leadership:
      return "the contractor's top management: hears escalations and problems with the pm.";
  }
  return "";
}

Reply change_role(Context& context, const CommandLine& args) {
  const auto sub = args.positional.empty() ? "" : lower_ascii(args.positional[0].text);
  if (sub == "list") return list_roles(context, CommandLine{});
  if (sub != "add" && sub != "remove") {
    return private_reply(Text("Usage: ")
                             .code("/accord " + std::string(kRoleAddUsage))
                             .plain(" or ")
                             .code("/accord " + std::string(kRemoveUsage))
                             .plain(". ")
                             .append(valid_roles()));
  }
  auto change = read_change(args);
  if (auto* reply = std::get_if<Reply>(&change)) return std::move(*reply);
  const auto& wanted = std::get<RoleChange>(change);
  if (wanted.adding && platform_of_user(wanted.user) != context.request.platform) {
    // A mention is always of someone on the platform it was typed on: this one was typed.
    return private_reply(Text("That isn't a mention of someone here. People are added from a home "
                              "on their own platform: in ")
                             .strong(display_name(platform_of_user(wanted.user)))
                             .plain(", type ")
                             .code("@Accord role add @person <role>")
                             .plain(" there (")
                             .code("/accord link list")
                             .plain(" shows the project's homes)."));
  }
  if (auto refusal = refuse_unless_permitted(context, wanted)) return std::move(*refusal);
  return apply(context, wanted);
}

Reply list_roles(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, "roles")) return std::move(*refusal);
  const auto& project = context.bound_project();
  const auto members = store::Roles(context.db).list(project.id);
  Message message;
  message.title = "Roles in " + project.name;
  // Members come sorted by role: a paragraph per role.
  const auto shown = std::min(members.size(), kMaxListRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& member = members[i];
    if (i == 0 || members[i - 1].role != member.role) {
      message.sections.push_back(
          paragraph(Text().strong(std::string(store::to_string(member.role))).plain(": ")));
    } else {
      message.sections.back().text.plain(", ");
    }
    // Someone of the other organisation's platform is named with it where this is shown
    // (commands/core/names.hpp).
    message.sections.back().text.mention(member.user);
    if (const auto note = availability_note(context.db, project, member.user); !note.empty()) {
      message.sections.back().text.plain(" (" + note + ")");
    }
  }
  if (shown < members.size()) {
    message.note = more_rows(members.size() - shown);
  } else if (std::none_of(members.begin(), members.end(),
                          [](const auto& member) { return member.role == Role::customer; })) {
    message.note = Text("No customer yet. The pm adds one with ")
                       .code("/accord role add @person customer")
                       .plain(".");
  }
  return private_reply(std::move(message));
}

}  // namespace accord::commands
