/// What kind of problem a `Problem` is, for callers and tests that must not depend on the
/// wording of its message. A struct rather than an enum, so that each reader can name its own
/// codes beside the checks that report them.
public struct ProblemCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
