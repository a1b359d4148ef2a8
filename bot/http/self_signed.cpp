#include "bot/http/self_signed.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include <sys/stat.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace accord::bot::http {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct FileClose {
  void operator()(FILE* file) const { std::fclose(file); }
};

void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("cannot create certificate: ") + what);
}

void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  if (!extension) throw std::runtime_error("cannot create certificate extension");
  X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
}

std::unique_ptr<FILE, FileClose> open_for_write(const std::string& path, mode_t mode) {
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  const mode_t previous = umask(static_cast<mode_t>(~mode & 0777));
  std::unique_ptr<FILE, FileClose> file(std::fopen(path.c_str(), "wb"));
  umask(previous);
  if (!file) throw std::runtime_error("cannot write '" + path + "'");
  return file;
}

}  // namespace

bool ensure_self_signed_certificate(const std::string& cert_path, const std::string& key_path) {
  if (std::filesystem::exists(cert_path)) return false;

  std::unique_ptr<EVP_PKEY, KeyFree> key(EVP_EC_gen("P-256"));
  if (!key) throw std::runtime_error("cannot generate a TLS key");

  std::unique_ptr<X509, CertFree> cert(X509_new());
  check(X509_set_version(cert.get(), 2), "version");
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(std::time(nullptr)));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * 825);
  check(X509_set_pubkey(cert.get(), key.get()), "public key");

  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Accord (self-signed)"), -1, -1,
                             0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  check(X509_set_issuer_name(cert.get(), name), "issuer");

  add_extension(cert.get(), NID_subject_alt_name, "IP:127.0.0.1,IP:::1,DNS:localhost");
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
  add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign");
  add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) {
    throw std::runtime_error("cannot sign the certificate");
  }

  {
    auto key_file = open_for_write(key_path, 0600);
    check(PEM_write_PrivateKey(key_file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr),
          "write key");
  }
  auto cert_file = open_for_write(cert_path, 0644);
  check(PEM_write_X509(cert_file.get(), cert.get()), "write certificate");
  return true;
}

}  // namespace accord::bot::http
