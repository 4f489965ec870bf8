#pragma once

// Passwords and secrets through libsodium: Argon2id password hashes, random tokens, token digests. Nothing
// here is home-made cryptography; it only chooses libsodium's functions and parameters.

#include <cstddef>
#include <string>
#include <string_view>

#include "nrs/result.h"

namespace nrs::app {

// A password hash in libsodium's encoded form ("$argon2id$v=19$m=65536,t=2,p=1$…"), with the "interactive"
// limits libsodium recommends for sign-in (64 MiB, 2 passes: about 0.1 s on one core). Errors: kInternal when
// the memory cannot be had.
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash`. A malformed hash never matches.
bool VerifyPassword(std::string_view hash, std::string_view password);

// True when `hash` was made with other limits than HashPassword uses now (so it should be replaced at the next
// successful sign-in).
bool NeedsRehash(std::string_view hash);

// `bytes` random bytes as unpadded base64url (43 characters for 32 bytes).
std::string RandomToken(std::size_t bytes = 32);

// A password for people to type: 4 groups of 4 characters from 32 unambiguous letters and digits, joined
// by '-' (80 bits).
std::string GeneratePassword();

// The BLAKE2b-256 digest of `token` in hex: what the database keeps instead of a session token.
std::string TokenDigest(std::string_view token);

}  // namespace nrs::app
