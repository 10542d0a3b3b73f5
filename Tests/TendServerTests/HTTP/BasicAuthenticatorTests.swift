import Foundation
import TendConfig
import Testing

@testable import TendServer

/// Basic auth as supervisord checks it: plain or `{SHA}` passwords, nothing else accepted.
struct BasicAuthenticatorTests {
    static func header(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    @Test func plainPasswordIsAcceptedAndAnythingElseRefused() {
        let auth = BasicAuthenticator(credentials: Credentials(username: "admin", password: "s3cret"))
        #expect(auth.authorizes(Self.header("admin", "s3cret")))
        #expect(!auth.authorizes(Self.header("admin", "s3cre")))
        #expect(!auth.authorizes(Self.header("admin", "s3cret!")))
        #expect(!auth.authorizes(Self.header("root", "s3cret")))
        #expect(!auth.authorizes(nil))
        #expect(!auth.authorizes(""))
    }

    @Test func shaPasswordIsComparedAsTheHexDigestInAnyCase() {
        // sha1("thepassword"), from Python's hashlib, as `echo -n thepassword | sha1sum` gives it for supervisord.
        let digest = "82ab876d1387bfafe46cc1c8a2ef074eae50cb1d"
        let auth = BasicAuthenticator(credentials: Credentials(username: "u", password: "{SHA}" + digest))
        #expect(auth.authorizes(Self.header("u", "thepassword")))
        #expect(!auth.authorizes(Self.header("u", "{SHA}" + digest)), "the stored hash itself is not the password")
        #expect(!auth.authorizes(Self.header("u", "other")))
        let upper = BasicAuthenticator(credentials: Credentials(username: "u", password: "{SHA}" + digest.uppercased()))
        #expect(upper.authorizes(Self.header("u", "thepassword")))
    }

    @Test func shaPasswordOfNonASCIITextIsTheDigestOfItsUTF8() {
        // sha1("pässwörd".encode("utf-8")), from Python's hashlib.
        let auth = BasicAuthenticator(
            credentials: Credentials(username: "u", password: "{SHA}f517ddf1d32a112ff1ad55c66d1b12cb38e7e8f7"))
        #expect(auth.authorizes(Self.header("u", "pässwörd")))
        #expect(!auth.authorizes(Self.header("u", "passwort")))
    }

    @Test func passwordMayContainColonsAndSchemeIsCaseInsensitive() {
        let auth = BasicAuthenticator(credentials: Credentials(username: "u", password: "a:b:c"))
        #expect(auth.authorizes(Self.header("u", "a:b:c")))
        #expect(auth.authorizes("basic " + Data("u:a:b:c".utf8).base64EncodedString()))
    }

    @Test func malformedHeadersAreRefused() {
        let auth = BasicAuthenticator(credentials: Credentials(username: "u", password: "p"))
        #expect(!auth.authorizes("Bearer " + Data("u:p".utf8).base64EncodedString()))
        #expect(!auth.authorizes("Basic not-base64!!"))
        #expect(!auth.authorizes("Basic " + Data("no-colon".utf8).base64EncodedString()))
        #expect(!auth.authorizes("Basic"))
    }

    @Test func constantTimeComparisonHandlesDifferentLengths() {
        #expect(BasicAuthenticator.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!BasicAuthenticator.constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(!BasicAuthenticator.constantTimeEqual([], [0]))
        #expect(BasicAuthenticator.constantTimeEqual([], []))
    }
}
