/// The command line of one subcommand (of `skylt` or `skylt-studio`): positional words, options with a value, and flags.
/// A small parser of our own keeps the binary free of package dependencies.
public struct Arguments {
    public var positional: [String] = []
    public var values: [String: String] = [:]
    public var flags: Set<String> = []

    /// Parses `words`. `valued` options take the next word (or `--name=value`); `switches` take none.
    public init(_ words: [String], valued: Set<String>, switches: Set<String>) throws(UsageError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                positional += words[index...]
                break
            }
            guard word.hasPrefix("-"), word.count > 1 else {
                positional.append(word)
                continue
            }
            var name = word
            var inline: String?
            if let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                inline = String(word[word.index(after: equals)...])
            }
            if switches.contains(name) {
                guard inline == nil else { throw UsageError("\(name) takes no value") }
                flags.insert(name)
            } else if valued.contains(name) {
                if let inline {
                    values[name] = inline
                } else {
                    guard index < words.count else { throw UsageError("\(name) needs a value") }
                    values[name] = words[index]
                    index += 1
                }
            } else {
                throw UsageError("unknown option \(name)")
            }
        }
    }

    public func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// A positive number of seconds.
    public func seconds(_ name: String) throws(UsageError) -> Double? {
        guard let text = values[name] else { return nil }
        guard let value = Double(text), value >= 0, value.isFinite else {
            throw UsageError("\(name) takes a number of seconds, not '\(text)'")
        }
        return value
    }

    /// A size such as 1920x1080.
    public func size(_ name: String) throws(UsageError) -> (width: Int, height: Int)? {
        guard let text = values[name] else { return nil }
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (64...7680).contains(w),
            (64...7680).contains(h)
        else { throw UsageError("\(name) takes a size such as 1920x1080 (64 to 7680 pixels a side), not '\(text)'") }
        return (w, h)
    }
}

/// The command line was wrong: said on stderr with a pointer to --help, exit code 2.
public struct UsageError: Error {
    public var message: String
    public init(_ message: String) { self.message = message }
}
