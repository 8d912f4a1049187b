import FoundationEssentials
import SkyltCore

/// The checks made on a request's headers before its body is read or its handler called:
/// Host against the allow-list, Origin on state-changing methods, Content-Length against the
/// cap. Pure, so that each rule is tested without a socket.
struct HTTPGate: Sendable {
    let settings: HTTPSettings

    /// Methods that only read: every other method (POST, PUT, PATCH, DELETE and any
    /// unknown one) may change state and so must come from this server's own pages.
    static let safeMethods: Set<String> = ["GET", "HEAD", "OPTIONS"]

    /// Why a request is refused before its handler runs, and the answer it gets.
    enum Refusal: Equatable {
        case host
        case origin
        case bodyTooLarge

        var response: HTTPResponse {
            switch self {
            case .host: .text(421, "misdirected request: this server answers only to its own names")
            case .origin: .text(403, "forbidden: the request does not come from this server's pages")
            case .bodyTooLarge: .text(413, "request body too large")
            }
        }
    }

    func check(method: String, path: String = "/", headers: HTTPHeaders) -> Refusal? {
        let allowed = settings.allowedHosts?() ?? settings.loopbackHosts
        guard let host = headers["Host"], allowed.contains(Self.hostName(host: host)) else { return .host }
        if !Self.safeMethods.contains(method.uppercased()),
            !originAllowed(headers: headers, allowedHosts: allowed)
        {
            return .origin
        }
        if let length = headers["Content-Length"].flatMap({ Int($0.trimmedSpaces) }),
            length > settings.maxBodyBytes(method: method, path: path)
        {
            return .bodyTooLarge
        }
        return nil
    }

    private func originAllowed(headers: HTTPHeaders, allowedHosts: Set<String>) -> Bool {
        let source = headers["Origin"] ?? headers["Referer"]
        switch settings.originCheck {
        case .off:
            return true
        case .allowedHostsOrAbsent:
            guard let source else { return true }
            return Self.authority(source).map { allowedHosts.contains(Self.hostName(host: $0)) } ?? false
        case .sameOrigin:
            guard let source, let host = headers["Host"] else { return false }
            return Self.authority(source) == host.lowercased()
        case .origins(let origins):
            guard let source, let authority = Self.authority(source) else { return false }
            let scheme = source.lowercased().hasPrefix("https://") ? "https://" : "http://"
            return origins.contains { $0.lowercased() == scheme + authority }
        }
    }

    /// The `host[:port]` of an Origin or Referer URL, lowercased; nil for "null" or a URL
    /// without a scheme.
    static func authority(_ url: String) -> String? {
        let text = url.lowercased()
        guard let scheme = text.firstRange(of: "://") else { return nil }
        let rest = text[scheme.upperBound...]
        return String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }

    /// The host part of a Host header (or of an Origin's authority), without port and
    /// brackets, lowercased. A Host header is never read as a URL: "x://allowed" is no name.
    static func hostName(host value: String) -> String {
        var text = value.lowercased()
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<end])
        }
        if let colon = text.lastIndex(of: ":") { text = String(text[..<colon]) }
        return text
    }
}
