public import FoundationEssentials
import SkyltCore

/// A channel could not be synced; the last good program keeps playing.
///
/// `code` says what went wrong, for callers to switch on; `location` is the URL, file or asset
/// it concerns; `cause` is the failure underneath, kept as a value (an `HTTPError`, a
/// signature or file system error, a manifest's `ProblemList`). The message for people is made
/// here and nowhere else.
public struct SyncError: Error, Sendable {
    public enum Code: Sendable, Equatable {
        /// The channel's config cannot be synced: not a bundle channel, or a key that does not read.
        case configuration
        /// A request failed or was answered with an unusable status; the cause is an `HTTPError`.
        case transfer
        /// The manifest's signature does not verify with any of the channel's keys.
        case signature
        /// The manifest, or the playlist inside it, does not read.
        case manifestInvalid
        /// The manifest is signed for another channel.
        case wrongChannel(String)
        /// The manifest expired at this moment.
        case expired(Date)
        /// The manifest is published further ahead of the server's time than clocks drift
        /// (`ClockTrust.publicationLeadSeconds`); taken, it would make the kiosk distrust its clock.
        case publishedAhead(published: Date, reference: Date)
        /// The server offers an older version than the kiosk has.
        case versionRollback(offered: Int, current: Int)
        /// This version was published twice with different content.
        case versionConflict(Int)
        /// An asset is larger than the kiosk takes.
        case assetTooLarge(size: Int64, limit: Int64)
        /// Too little free disk for an asset and the reserve.
        case diskFull(needed: Int64, reserve: Int64, free: Int64)
        /// An asset arrived shorter than the manifest says; the next attempt resumes it.
        case incomplete(received: Int, expected: Int)
        /// A whole response for an asset had another size than the manifest says (a captive
        /// portal's page, another file); it is discarded, not resumed.
        case wrongSize(received: Int, expected: Int)
        /// An asset's content does not match its hash; it is discarded.
        case hashMismatch(actual: String)
        /// An asset the new version needs left the cache before the switch to it.
        case assetVanished(version: Int)
        /// The cache could not be read or written.
        case cacheIO
    }

    public var code: Code
    public var channel: String
    /// The URL, file or asset the failure concerns, when there is one.
    public var location: String?
    /// The failure underneath, when there is one.
    public var cause: (any Error)?

    public init(_ code: Code, channel: String, location: String? = nil, cause: (any Error)? = nil) {
        self.code = code
        self.channel = channel
        self.location = location
        self.cause = cause
    }

    /// The HTTP failure underneath a `.transfer` error.
    public var httpCode: HTTPError.Code? { (cause as? HTTPError)?.code }
}

/// The messages for people, made from the code, the location and the cause.
extension SyncError: CustomStringConvertible {
    /// What went wrong, without the channel: for the status page, which names it already.
    /// Every URL in it, the cause's too, is shown without its query (see `URLText.redacted`).
    public var reason: String { URLText.redacted(words) }

    private var words: String {
        let place = shownLocation.map { "\($0): " } ?? ""
        let underneath = cause.map { ": \(Self.describe($0))" } ?? ""
        switch code {
        case .configuration: return "\(place)cannot be used for sync\(underneath)"
        case .transfer: return (cause as? HTTPError)?.description ?? "\(place)transfer failed\(underneath)"
        case .signature: return "\(place)the signature does not verify\(underneath)"
        case .manifestInvalid: return "\(place)bad manifest\(underneath)"
        case .wrongChannel(let other):
            return "\(place)the manifest is for channel '\(other)', not '\(channel)'; refused"
        case .expired(let date): return "\(place)the manifest expired at \(ISO8601.format(date)); refused"
        case .publishedAhead(let published, let reference):
            return
                "\(place)the manifest says it was published at \(ISO8601.format(published)), more than \(Int(ClockTrust.publicationLeadSeconds / 3600)) hours after the time of the sync (\(ISO8601.format(reference))); refused"
        case .versionRollback(let offered, let current):
            return "rollback refused: the server offers version \(offered), the kiosk has \(current)"
        case .versionConflict(let version):
            return "version \(version) was published twice with different content; refused"
        case .assetTooLarge(let size, let limit):
            return "asset \(shownLocation ?? ""): \(size) bytes; this kiosk takes at most \(limit)"
        case .diskFull(let needed, let reserve, let free):
            return
                "disk full: asset \(shownLocation ?? "") needs \(needed) bytes plus a reserve of \(reserve), \(free) are free"
        case .incomplete(let received, let expected):
            return "asset \(shownLocation ?? ""): got \(received) of \(expected) bytes; will resume"
        case .wrongSize(let received, let expected):
            return
                "asset \(shownLocation ?? ""): the server sent a whole file of \(received) bytes, not the \(expected) signed; discarded"
        case .hashMismatch(let actual):
            return "asset \(shownLocation ?? ""): its content does not match its hash (got \(actual)); discarded"
        case .assetVanished(let version):
            return
                "asset \(shownLocation ?? "") left the cache before the switch to version \(version); the next sync fetches it again"
        case .cacheIO: return "cannot read or write \(shownLocation ?? "the cache")\(underneath)"
        }
    }

    public var description: String { "channel '\(channel)': \(reason)" }

    /// The location as people may see it: a URL without its user, password or query.
    private var shownLocation: String? { location.map(URLText.shown) }

    /// A cause in words: a manifest's problems one after another, anything else as it says itself.
    static func describe(_ error: any Error) -> String {
        if let list = error as? ProblemList { return list.problems.map(\.description).joined(separator: "; ") }
        if error is POSIXError || error is CocoaError { return FileProblem.describe(error) }
        return String(describing: error)
    }
}
