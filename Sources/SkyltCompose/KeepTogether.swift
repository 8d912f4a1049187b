/// Where a line may not break in a slide's text, beyond what Pango's rules for each script
/// say. A short number belongs to its words: a line that ends "tisdag 1" and goes on
/// "december", or starts with "8–12" after "kl.", is read wrong from across a shop. The
/// fitter binds such numbers with no-break spaces (U+00A0), which Pango does not break at,
/// as it lays the text out; the editor's text keeps its ordinary spaces.
public enum KeepTogether {
    /// `text` with the spaces between each short number and its words made no-break: the
    /// space before it always, the space after it unless the number ends a phrase ("10–15,"
    /// or "kl. 9."), never the space between two numbers.
    /// A short number is one or two digits in any script, or a time or range of such groups
    /// ("8–12", "10:00", "9.30–11"); a year or a price of more digits is a word of its own.
    public static func shortNumbers(in text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count > 1 else { return text }
        var result = String(words[0])
        for index in 1..<words.count {
            let before = words[index - 1]
            let after = words[index]
            let numberAfter = isShortNumber(firstLine(after), trailing: true)
            let numberBefore = isShortNumber(lastLine(before), trailing: false)
            // A number binds to its word, not to the next number: a list of times ("10–12
            // 13–15 17–19") may still break between them.
            let bind = !before.isEmpty && !after.isEmpty && (numberAfter != numberBefore)
            result += bind ? "\u{00A0}" : " "
            result += after
        }
        return result
    }

    /// Marks that may follow a number and end a phrase or a clause.
    static let closing: Set<Character> = [
        ",", ".", ";", ":", "!", "?", ")", "»", "”", "\"", "'", "،", "؛", "؟", "።", "፣",
    ]
    /// Marks that may stand between the digit groups of a time or a range.
    static let joints: Set<Character> = ["–", "-", ":", ".", "\u{2011}"]

    /// Whether `word` is a short number. With `trailing`, closing marks after it are allowed
    /// (it binds to the word before it); without, the number must end the word, so that one
    /// that ends a phrase does not pull the next phrase's first word onto its line.
    static func isShortNumber(_ word: Substring, trailing: Bool) -> Bool {
        var core = word.drop { $0 == "(" || $0 == "«" || $0 == "“" }
        while trailing, let last = core.last, closing.contains(last) { core = core.dropLast() }
        let groups = core.split(omittingEmptySubsequences: false) { joints.contains($0) }
        return groups.allSatisfy { group in (1...2).contains(group.count) && group.allSatisfy(\.isNumber) }
    }

    private static func firstLine(_ word: Substring) -> Substring {
        word.prefix { !$0.isNewline }
    }

    private static func lastLine(_ word: Substring) -> Substring {
        word.lastIndex(where: \.isNewline).map { word[word.index(after: $0)...] } ?? word
    }
}
