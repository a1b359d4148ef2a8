#include "commands/project/link_commands.hpp"

#include <charconv>
#include <chrono>

#include <date/date.h>

#include "commands/project/role_commands.hpp"
#include "store/link_codes.hpp"

namespace accord::commands {
namespace {

using store::Role;

constexpr std::string_view kLinkUsage = "link <role> | link <code> | link list";
constexpr std::string_view kUnlinkUsage = "unlink <home number>";
constexpr auto kCodeLifetime = std::chrono::hours(24);

Text home_place(const store::Home& home) {
  const auto platform = home.platform;
  return Text(std::string(display_name(platform)) +
              (platform == Platform::teams ? " conversation " : " channel "))
      .code(home.channel);
}

// Only the pm makes codes and unlinks homes; everyone on the project reads the list.
std::optional<Reply> refuse_unless_pm(Context& context, std::string_view what) {
  const auto held = requester_roles(context);
  if (holds_any(held, {Role::pm})) return std::nullopt;
  return private_reply(
      Text("Only the project's ")
          .strong("pm")
          .plain(" can " + std::string(what) + ". You are: " + describe_roles(held) + "."));
}

Reply make_code(Context& context, Role role) {
  if (auto refusal = refuse_unless_pm(context, "make a link code")) return std::move(*refusal);
  if (role == Role::leadership) {
    return private_reply(Text("A link code can't give ")
                             .strong("leadership")
                             .plain(": leadership is added by leadership. Choose another role."));
  }
  const auto& project = context.bound_project();
  if (store::Homes(context.db).of(project.id).size() >= store::kMaxHomes) {
    return private_reply(Text(project.name + " already has " + std::to_string(store::kMaxHomes) +
                              " homes, the most a project can have. ")
                             .code("/accord unlink <home number>")
                             .plain(" removes one."));
  }
  const auto code = store::new_link_code();
  store::LinkCode link;
  link.project_id = project.id;
  link.role = std::string(store::to_string(role));
  link.created_by = context.request.user;
  link.created_at = context.now;
  link.expires_at = context.now + kCodeLifetime;
  store::LinkCodes(context.db).create(code, link);
  record_decision(context, "link.code", link.role, "", "expires in 24 hours");

  Message message;
  message.title = "Link code for " + project.name;
  message.summary = "A link code for " + project.name + " (" + link.role + ")";
  message.sections = {
      paragraph(Text("Code: ").code(code)),
      paragraph(Text("Send it to the person who will be ")
                    .strong(link.role)
                    .plain(" in the other organisation. In their own Teams channel or chat, they "
                           "type ")
                    .code("@Accord link " + code)
                    .plain("; in a Slack channel of their workspace, ")
                    .code("/accord link " + code)
                    .plain(". That conversation becomes a home of ")
                    .strong(project.name)
                    .plain(" and they become " + link.role + ".")),
  };
  message.note =
      Text("It works once, within 24 hours. Keep it private: whoever redeems it gets the role.");
  return private_reply(std::move(message));
}

Reply redeem(Context& context, const std::string& typed) {
  if (context.project) {
    return private_reply(Text("This conversation already is a home of ")
                             .strong(context.project->name)
                             .plain(". Redeem the code in the other organisation's own channel "
                                    "or chat."));
  }
  store::LinkCodes codes(context.db);
  const auto link = codes.find(typed);
  const auto ask_again =
      Text(" Ask the project's pm for a new one: they type ").code("/accord link <role>");
  if (!link) {
    return private_reply(
        Text("I don't know the link code ").code(typed).plain(".").append(ask_again).plain("."));
  }
  if (link->used_at) {
    return private_reply(
        Text("That link code has been used already.").append(ask_again).plain("."));
  }
  if (link->expires_at <= context.now) {
    return private_reply(
        Text("That link code has expired (codes work for 24 hours).").append(ask_again).plain("."));
  }
  const auto project = store::Projects(context.db).find(link->project_id);
  const auto role = store::parse_role(link->role);
  if (!project || !role)
    return private_reply(Text("That link code no longer works.").append(ask_again));
  context.project = *project;
  store::Homes homes(context.db);
  if (homes.of(project->id).size() >= store::kMaxHomes) {
    return private_reply(Text(project->name + " already has the most homes a project can have (" +
                              std::to_string(store::kMaxHomes) +
                              "). Ask its pm to unlink one first."));
  }
  store::Home home;
  home.project_id = project->id;
  home.platform = context.request.platform;
  home.workspace = context.request.workspace;
  home.channel = context.request.channel;
  home.linked_by = context.request.user;
  home.linked_at = context.now;
  const auto added = homes.add(home);
  if (!added || !codes.use(typed, context.request.user, context.now)) {
    return private_reply(
        Text("That link code has been used already.").append(ask_again).plain("."));
  }

  store::Roles roles(context.db);
  const auto before = roles.of(project->id, context.request.user);
  roles.grant(project->id, context.request.user, *role, link->created_by, context.now);
  welcome_member(context, context.request.user, *role);
  record_decision(context, "project.link", store::platform_name(context.request.platform), "",
                  home.workspace + " " + home.channel);
  record_decision(context, "role.add", context.request.user, role_list(before),
                  role_list(roles.of(project->id, context.request.user)));

  Message announcement;
  announcement.summary = project->name + " is linked with another " +
                         display_name(context.request.platform) + " conversation";
  announcement.sections = {paragraph(
      Text()
          .strong(project->name)
          .plain(" now has a home here and in its other homes (")
          .append(home_place(*added))
          .plain(" was linked by ")
          .mention(context.request.user)
          .plain(", who joins as ")
          .strong(link->role)
          .plain("). Announcements go to every home; cards and reminders reach each person "
                 "privately, on their own platform."))};
  announcement.note = Text("").code("/accord link list").plain(" shows the homes.");
  notify_channel(context, announcement, "link:" + std::to_string(added->id));
  return private_reply(Text("Linked: this conversation is now a home of ")
                           .strong(project->name)
                           .plain(", and you are its ")
                           .strong(link->role)
                           .plain(". Type ")
                           .code("@Accord help")
                           .plain(" to see what you can do."));
}

Reply list_homes(Context& context) {
  const auto& project = context.bound_project();
  Message message;
  message.title = "Homes of " + project.name;
  const auto homes = store::Homes(context.db).of(project.id);
  int number = 0;
  for (const auto& home : homes) {
    Text line = Text(std::to_string(++number) + ". ").append(home_place(home));
    if (home.platform == context.request.platform && home.workspace == context.request.workspace &&
        home.channel == context.request.channel) {
      line.plain(" (here)");
    }
    if (number == 1) {
      line.plain(", set up by ").append(actor_text(home.linked_by));
    } else {
      line.plain(", linked by ").append(actor_text(home.linked_by));
    }
    line.plain(" on " + date::format("%F", std::chrono::floor<std::chrono::days>(home.linked_at)));
    message.sections.push_back(paragraph(std::move(line)));
  }
  message.note = Text("The pm links another with ")
                     .code("/accord link <role>")
                     .plain(" and removes one with ")
                     .code("/accord " + std::string(kUnlinkUsage))
                     .plain(".");
  return private_reply(std::move(message));
}

}  // namespace

Reply link_command(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {}, kLinkUsage)) return std::move(*refusal);
  if (args.positional.size() != 1) {
    return usage(Text("Name a role to make a link code, or give the code you were sent."),
                 kLinkUsage);
  }
  const auto word = args.positional[0].text;
  const auto lower = lower_ascii(word);
  const auto role = store::parse_role(lower);
  if (lower == "list" || role) {
    if (!context.project) return refuse(UserError::no_project);
    if (requester_roles(context).empty()) {
      return private_reply(Text("Only the project's team can use Accord in this channel."));
    }
    return role ? make_code(context, *role) : list_homes(context);
  }
  return redeem(context, word);
}

