/// When to try again. After a failure: full jitter, a random wait between 0 and
/// min(cap, base × 2^failures), so that a fleet of kiosks does not hammer a server that comes
/// back. After a success: the poll interval, ±10%.
public struct Backoff: Sendable, Equatable {
    public static let baseSeconds = 5.0
    public static let capSeconds = 900.0
    public static let pollJitter = 0.1

    public var failures = 0

    public init() {}

    public mutating func failed<R: RandomNumberGenerator>(using random: inout R) -> Double {
        let ceiling = min(Self.capSeconds, Self.baseSeconds * Double(1 << min(failures, 20)))
        failures += 1
        return Double.random(in: 0...ceiling, using: &random)
    }

    public mutating func succeeded<R: RandomNumberGenerator>(pollSeconds: Double, using random: inout R) -> Double {
        failures = 0
        return pollSeconds * Double.random(in: (1 - Self.pollJitter)...(1 + Self.pollJitter), using: &random)
    }
}
