import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import SkyltTestSupport
import Testing

/// A studio with users of every role and two channels, and its web interface called in
/// process (no socket), so that each test sees exactly what a browser would be sent.
///
/// Users: `ada` (admin), `pia` (publisher of `demo`), `kim` (contributor of `demo`), `ola`
/// (publisher of `other` only). Every password is `password`. `kim` is the only member of the
/// organisation "Idrottsföreningen", which sends kim's contributions.
final class WebHarness {
    static let password = "correct horse battery"
    let folder = TemporaryFolder()
    var data: URL { folder.file("data") }
    var site: URL { folder.file("site") }
    let studio: Studio
    let web: StudioWeb
    private var sessions: [String: Session] = [:]

    /// `afterPublish` goes into studio.json before the web interface opens its studios. The
    /// harness's studio and every studio of the web's pool publish by the fixed clock
    /// `Repository.demoDate`, so that the demo keeps all its slides on any day the tests run.
    init(options: StudioWeb.Options = StudioWeb.Options(), afterPublish: AfterPublishCommand? = nil) throws {
        var options = options
        options.now = { Repository.demoDate }
        studio = try Studio.create(
            data: folder.file("data"), site: folder.file("site"), baseURL: "https://skylt.example.org/site",
            actor: "test")
        studio.currentDate = { Repository.demoDate }
        for (name, role) in [("ada", Role.admin), ("pia", .publisher), ("kim", .contributor), ("ola", .publisher)] {
            try studio.addUser(name: name, role: role, password: Self.password)
        }
        _ = try studio.importPlaylist(channel: "demo", from: Repository.demoPlaylist)
        _ = try studio.importPlaylist(channel: "other", from: Repository.demoPlaylist)
        try Self.member(studio, "pia", "demo", .publisher)
        try Self.member(studio, "kim", "demo", .contributor)
        try Self.member(studio, "ola", "other", .publisher)
        let club = try studio.createOrganisation(name: "Idrottsföreningen")
        try studio.addOrganisationMember(club.id, userID: try Self.userID(studio, "kim"))
        if let afterPublish {
            let file = DataFolder(folder.file("data")).configFile
            var config = studio.config
            config.afterPublish = afterPublish
            try JSONEncoder().encode(config).write(to: file)
        }
        web = try StudioWeb(data: folder.file("data"), options: options)
    }

    private static func userID(_ studio: Studio, _ user: String) throws -> Int64 {
        Int64(
            try #require(
                try studio.database.query("SELECT id FROM users WHERE name = ?", [.text(user)]).first?[0].int))
    }

    private static func member(_ studio: Studio, _ user: String, _ channel: String, _ role: ChannelRole) throws {
        let id = try #require(
            try studio.database.query("SELECT id FROM users WHERE name = ?", [.text(user)]).first?[0].int)
        try studio.setMembership(
            userID: Int64(id), userName: user, channel: try studio.channel(named: channel), role: role)
    }

    /// A session of `name`, made once per harness (Argon2id is slow on purpose).
    func session(_ name: String) throws -> Session {
        if let session = sessions[name] { return session }
        let session = try Accounts(studio: studio).login(name: name, password: Self.password, address: "127.0.0.1")
        sessions[name] = session
        return session
    }

    /// Sends a request as `user` (nil: signed out). A POST's form gets the session's CSRF
    /// token unless `csrf` is false; `origin` is the Origin header (the server checks it, not
    /// the handler, so it only matters for tests through a socket).
    func send(
        _ method: String, _ path: String, as user: String? = nil, form: [(String, String)] = [], csrf: Bool = true,
        headers: [(String, String)] = []
    ) throws -> HTTPResponse {
        var fields = form
        var cookie: [String] = []
        if let user {
            let session = try session(user)
            cookie.append("\(web.sessionCookieName)=\(session.token)")
            if method == "POST", csrf { fields.append((HTML.csrfFieldName, session.csrfToken)) }
        }
        var allHeaders = HTTPHeaders(headers)
        allHeaders.add("Host", "127.0.0.1")
        if !cookie.isEmpty { allHeaders.add("Cookie", cookie.joined(separator: "; ")) }
        var body = Data()
        if method == "POST" {
            allHeaders.add("Content-Type", "application/x-www-form-urlencoded")
            body = Data(Self.encode(fields).utf8)
        }
        let (plain, query) = Self.split(path)
        return web.handle(
            HTTPRequest(
                method: method, path: plain, query: query, headers: allHeaders, body: body, remoteAddress: "127.0.0.1"))
    }

    static func split(_ path: String) -> (String, [HTTPQueryItem]) {
        guard let mark = path.firstIndex(of: "?") else { return (path, []) }
        return (String(path[..<mark]), HTTPRequest.decodeForm(String(path[path.index(after: mark)...])))
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}
