public import FoundationEssentials
import SkyltCore

/// One name and value of a query string or a form body, percent-decoded.
public struct HTTPQueryItem: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A request as the handler sees it: complete, with its body read (never more than the
/// server's `maxBodyBytes`), and already past the Host and Origin checks.
public struct HTTPRequest: Sendable {
    /// "GET", "POST", ... as the client sent it.
    public var method: String
    /// The path without the query string, percent-decoded by libmicrohttpd.
    public var path: String
    public var query: [HTTPQueryItem]
    public var headers: HTTPHeaders
    public var body: Data
    /// The client's IPv4 or IPv6 address as text, for logs and rate limits.
    public var remoteAddress: String

    public init(
        method: String, path: String, query: [HTTPQueryItem] = [], headers: HTTPHeaders = HTTPHeaders(),
        body: Data = Data(), remoteAddress: String = ""
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The first query value of `name`.
    public func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// The body's fields when it is an HTML form (`application/x-www-form-urlencoded`); empty
    /// for any other type, so a form handler never reads JSON or bytes as fields.
    public var formItems: [HTTPQueryItem] {
        let type = headers["Content-Type"]?.split(separator: ";").first?.trimmedSpaces
        guard type?.lowercased() == "application/x-www-form-urlencoded" else { return [] }
        return Self.decodeForm(String(decoding: body, as: UTF8.self))
    }

    /// Splits `a=1&b=two+words` into items; `+` is a space, `%XX` a byte. A malformed escape
    /// keeps the text as it came rather than dropping the field.
    public static func decodeForm(_ text: String) -> [HTTPQueryItem] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) -> String in
                let spaced = part.replacingAll("+", with: " ")
                return spaced.percentDecoded ?? spaced
            }
            return HTTPQueryItem(name: decode(parts[0]), value: parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
