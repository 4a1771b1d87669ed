// The OpenSSL 3 surface kubemint uses, plus inline shims for what Swift cannot call
// directly (function-like macros). Only KubeMintCrypto imports this module.
#ifndef KUBEMINT_COPENSSL_SHIM_H
#define KUBEMINT_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>

/// OPENSSL_free is a macro; this is the function form Swift can call.
static inline void kubemint_openssl_free(void *ptr) { OPENSSL_free(ptr); }

/// BIO_get_mem_data is a macro over BIO_ctrl.
static inline long kubemint_bio_get_mem_data(BIO *bio, char **out) { return BIO_get_mem_data(bio, out); }

/// EVP_PKEY_PUBLIC_KEY / EVP_PKEY_KEYPAIR are composite macros; these are their values.
static inline int kubemint_selection_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }

/// EVP_PKEY_RSA and EVP_PKEY_EC are macro aliases of NIDs.
static inline int kubemint_pkey_rsa(void) { return EVP_PKEY_RSA; }
static inline int kubemint_pkey_ec(void) { return EVP_PKEY_EC; }

#endif
