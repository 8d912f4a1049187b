import Foundation

/// Waiting for an event that another thread or process causes: the condition is checked
/// every 20 ms until it holds or a generous deadline passes. The deadline only turns a hang
/// into a failure; no verdict depends on how fast the machine is.
public enum Poll {
    /// True as soon as `condition` holds; false if it still does not after `seconds`.
    public static func until(seconds: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while true {
            if try condition() { return true }
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}
