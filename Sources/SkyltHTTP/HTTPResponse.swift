public import FoundationEssentials

/// What a handler answers. The server adds its security headers to it, except those the
/// handler set itself (a page that may be cached sets its own `Cache-Control`).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A body of `type`, with `Content-Type` set.
    public init(status: Int, type: String, body: Data) {
        self.init(status: status, headers: HTTPHeaders([("Content-Type", type)]), body: body)
    }

    /// Plain UTF-8 text, ending in a newline so that curl's output ends its line.
    public static func text(_ status: Int, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, type: "text/plain; charset=utf-8", body: Data((text + "\n").utf8))
    }

    /// A page of HTML, already built (and escaped) by the caller.
    public static func html(_ html: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, type: "text/html; charset=utf-8", body: Data(html.utf8))
    }

    /// JSON bytes, already encoded.
    public static func json(_ body: Data, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, type: "application/json", body: body)
    }

    /// A value encoded as JSON with sorted keys, so that answers compare byte for byte.
    public static func json(encoding value: some Encodable, status: Int = 200) throws -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return json(try encoder.encode(value), status: status)
    }

    /// A redirect; 303 by default, so that a form's POST is followed by a GET.
    public static func redirect(to location: String, status: Int = 303) -> HTTPResponse {
        var response = text(status, "see \(location)")
        response.headers.set("Location", location)
        return response
    }
}
