#include "bot/slack/oauth_client.hpp"

#include <openssl/evp.h>
#include <nlohmann/json.hpp>

#include "bot/http/form.hpp"
#include "bot/json_fields.hpp"
#include "bot/slack/web_api.hpp"

namespace accord::bot::slack {
namespace {

std::string base64(const std::string& text) {
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()),
                                      static_cast<int>(text.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

OAuthGrant read_grant(const nlohmann::json& body) {
  OAuthGrant grant;
  grant.access_token = json_string(body, "access_token");
  grant.refresh_token = json_string(body, "refresh_token");
  if (const auto expires = body.find("expires_in");
      expires != body.end() && expires->is_number_integer() && expires->get<long long>() > 0) {
    grant.expires_in = std::chrono::seconds(expires->get<long long>());
  }
  grant.scope = json_string(body, "scope");
  grant.bot_user_id = json_string(body, "bot_user_id");
  grant.app_id = json_string(body, "app_id");
  grant.team_id = nested_id(body, "team");
  if (const auto team = body.find("team"); team != body.end()) {
    grant.team_name = json_string(*team, "name");
  }
  grant.enterprise_id = nested_id(body, "enterprise");
  if (const auto org = body.find("is_enterprise_install"); org != body.end() && org->is_boolean()) {
    grant.enterprise_install = org->get<bool>();
  }
  grant.installer = nested_id(body, "authed_user");
  return grant;
}

}  // namespace

OAuthClient::OAuthClient(http::ClientOptions client_options, std::string api_base,
                         std::string client_id, std::string client_secret)
    : client_options_(std::move(client_options)),
      basic_credentials_("Basic " + base64(client_id + ":" + client_secret)) {
  while (!api_base.empty() && api_base.back() == '/') api_base.pop_back();
  url_ = api_base + "/oauth.v2.access";
}

OAuthResult OAuthClient::exchange_code(const std::string& code, const std::string& redirect_uri) {
  return post("code=" + http::form_encode(code) +
              "&redirect_uri=" + http::form_encode(redirect_uri));
}

OAuthResult OAuthClient::refresh(const std::string& refresh_token) {
  return post("grant_type=refresh_token&refresh_token=" + http::form_encode(refresh_token));
}

OAuthResult OAuthClient::post(const std::string& form) {
  http::ClientRequest request;
  request.url = url_;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Authorization", basic_credentials_}};
  request.body = form;
  OAuthResult result;
  http::ClientResponse response;
  try {
    http::HttpClient client(client_options_);
    response = client.perform(request);
  } catch (const std::exception& error) {
    result.error = error.what();  // names the host and the step only
    result.transient = true;
    return result;
  }
  if (response.status == 429 || response.status >= 500) {
    result.error = "HTTP " + std::to_string(response.status);
    result.transient = true;
    return result;
  }
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (!body.is_object()) {
    result.error = "unreadable response (HTTP " + std::to_string(response.status) + ")";
    result.transient = true;
    return result;
  }
  const auto ok = body.find("ok");
  if (ok == body.end() || !ok->is_boolean() || !ok->get<bool>()) {
    result.error = json_string(body, "error");
    if (result.error.empty()) result.error = "unknown_error";
    result.transient = is_transient_slack_error(result.error);
    return result;
  }
  OAuthGrant grant = read_grant(body);
  if (grant.access_token.empty()) {
    result.error = "the response carries no access_token";
    return result;
  }
  result.grant = std::move(grant);
  return result;
}

}  // namespace accord::bot::slack
