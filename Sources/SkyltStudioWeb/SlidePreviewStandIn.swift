public import Foundation
public import SkyltCore
public import SkyltStudio

/// Stand-in for the preview component, with its signatures; replaced when it is merged.
public struct PreviewRequest: Sendable {
    public var slide: JSONValue
    public var settings: JSONValue
    public var media: [String: Data]
    public var sizes: [ScreenSize]
    public var languages: [String]
    public init(slide: JSONValue, settings: JSONValue, media: [String: Data], sizes: [ScreenSize], languages: [String])
    {
        self.slide = slide
        self.settings = settings
        self.media = media
        self.sizes = sizes
        self.languages = languages
    }
}

public struct FieldProblem: Sendable, Equatable {
    public var field: String
    public var message: String
    public var isWarning: Bool
}

public struct PreviewImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var language: String
    public var url: String
    public var caption: String
}

public struct PreviewResult: Sendable {
    public var images: [PreviewImage]
    public var problems: [FieldProblem]
}

public struct SlidePreviewer: Sendable {
    public func preview(_ request: PreviewRequest, owner userID: Int64, language: WebLanguage) -> PreviewResult {
        PreviewResult(images: [], problems: [])
    }

    public static func sizes(for channel: ChannelRecord, in studio: Studio) -> [ScreenSize] {
        ScreenSize.defaults
    }
}

extension StudioWeb {
    public var previewer: SlidePreviewer { SlidePreviewer() }
}
