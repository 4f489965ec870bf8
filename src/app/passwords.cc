#include "app/passwords.h"

#include <sodium.h>

#include <array>
#include <cstdlib>
#include <vector>

namespace nrs::app {
namespace {

// sodium_init is thread-safe and idempotent; it fails only when the system has no source of randomness, when
// nothing here could be done safely.
void EnsureSodium() {
  static const bool kReady = [] { return sodium_init() >= 0; }();
  if (!kReady) std::abort();
}

constexpr auto kOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr auto kMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kOps, kMem, crypto_pwhash_ALG_ARGON2ID13) !=
      0) {
    return Status::Internal("hashing the password failed: not enough memory for Argon2id");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  // libsodium reads the hash as a C string of at most STRBYTES.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string terminated(hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), kOps, kMem) != 0;
}

std::string RandomToken(std::size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string GeneratePassword() {
  EnsureSodium();
  // No 0/O, 1/l/I, or vowels that spell words by accident.
  constexpr std::string_view kAlphabet = "23456789bcdfghjkmnpqrstvwxzBCDFG";
  std::string password;
  for (int group = 0; group < 4; ++group) {
    if (group > 0) password += '-';
    for (int i = 0; i < 4; ++i) {
      password += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
    }
  }
  return password;
}

std::string TokenDigest(std::string_view token) {
  EnsureSodium();
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

}  // namespace nrs::app
