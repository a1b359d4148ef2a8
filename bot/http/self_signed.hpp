// A self-signed certificate for first starts without one: P-256 key, valid for 127.0.0.1, ::1
// and localhost, written with the key readable only by its owner.
#pragma once

#include <string>

namespace accord::bot::http {

// Creates cert and key files if the certificate file does not exist yet. Returns true when it
// created them. Throws std::runtime_error on failure.
bool ensure_self_signed_certificate(const std::string& cert_path, const std::string& key_path);

}  // namespace accord::bot::http
