import KubeMintCrypto
import Testing

@Suite struct KeyReaderTests {
    @Test(arguments: [
        ("keys/rsa-2048.pkcs8.pem", "rsa-2048.pkcs8.pem"),
        ("keys/rsa-2048.pkcs1.pem", "rsa-2048.pkcs8.pem"),
        ("keys/ec-p256.pkcs8.pem", "ec-p256.pkcs8.pem"),
        ("keys/ec-p256.sec1-with-params.pem", "ec-p256.pkcs8.pem"),
    ])
    func readsPrivateKeysInEveryFormWithTheOpenSSLKeyID(file: String, kidOf: String) throws {
        let key = try KeyReader.signingKey(file: TestData.path(file))
        #expect(key.keyID == (try TestData.opensslKeyIDs()[kidOf]))
        #expect(key.keyID.count == 43)
    }

    @Test(arguments: [
        ("keys/rsa-2048.pub.pem", "rsa-2048.pkcs8.pem"),
        ("keys/rsa-2048.pkcs1-pub.pem", "rsa-2048.pkcs8.pem"),
        ("keys/rsa-2048.cert.pem", "rsa-2048.pkcs8.pem"),
        ("keys/ec-p256.pub.pem", "ec-p256.pkcs8.pem"),
    ])
    func readsPublicKeysInEveryForm(file: String, kidOf: String) throws {
        let keys = try KeyReader.keys(file: TestData.path(file))
        #expect(keys.count == 1)
        #expect(keys[0].verificationKey.keyID == (try TestData.opensslKeyIDs()[kidOf]))
    }

    @Test(arguments: [
        ("keys/rsa-2048.encrypted.pem", CryptoError.Code.encryptedKey, "the private key is encrypted"),
        ("keys/rsa-2048.pkcs1-encrypted.pem", .encryptedKey, "the private key is encrypted"),
        (
            "keys/rsa-1024.pem", .unsupportedKey,
            "RSA key of 1024 bits is too small; kubemint needs at least 2048 bits"
        ),
        ("keys/ec-p384.pem", .unsupportedKey, "EC key on curve secp384r1 is not supported"),
        ("keys/ed25519.pem", .unsupportedKey, "ED25519 keys are not supported"),
        ("keys/garbage.pem", .notPEM, "no PEM key found"),
        (
            "keys/rsa-2048.pub.pem", .publicKeyOnly,
            "holds only a public key, but signing needs the private key"
        ),
        ("keys/does-not-exist.pem", .io, "cannot read the key file"),
    ])
    func refusesWithAMessageNamingTheFileAndTheReason(
        file: String, code: CryptoError.Code, message: String
    ) {
        let path = TestData.path(file)
        do {
            _ = try KeyReader.signingKey(file: path)
            Issue.record("\(file) was accepted")
        } catch let error as CryptoError {
            #expect(error.code == code)
            #expect(error.message.hasPrefix(path + ": "), "message must name the file: \(error.message)")
            #expect(error.message.contains(message), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// Found by fuzz/ (fuzz-pem): testdata/keys/ec-p256.pkcs8.pem with four base64 characters of the
    /// private scalar changed. OpenSSL loads it with the old embedded public key, so every token
    /// it signed failed against its own JWKS entry; `openssl pkey -check` calls it invalid.
    @Test func refusesAPrivateKeyWhoseEmbeddedPublicKeyIsNotItsOwn() {
        let pem = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg6dQnLBqlRT1im++f
            9OLLZJHIZDRuXwR6m7IORzKXaBqhRANCAATcS9Q9MItgcBYzXKwZitDb6y04Pt3r
            P/KGUx87WRswPYO8lrPvBO7JY72CJ/AabTA+gtvM0bQD6zqhi6qdCLsm
            -----END PRIVATE KEY-----

            """
        do {
            _ = try KeyReader.keys(pem: pem, source: "mismatched.pem")
            Issue.record("a key pair whose halves do not match was accepted")
        } catch let error as CryptoError {
            #expect(error.code == .malformedKey)
            #expect(
                error.message.hasPrefix(
                    "mismatched.pem: the \"PRIVATE KEY\" block's public key does not belong to its private key"),
                "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func refusesACorruptKeyBody() {
        let pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
        #expect(throws: CryptoError(.malformedKey, "")) {
            try KeyReader.signingKey(pem: pem, source: "x")
        }
        let unterminated = "-----BEGIN PRIVATE KEY-----\nAAAA\n"
        #expect(throws: CryptoError(.notPEM, "")) {
            try KeyReader.signingKey(pem: unterminated, source: "x")
        }
    }

    @Test func writesPKCS8ThatReadsBackAsTheSameKey() throws {
        for type in [KeyType.rsa(bits: 2048), .ecP256] {
            let key = try SigningKey.generate(type)
            let pem = try key.pkcs8PEM()
            #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
            let again = try KeyReader.signingKey(pem: pem, source: "mem")
            #expect(again.keyID == key.keyID)
            #expect(again.type == type)
            let pub = try key.verificationKey.pem()
            #expect(pub.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
            #expect(try KeyReader.keys(pem: pub, source: "mem")[0].verificationKey.keyID == key.keyID)
        }
    }

    @Test func generatesTheOfferedSizesOnly() throws {
        #expect(try SigningKey.generate(.rsa(bits: 3072)).type == .rsa(bits: 3072))
        #expect(throws: CryptoError(.unsupportedKey, "")) { try SigningKey.generate(.rsa(bits: 1024)) }
    }
}
