// The project page as HTML (DESIGN §3.9): server-rendered, no script, styles in one inline block
// whose hash the Content-Security-Policy names, charts as inline SVG. Every text of the neutral
// model is escaped; only a link that passes is_safe_link becomes an <a>.
#pragma once

#include <string>

#include "commands/project/project_page.hpp"

namespace accord::bot::page {

// The Content-Security-Policy every page answer carries: nothing loads from anywhere, the one
// style block is allowed by its hash, pictures only as data: URIs, and no framing.
const std::string& content_security_policy();

std::string render_page(const commands::ProjectPage& page);
// A short page that says why the project is not shown (an expired link, a used one) and what
// to do instead.
std::string render_notice(const std::string& title, const std::string& text);
// What a fresh link shows: a button that opens the page (a POST to the same address), so a link
// checker or preview that fetches the link does not use it up.
std::string render_landing(const std::string& project_hint);

}  // namespace accord::bot::page
