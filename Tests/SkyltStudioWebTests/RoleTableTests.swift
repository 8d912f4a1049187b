import Foundation
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import Testing

/// Every route of the studio against every kind of visitor, each answered as the route's
/// access says: signed out to the login page (GET) or refused (POST); a non-admin refused on
/// admin routes; a non-member of a channel answered as if it did not exist; a contributor
/// refused on a publisher's route. The table is the routes' own list, so a route added later
/// is checked without a line more here.
@Suite("studio web: every route against every role")
struct RoleTableTests {
    /// Who asks: nil is signed out.
    static let visitors: [String?] = [nil, "ada", "pia", "kim", "ola"]

    enum Expected: Equatable {
        case toLogin, refused, hidden, allowed
    }

    static func expected(_ access: WebAccess, method: String, visitor: String?) -> Expected {
        guard let visitor else {
            if access == .everyone { return .allowed }
            return method == "GET" ? .toLogin : .refused
        }
        switch access {
        case .everyone, .signedIn: return .allowed
        case .admin: return visitor == "ada" ? .allowed : .refused
        case .channel(let needed):
            // The routes are asked about channel `demo`: pia publishes it, kim contributes,
            // ola has only `other`.
            switch visitor {
            case "ada", "pia": return .allowed
            case "kim": return needed == .contributor ? .allowed : .refused
            default: return .hidden
            }
        }
    }

    /// The route's path with its parameters filled in with things that exist.
    static func path(_ pattern: String, slide: String) -> String {
        pattern.replacingOccurrences(of: "{channel}", with: "demo").replacingOccurrences(of: "{slide}", with: slide)
            .replacingOccurrences(of: "{screen}", with: "butik-1").replacingOccurrences(of: "{id}", with: "1")
            .replacingOccurrences(of: "{number}", with: "1").replacingOccurrences(of: "{token}", with: "unknown")
    }

    @Test("each route answers each visitor as its access says")
    func table() throws {
        let harness = try WebHarness()
        // A slide kim's organisation sends, so that kim's steps on it are theirs to take
        // (the review refuses a contributor on a publisher's own slide in the handler).
        let slide = try WebHarness.savedKey(
            try harness.sendMultipart("/channels/demo/slides", as: "kim", form: WebHarness.notice()))
        // Logging out ends the session the later rows use: it goes last.
        let routes = StudioWeb.allRoutes.sorted {
            ($0.pattern == "/logout" ? 1 : 0) < ($1.pattern == "/logout" ? 1 : 0)
        }
        var rows: [String] = []
        for route in routes {
            for visitor in Self.visitors {
                let response = try harness.send(route.method, Self.path(route.pattern, slide: slide), as: visitor)
                let expected = Self.expected(route.access, method: route.method, visitor: visitor)
                let label = "\(route.method) \(route.pattern) as \(visitor ?? "nobody")"
                switch expected {
                case .toLogin:
                    #expect(
                        response.status == 303 && response.headers["Location"]?.hasPrefix("/login") == true, "\(label)")
                case .refused:
                    #expect(response.status == 403, "\(label): \(response.status)")
                case .hidden:
                    #expect(response.status == 404, "\(label): \(response.status)")
                case .allowed:
                    // (Logging out itself ends at the login page.)
                    let toLogin =
                        route.method == "GET" && response.status == 303
                        && response.headers["Location"]?.hasPrefix("/login") == true
                    #expect(response.status != 403 && !toLogin && response.status < 500, "\(label): \(response.status)")
                }
                rows.append("\(label): \(response.status)")
            }
        }
        #expect(rows.count == StudioWeb.allRoutes.count * Self.visitors.count)
    }

    @Test("the dispatcher's refusals come before the handler: a refused POST changes nothing")
    func refusedPostChangesNothing() throws {
        let harness = try WebHarness()
        _ = try harness.session("ola")
        let before = try harness.studio.database.query("SELECT count(*) FROM audit_log")[0][0].int
        for route in StudioWeb.allRoutes where route.method == "POST" && route.access != .everyone {
            let response = try harness.send("POST", Self.path(route.pattern, slide: "x"), as: "ola", csrf: false)
            #expect(response.status == 403 || response.status == 404, "\(route.pattern)")
        }
        #expect(try harness.studio.database.query("SELECT count(*) FROM audit_log")[0][0].int == before)
    }
}
