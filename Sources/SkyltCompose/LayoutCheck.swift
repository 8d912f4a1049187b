import FoundationEssentials
public import SkyltCore

/// The checks behind `skylt validate` that need pixels: every slide, in every language it is
/// written in, is composed at each screen size, and every field that cannot be drawn
/// legibly (or a medium that cannot be read) becomes a problem naming the file, slide and field.
/// Text that takes longer to read than its slide stays on screen is a warning. A data slide is
/// composed as at the moment of its data, so a fresh one never fails because the clock is later.
public enum LayoutCheck {
    /// What the checks found: problems fail validation; warnings are said and pass.
    public struct Report: Sendable {
        public var problems: [Problem] = []
        public var warnings: [Problem] = []
    }

    /// The languages a slide is drawn in for checks and previews: its default first, then the
    /// others in alphabetical order.
    public static func languages(of slide: ProgramSlide) -> [String] {
        let others = slide.slide.content.languages.subtracting([slide.defaultLanguage]).sorted()
        return [slide.defaultLanguage] + others
    }

    public static func problems(in playlist: Playlist, profile: DisplayProfile) -> [Problem] {
        check(playlist, profiles: [profile]).problems
    }

    /// Checks the playlist at every size it declares (`screens`) on the standard display.
    public static func check(_ playlist: Playlist) -> Report {
        check(
            playlist,
            profiles: playlist.screens.map { DisplayProfile.standard.resized(width: $0.width, height: $0.height) })
    }

    /// Checks at each profile in turn; reading time is measured on the first layout drawn of
    /// each slide, since the words are the same at every size.
    public static func check(_ playlist: Playlist, profiles: [DisplayProfile]) -> Report {
        let file = playlist.folder.appendingPathComponent(Playlist.fileName).path
        var report = Report()
        let program = Program(playlists: [(channel: playlist.name, playlist: playlist)])
        var layouts: [String: [(language: String, layout: Layout)]] = [:]
        for profile in profiles {
            let composer = SlideComposer(profile: profile)
            for entry in program.slides {
                let languages = languages(of: entry)
                for language in languages {
                    do {
                        let layout = try composer.compose(entry, language: language, at: moment(of: entry)).layout
                        if !(layouts[entry.key]?.contains { $0.language == language } ?? false) {
                            layouts[entry.key, default: []].append((language, layout))
                        }
                    } catch {
                        let place = languages.count > 1 ? "in '\(language)' at" : "at"
                        let problem = Problem(
                            file: file, slide: entry.slide.id, field: error.field,
                            message: "\(error.reason) (\(place) \(profile.widthPixels)x\(profile.heightPixels))")
                        if !report.problems.contains(where: { $0.slide == problem.slide && $0.field == problem.field })
                        {
                            report.problems.append(problem)
                        }
                    }
                }
            }
        }
        report.problems += downloadProblems(playlist, file: file)
        for entry in program.slides {
            if let warning = readingWarning(entry, layouts: layouts[entry.key] ?? [], file: file) {
                report.warnings.append(warning)
            }
        }
        return report
    }

    /// The moment a slide is checked at: a data slide at the moment of its data (as the kiosk
    /// shows it while it is fresh, whatever this machine's clock says), others now.
    static func moment(of slide: ProgramSlide) -> Date { slide.slide.content.dataMoment ?? Date() }

    /// The warning for the language that takes longest to read, if that is too long.
    static func readingWarning(_ entry: ProgramSlide, layouts: [(language: String, layout: Layout)], file: String)
        -> Problem?
    {
        let warnings = layouts.compactMap { item in
            ReadingTime.warning(
                for: item.layout, duration: entry.slide.durationSeconds, file: file, slide: entry.slide.id,
                note: layouts.count > 1 ? " in '\(item.language)'" : ""
            )
            .map { (item.layout, $0) }
        }
        return warnings.max { ReadingTime.total(of: $0.0) < ReadingTime.total(of: $1.0) }?.1
    }
}

extension ReadingTime {
    /// Seconds to read everything on a layout.
    static func total(of layout: Layout) -> Double { seconds(layout.texts).reduce(0) { $0 + $1.seconds } }
}
