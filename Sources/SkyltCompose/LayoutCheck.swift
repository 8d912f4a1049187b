import Foundation
public import SkyltCore

/// The checks behind `skylt validate` that need pixels: every slide, in every language it is
/// written in, is composed at the display's size, and every field that cannot be drawn
/// legibly (or a medium that cannot be read) becomes a problem naming the file, slide and field.
public enum LayoutCheck {
    /// The languages a slide is drawn in for checks and previews: its default first, then the
    /// others in alphabetical order.
    public static func languages(of slide: ProgramSlide) -> [String] {
        let others = slide.slide.content.languages.subtracting([slide.defaultLanguage]).sorted()
        return [slide.defaultLanguage] + others
    }

    public static func problems(in playlist: Playlist, profile: DisplayProfile) -> [Problem] {
        let composer = SlideComposer(profile: profile)
        let file = playlist.folder.appendingPathComponent(Playlist.fileName).path
        var problems: [Problem] = []
        let program = Program(playlists: [(channel: playlist.name, playlist: playlist)])
        for entry in program.slides {
            let languages = languages(of: entry)
            for language in languages {
                do {
                    _ = try composer.compose(entry, language: language)
                } catch {
                    let place = languages.count > 1 ? "in '\(language)' at" : "at"
                    let problem = Problem(
                        file: file, slide: entry.slide.id, field: error.field,
                        message: "\(error.reason) (\(place) \(profile.widthPixels)x\(profile.heightPixels))")
                    if !problems.contains(where: { $0.slide == problem.slide && $0.field == problem.field }) {
                        problems.append(problem)
                    }
                }
            }
        }
        return problems
    }
}
