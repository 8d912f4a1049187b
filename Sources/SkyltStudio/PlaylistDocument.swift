import Foundation
import SkyltCore

/// A playlist.json split the way the studio stores it: the settings (everything but the
/// slides, as canonical JSON text) and each slide's JSON object with its id.
///
/// Canonical text (sorted keys) makes "did this slide change?" a comparison of strings.
struct PlaylistDocument {
    /// Keys of playlist.json that are not settings: the slides are stored one by one, and
    /// `$schema` points at a file beside the editor's folder, meaningless in the studio.
    static let excludedKeys: Set<String> = ["slides", "$schema"]

    var settings: String
    var slides: [(id: String, content: String)]

    /// Splits playlist.json's bytes, the same bytes the import checked; `file` names it in errors.
    init(data: Data, file: URL) throws(StudioError) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw StudioError(.fileIO, location: file.path, message: "\(error)")
        }
        guard case .object(let root) = json, case .array(let items) = root["slides"] ?? .null else {
            throw StudioError(.fileIO, location: file.path, message: "has no array of slides")
        }
        settings = Self.text(.object(root.filter { !Self.excludedKeys.contains($0.key) }))
        slides = []
        for item in items {
            guard case .object(let fields) = item, case .string(let id) = fields["id"] ?? .null else {
                throw StudioError(.fileIO, location: file.path, message: "a slide without an id")
            }
            slides.append((id, Self.text(item)))
        }
    }

    static func text(_ value: JSONValue) -> String {
        String(decoding: value.canonicalData(), as: UTF8.self)
    }
}
