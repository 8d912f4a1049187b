extension URLText {
    /// `text` with every absolute URL in it shown as `shown(_:)` shows one: the one rule for
    /// anything that may carry a URL into words (an error's cause, a problem's file, a line
    /// from libcurl), so that a token in a query never reaches a page, a log or a terminal.
    /// A URL runs from its scheme to the next space, quote or bracket.
    public static func redacted(_ text: String) -> String {
        guard text.contains("://") else { return text }
        var result = ""
        var rest = Substring(text)
        while let marker = rest.firstRange(of: "://") {
            var start = marker.lowerBound
            while start > rest.startIndex, isSchemeCharacter(rest[rest.index(before: start)]) {
                start = rest.index(before: start)
            }
            var end = rest[marker.upperBound...].firstIndex(where: endsURL) ?? rest.endIndex
            // Punctuation after a URL ("…/manifest.json?k=v: HTTP 500") belongs to the sentence.
            while end > marker.upperBound, ":,;.!".contains(rest[rest.index(before: end)]) {
                end = rest.index(before: end)
            }
            result += rest[..<start]
            let url = String(rest[start..<end])
            result += start == marker.lowerBound ? url : shown(url)
            rest = rest[end...]
        }
        return result + rest
    }

    private static func isSchemeCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "+-.".contains(character))
    }

    private static func endsURL(_ character: Character) -> Bool {
        character.isWhitespace || "'\"<>()[]{}`".contains(character)
    }
}
