#include "bot/teams/jwt.hpp"

#include <cstdint>
#include <set>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace accord::bot::teams {
namespace {

template <typename T, void (*Free)(T*)>
struct OpenSslDeleter {
  void operator()(T* handle) const { Free(handle); }
};
using BigNum = std::unique_ptr<BIGNUM, OpenSslDeleter<BIGNUM, BN_free>>;
using ParamBuilder =
    std::unique_ptr<OSSL_PARAM_BLD, OpenSslDeleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, OpenSslDeleter<OSSL_PARAM, OSSL_PARAM_free>>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// A JSON object whose objects, at every depth, name each member once: with duplicates, which of
// two "alg" values counts would depend on the parser, so such a token is refused.
std::optional<nlohmann::json> parse_json_object(std::string_view text) {
  using Event = nlohmann::json::parse_event_t;
  std::vector<std::set<std::string>> member_names;
  bool duplicated = false;
  auto check = [&](int /*depth*/, Event event, nlohmann::json& parsed) {
    if (event == Event::object_start) {
      member_names.emplace_back();
    } else if (event == Event::object_end) {
      if (!member_names.empty()) member_names.pop_back();
    } else if (event == Event::key && !member_names.empty()) {
      if (!member_names.back().insert(parsed.get<std::string>()).second) duplicated = true;
    }
    return true;
  };
  auto value = nlohmann::json::parse(text.begin(), text.end(), check, /*allow_exceptions=*/false);
  if (duplicated || value.is_discarded() || !value.is_object()) return std::nullopt;
  return value;
}

BigNum to_bignum(const std::string& big_endian) {
  return BigNum(BN_bin2bn(reinterpret_cast<const unsigned char*>(big_endian.data()),
                          static_cast<int>(big_endian.size()), nullptr));
}

}  // namespace

std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;  // 6 bits cannot end a byte
  std::string bytes;
  bytes.reserve(text.size() / 4 * 3 + 2);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int value = sextet(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((buffer >> bits) & 0xffu));
      buffer &= (1u << bits) - 1u;
    }
  }
  // Non-zero leftover bits mean a second spelling of the same bytes; accept only the canonical one.
  if (buffer != 0) return std::nullopt;
  return bytes;
}

JwsParse parse_compact_jws(std::string_view token) {
  JwsParse result;
  if (token.empty()) {
    result.error = "empty token";
    return result;
  }
  if (token.size() > kMaxTokenLength) {
    result.error = "token too long";
    return result;
  }
  const auto first_dot = token.find('.');
  const auto second_dot =
      first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos ||
      token.find('.', second_dot + 1) != std::string_view::npos) {
    result.error = "token is not three dot-separated parts";
    return result;
  }
  const auto header_part = token.substr(0, first_dot);
  const auto payload_part = token.substr(first_dot + 1, second_dot - first_dot - 1);
  const auto signature_part = token.substr(second_dot + 1);

  const auto header_text = base64url_decode(header_part);
  const auto payload_text = base64url_decode(payload_part);
  auto signature = base64url_decode(signature_part);
  if (!header_text || !payload_text || !signature) {
    result.error = "token part is not base64url";
    return result;
  }
  auto header = parse_json_object(*header_text);
  if (!header) {
    result.error = "token header is not a JSON object";
    return result;
  }
  auto payload = parse_json_object(*payload_text);
  if (!payload) {
    result.error = "token payload is not a JSON object";
    return result;
  }
  result.jws = CompactJws{std::move(*header), std::move(*payload),
                          std::string(token.substr(0, second_dot)), std::move(*signature)};
  return result;
}

PublicKey rsa_public_key_from_jwk(std::string_view n, std::string_view e) {
  const auto modulus_bytes = base64url_decode(n);
  const auto exponent_bytes = base64url_decode(e);
  if (!modulus_bytes || !exponent_bytes || modulus_bytes->empty() || exponent_bytes->empty())
    return {};
  const BigNum modulus = to_bignum(*modulus_bytes);
  const BigNum exponent = to_bignum(*exponent_bytes);
  if (!modulus || !exponent) return {};
  if (BN_num_bits(modulus.get()) < kMinRsaModulusBits) return {};
  if (!BN_is_odd(exponent.get()) || BN_is_one(exponent.get())) return {};

  const ParamBuilder builder(OSSL_PARAM_BLD_new());
  if (!builder ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1)
    return {};
  const Params params(OSSL_PARAM_BLD_to_param(builder.get()));
  const KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1) return {};
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) return {};
  return PublicKey(key, EVP_PKEY_free);
}

bool verify_rs256(const PublicKey& key, std::string_view signing_input,
                  std::string_view signature) {
  if (!key) return false;
  // PKCS#1 v1.5 signatures are exactly as long as the modulus.
  if (signature.size() != static_cast<std::size_t>(EVP_PKEY_get_size(key.get()))) return false;
  const DigestContext context(EVP_MD_CTX_new());
  if (!context ||
      EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
    return false;
  return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()),
                          signing_input.size()) == 1;
}

}  // namespace accord::bot::teams
