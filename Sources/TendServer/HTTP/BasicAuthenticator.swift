import Crypto
import FoundationEssentials
import TendConfig

/// Checks HTTP basic-auth headers against the credentials of one listener, as supervisord does: the
/// configured password is either plain text or `{SHA}` followed by the hex SHA-1 of the password.
/// Comparisons take the same time whatever the position of the first differing byte.
struct BasicAuthenticator: Sendable {
    let credentials: Credentials

    /// The `WWW-Authenticate` value sent with a 401 (supervisord's realm).
    static let challenge = "Basic realm=\"default\""

    /// True when `header` (the `Authorization` value) carries the right user name and password.
    func authorizes(_ header: String?) -> Bool {
        guard let (username, password) = Self.decode(header) else { return false }
        let userMatches = Self.constantTimeEqual(Array(username.utf8), Array(credentials.username.utf8))
        let passwordMatches: Bool
        if credentials.password.hasPrefix("{SHA}") {
            let expected = credentials.password.dropFirst(5).lowercased()
            passwordMatches = Self.constantTimeEqual(Array(Self.sha1Hex(password).utf8), Array(expected.utf8))
        } else {
            passwordMatches = Self.constantTimeEqual(Array(password.utf8), Array(credentials.password.utf8))
        }
        return userMatches && passwordMatches
    }

    /// The lowercase hex SHA-1 of `password`'s UTF-8 bytes, as supervisord's `{SHA}` form stores it. SHA-1 is
    /// kept only for that compatibility; nothing here relies on its collision resistance.
    static func sha1Hex(_ password: String) -> String {
        let hexDigits = Array("0123456789abcdef")
        var hex = ""
        for byte in Insecure.SHA1.hash(data: Array(password.utf8)) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return hex
    }

    /// Splits `Basic base64(user:password)` into its parts; `nil` when it is not a well-formed basic header.
    static func decode(_ header: String?) -> (username: String, password: String)? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let data = Data(base64Encoded: String(parts[1]).trimmingWhitespace())
        else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// Compares two byte strings in time that depends only on their lengths.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0 && lhs.count == rhs.count
    }
}
