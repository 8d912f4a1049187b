import Foundation
@preconcurrency import Glibc
import SkyltStore

/// `studio.json`: where the studio publishes and under which URL kiosks find it.
///
/// Kept as a small file beside the database rather than in it, so that an operator can read
/// and correct it with an editor, and `init` can tell a studio folder at a glance.
public struct StudioConfig: Codable, Sendable, Equatable {
    /// The version of this file's own format, for a later studio to read older ones.
    public static let currentSchema = 1
    public static let fileName = "studio.json"
    /// A config is a few hundred bytes; anything much larger is not one.
    public static let maxBytes = 64 << 10

    public var schema: Int
    /// The folder bundles are written into, one sub-folder per channel (absolute path).
    public var site: String
    /// The public URL of `site`, without a trailing slash.
    public var baseURL: String
    /// A program run after each publish (optional: files written before it existed read on,
    /// and `schema` stays 1).
    public var afterPublish: AfterPublishCommand?
    /// How the studio sends mail (optional, like `afterPublish`); none is sent without it.
    public var mail: MailSettings?

    public init(
        site: String, baseURL: String, afterPublish: AfterPublishCommand? = nil, mail: MailSettings? = nil
    ) {
        schema = Self.currentSchema
        self.site = site
        self.baseURL = baseURL
        self.afterPublish = afterPublish
        self.mail = mail
    }

    /// The URL kiosks poll for a channel.
    /// The public URL of channel `channel`'s bundle folder: its visitor pages are under
    /// `<this>/v/`, and the QR codes of its slides are drawn with it.
    public func visitorBaseURL(channel: String) -> String {
        "\(baseURL)/\(channel)"
    }

    public func manifestURL(channel: String) -> String {
        "\(baseURL)/\(channel)/manifest.json"
    }

    /// The base URL as given, without a trailing slash, when it is http or https with a host
    /// and neither query nor fragment (kiosks append `/<channel>/manifest.json` to it).
    public static func checkedBaseURL(_ text: String) throws(StudioError) -> String {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil, components.user == nil,
            !text.contains("?"), !text.contains("#")
        else { throw StudioError(.invalidBaseURL, location: text) }
        return trimmed
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of strings and an integer cannot fail.
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    static func read(from file: URL) throws(StudioError) -> StudioConfig {
        // Capped before reading: a studio.json that is a link to /dev/zero, or huge, is not one.
        let data: Data
        do throws(RegularFile.ReadError) {
            data = try RegularFile.read(file.path, maxBytes: maxBytes)
        } catch {
            guard error.reason != .system(ENOENT) else {
                throw StudioError(.notAStudio, location: file.deletingLastPathComponent().path)
            }
            throw StudioError(.notAStudio, location: file.path, message: "studio.json \(error.description)")
        }
        let config: StudioConfig
        do {
            config = try JSONDecoder().decode(StudioConfig.self, from: data)
        } catch {
            throw Self.problem(error, file: file)
        }
        guard config.schema == currentSchema else {
            throw StudioError(.notAStudio, location: file.path, message: "studio.json cannot be read")
        }
        try config.mail?.validate()
        return config
    }

    /// A decoding failure: within `mail`, an `invalidConfig` naming the field (`mail.from`),
    /// since an operator writes that part by hand; elsewhere, not a studio's config.
    private static func problem(_ error: any Error, file: URL) -> StudioError {
        let path: [any CodingKey]
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        default: path = []
        }
        let field = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        guard field.hasPrefix(".mail") else {
            return StudioError(.notAStudio, location: file.path, message: "studio.json cannot be read")
        }
        let name = String(field.dropFirst()).replacingOccurrences(of: ".[", with: "[")
        return StudioError(.invalidConfig, location: name, message: "missing or of the wrong type")
    }
}
