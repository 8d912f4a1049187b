public import FoundationEssentials
import SkyltBundle
import SkyltCore

/// A document kept from an earlier response: its body, its validators and how long the
/// server said it stays fresh.
public struct KeptDocument: Codable, Sendable, Equatable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var fetched: Date
    public var freshUntil: Date?
    public var headers: [String: String]
    /// Not in the JSON file: kept beside it, as the bytes came.
    public var body = Data()

    enum CodingKeys: String, CodingKey { case url, etag, lastModified, fetched, freshUntil, headers }
}

/// Keeps each request's last document in a folder (`<state>/http`), so that after a restart
/// the service still sends conditional requests and still has a body to give on a 304.
/// Without a folder it keeps them in memory only.
final class DocumentStore {
    private let folder: URL?
    private var documents: [String: KeptDocument] = [:]
    private let logger: Logger

    init(folder: URL?, logger: Logger) {
        self.folder = folder
        self.logger = logger
    }

    /// The key of a request: its URL and, for a POST, its body (two GraphQL queries to one
    /// endpoint are two documents).
    static func key(_ request: FeedRequest) -> String {
        var hasher = SHA256Hasher()
        hasher.update(Data(request.url.utf8))
        if let body = request.body {
            hasher.update(Data([0]))
            hasher.update(body)
        }
        return String(hasher.finalHex().prefix(32))
    }

    func document(_ key: String, url: String) -> KeptDocument? {
        if let known = documents[key] { return known }
        guard let folder else { return nil }
        let meta = folder.appendingPathComponent(key + ".json")
        let bodyFile = folder.appendingPathComponent(key + ".body")
        guard FileManager.default.fileExists(atPath: meta.path) else { return nil }
        do {
            var kept = try JSONDecoder().decode(KeptDocument.self, from: Data(contentsOf: meta))
            guard kept.url == url else { return nil }
            kept.body = try Data(contentsOf: bodyFile)
            documents[key] = kept
            return kept
        } catch {
            logger.warning("feeds: \(meta.path) cannot be read, fetching anew: \(error)")
            return nil
        }
    }

    func keep(_ document: KeptDocument, key: String, bodyChanged: Bool) {
        documents[key] = document
        guard let folder else { return }
        // A URL may carry an API key in its query (Trafiklab's `?key=`), and a body may be an
        // answer only that key may read: the folder and its files are the service's own.
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
            if bodyChanged {
                try AtomicFile.write(
                    document.body, to: folder.appendingPathComponent(key + ".body"), mode: AtomicFile.secretMode)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try AtomicFile.write(
                try encoder.encode(document), to: folder.appendingPathComponent(key + ".json"),
                mode: AtomicFile.secretMode)
        } catch {
            logger.warning("feeds: the document of \(URLText.shown(document.url)) cannot be kept: \(error)")
        }
    }
}
