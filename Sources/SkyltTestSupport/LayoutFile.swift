public import Foundation

/// A layout file as `skylt render --layout` writes it, read with the fixed field names, so that
/// tests read what tools outside the player would read rather than the composer's own types.
public struct LayoutFile: Decodable, Sendable {
    public var size: [Int]
    public var safeArea: [Int]
    public var language: String
    public var direction: String
    public var elements: [Element]

    public struct Element: Decodable, Sendable {
        public var kind: String
        public var box: [Int]
        public var role: String?
        public var language: String?
        public var text: String?
        public var capHeightPx: Int?
        public var align: String?
        public var payload: String?
        public var modulePx: Int?
        public var bleed: Bool?
    }

    public init(_ url: URL) throws { self = try JSONDecoder().decode(LayoutFile.self, from: Data(contentsOf: url)) }
}
