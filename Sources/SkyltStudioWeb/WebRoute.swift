public import SkyltHTTP
public import SkyltStudio

/// Who may reach a route. The router checks it before the handler runs, so a handler never
/// has to remember to; `RoleTableTests` walks every route against every role.
public enum WebAccess: Sendable, Equatable {
    /// Anyone, signed in or not (login, the accessibility statement, the stylesheet).
    case everyone
    /// Any signed-in user.
    case signedIn
    /// Admins only (users, channels, screens, keys, the audit log).
    case admin
    /// Signed-in users with at least this role in the route's `{channel}`; admins always.
    case channel(ChannelRole)
}

/// One route: a method, a path pattern and who may use it. Patterns are split at `/`; a
/// segment `{name}` matches any one segment and is handed to the handler by that name.
public struct WebRoute: Sendable {
    public typealias Handler = @Sendable (inout WebContext) throws -> HTTPResponse

    public let method: String
    public let pattern: String
    public let access: WebAccess
    let handler: Handler
    private let segments: [Substring]

    public init(_ method: String, _ pattern: String, _ access: WebAccess, _ handler: @escaping Handler) {
        self.method = method
        self.pattern = pattern
        self.access = access
        self.handler = handler
        segments = pattern.split(separator: "/")
    }

    /// The path's parameters when it matches, else nil. Every parameter must be non-empty.
    func match(_ path: String) -> [String: String]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let trimmed = parts.last == "" && parts.count > 1 ? Array(parts.dropLast()) : Array(parts)
        let given = trimmed == [""] ? [] : trimmed
        guard given.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (pattern, part) in zip(segments, given) {
            if pattern.hasPrefix("{"), pattern.hasSuffix("}") {
                guard !part.isEmpty else { return nil }
                parameters[String(pattern.dropFirst().dropLast())] = String(part)
            } else if pattern != part {
                return nil
            }
        }
        return parameters
    }
}
