import FoundationEssentials
import SkyltCompose
import SkyltCore

extension ShownSlide {
    /// True while a data slide is on screen: the loop recomposes it at each minute.
    public var isLive: Bool { slot.slide?.slide.content.isLive ?? false }

    /// The first whole minute of the wall clock after `date`: when "in 4 min" becomes "in 3 min".
    static func minute(after date: Date) -> Date {
        Date(timeIntervalSince1970: ((date.timeIntervalSince1970 / 60).rounded(.down) + 1) * 60)
    }

    /// Whether `minute` has come at `today`; if so, moves it on to the next minute after now,
    /// so a wall clock set forward costs one composition, not one per minute skipped. A clock
    /// set back more than a minute before it brings it back to the next minute from now.
    static func minuteHasCome(_ minute: inout Date?, at today: Date) -> Bool {
        guard let due = minute else { return false }
        if today.timeIntervalSince(due) > -0.001 {
            minute = Self.minute(after: max(today, due))
            return true
        }
        if due.timeIntervalSince(today) > 60 { minute = Self.minute(after: today) }
        return false
    }
}

/// Data slides: left out while stale, and composed again while they stay on screen.
extension SlotMaker {
    /// The keys of the program's data slides that are stale at `date`.
    func staleKeys(at date: Date) -> Set<String> {
        Set(liveSlides.lazy.filter { $0.slide.content.staleness(at: date) != nil }.map(\.key))
    }

    /// The program's data slides that are stale at `date`, and why: for the status page.
    func staleData(at date: Date) -> [StaleSlide] {
        liveSlides.compactMap { slide in
            slide.slide.content.staleness(at: date).map {
                StaleSlide(slide: slide.key, template: slide.slide.content.templateName, reason: $0.reason)
            }
        }
    }

    /// The data slide `shown`, composed again as it is at `date`, on the worker like any
    /// composition; nil when it cannot be (it is then left out like a slide that failed to
    /// compose, and the loop cuts it short).
    func recompose(_ shown: ShownSlide, at date: Date, _ composing: Composing) -> Frame? {
        guard let slide = shown.slot.slide else { return nil }
        let started = composing.now()
        let outcome = worker.compose(
            slide, language: shown.language, at: date, seconds: options.maxComposeSeconds,
            tickSeconds: composing.tickSeconds, tick: composing.tick)
        switch outcome {
        case .composed(let composition):
            composing.emit(.composed(template: slide.slide.content.templateName, seconds: composing.now() - started))
            return composition.frame
        case .failed(let error):
            broken.insert(slide.key)
            skip(slide, because: "\(error)", composing)
        case .timedOut:
            slow.insert(SlideLanguage(key: slide.key, language: shown.language))
            skip(slide, because: "composing it in '\(shown.language)' took longer than \(seconds) s", composing)
        case .busy, .stopped:
            break
        }
        return nil
    }
}