Reply unlink_command(Context& context, const CommandLine& args) {
  if (auto refusal = reject_unknown_options(args, {"confirm"}, kUnlinkUsage)) {
    return std::move(*refusal);
  }
  if (auto refusal = refuse_unless_pm(context, "unlink a home")) return std::move(*refusal);
  const auto& project = context.bound_project();
  store::Homes homes(context.db);
  const auto all = homes.of(project.id);
  std::size_t number = 0;
  if (args.positional.size() == 1) {
    const auto& word = args.positional[0].text;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), number);
    if (ec != std::errc() || end != word.data() + word.size()) number = 0;
  }
  if (number == 0 || number > all.size()) {
    return usage(Text("Give the home's number from ").code("/accord link list").plain("."),
                 kUnlinkUsage);
  }
  if (number == 1) {
    return private_reply(Text("Home 1 is where ")
                             .strong(project.name)
                             .plain(" was set up; it stays. You can unlink the others (")
                             .code("/accord link list")
                             .plain(")."));
  }
  const auto& home = all[number - 1];
  const auto confirm = args.options.find("confirm");
  if (confirm == args.options.end() || lower_ascii(confirm->second) != "yes") {
    Message message;
    message.summary = "Unlink a home of " + project.name + "?";
    message.sections = {paragraph(Text("Unlink ")
                                      .append(home_place(home))
                                      .plain(" from ")
                                      .strong(project.name)
                                      .plain("? Accord stops posting there and stops answering "
                                             "commands there for this project. People keep their "
                                             "roles; the pm removes those with ")
                                      .code("/accord role remove")
                                      .plain("."))};
    message.buttons = {command_button(
        "Unlink", "unlink " + std::to_string(number) + " confirm=yes" + project_option(project))};
    message.buttons.back().style = ButtonStyle::danger;
    return private_reply(std::move(message));
  }
  Message announcement;
  announcement.summary = home_place(home).to_plain() + " is no longer a home of " + project.name;
  announcement.sections = {paragraph(Text()
                                         .append(home_place(home))
                                         .plain(" is no longer a home of ")
                                         .strong(project.name)
                                         .plain(" (unlinked by ")
                                         .mention(context.request.user)
                                         .plain(")."))};
  // Said in every home, the one leaving included, before it goes.
  notify_channel(context, announcement, "unlink:" + std::to_string(home.id));
  homes.remove(project.id, home.id);
  record_decision(context, "project.unlink", store::platform_name(home.platform),
                  home.workspace + " " + home.channel, "");
  return private_reply(Text("Unlinked ").append(home_place(home)).plain("."));
}

}  // namespace accord::commands
