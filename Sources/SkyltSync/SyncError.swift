/// A channel could not be synced; the last good program keeps playing.
public struct SyncError: Error, Sendable, CustomStringConvertible {
    public var channel: String
    public var cause: String

    public init(channel: String, cause: String) {
        self.channel = channel
        self.cause = cause
    }

    public var description: String { "channel '\(channel)': \(cause)" }
}
