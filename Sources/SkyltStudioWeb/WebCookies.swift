import Foundation

/// Reading the Cookie header and writing the studio's cookies.
enum WebCookies {
    /// The value of cookie `name`, or nil. Later cookies of the same name are ignored: the
    /// first is the most specific path, and the studio sets only one of each.
    static func value(_ name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            if parts[0].trimmingCharacters(in: .whitespaces) == name {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// A `Set-Cookie` value: always `Path=/`, `HttpOnly` and `SameSite=Strict`; `Secure`
    /// when the studio is reached over HTTPS. `maxAge` 0 clears the cookie.
    static func setCookie(name: String, value: String, maxAge: Int, secure: Bool) -> String {
        var text = "\(name)=\(value); Path=/; Max-Age=\(max(0, maxAge)); HttpOnly; SameSite=Strict"
        if secure { text += "; Secure" }
        return text
    }
}
