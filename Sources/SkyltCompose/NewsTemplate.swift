import FoundationEssentials
import SkyltCore

/// A news item laid out as a notice is: the headline, the summary, and the code to the whole
/// article in the QR block's place; when it was published and where it is from sign small at
/// the bottom. A feed's summary can be long: it is shortened to what fits, never clipped.
extension Templates {
    func news(_ item: NewsItem) throws(ComposeError) {
        _ = painter.paintBackground()
        if let qr = item.qr { try painter.qrBlock("qr.url", payload: qr.url, label: label(qr)) }
        let area = item.qr == nil ? textColumn(side: false) : textArea(image: nil, hasCode: true)
        var signature: [StackedText] = []
        if let published = item.published {
            let when = SlideDate.eventTime(
                starts: published, ends: nil, language: painter.language, timeZone: slide.timeZone)
            signature.append(stacked("published", when, .caption))
        }
        signature.append(stacked("source", item.source, .caption))
        let headline = painter.resolve(item.headline)!
        let summary = painter.resolve(item.summary)
        _ = try firstThatFits(newsChoices(headline: headline, summary: summary)) { (choice) throws(ComposeError) in
            var message = [stacked("headline", choice.headline, .title)]
            if let summary = choice.summary { message.append(stacked("summary", summary, .body)) }
            let sizes = try fitLevel([message, signature], in: area, between: painter.spacing(after: .title))
            try draw(message, in: area.sliceTop(sizes.heights[0] + 1).0, level: sizes.level)
            try draw(signature, in: area.sliceBottom(sizes.heights[1] + 1).0, level: sizes.level)
        }
    }

    /// The texts to try, longest first: the whole summary, then shorter cuts of it at word
    /// ends, then the headline alone, then shorter cuts of the headline.
    func newsChoices(headline: String, summary: String?) -> [(headline: String, summary: String?)] {
        var choices: [(headline: String, summary: String?)] = []
        if let summary {
            choices += cuts(summary).map { (headline, $0) }
        }
        choices += cuts(headline).map { ($0, nil) }
        return choices
    }

    /// `text` whole, then cut to 60%, 36%, ... of its words with an ellipsis, down to three
    /// words: each try lays the slide out once, so the steps are few.
    func cuts(_ text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        var result = [text]
        if words.count <= 3 {
            // A few very long words (or one): cut inside them.
            var length = text.count
            while length > 20 {
                length = length * 6 / 10
                result.append(String(text.prefix(length)) + "…")
            }
            return result
        }
        var count = words.count
        while count > 3 {
            count = count * 6 / 10
            result.append(words.prefix(max(count, 3)).joined(separator: " ") + "…")
        }
        return result
    }
}
