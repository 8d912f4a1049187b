import Foundation
import SkyltCore
import SkyltStore

extension Accounts {
    /// Throws `tooManyAttempts` when the name or the address has reached its limit of
    /// failures within the window, with the minutes until enough of them have aged out.
    func refuseWhenLimited(name: String, address: String, now: Date) throws(StudioError) {
        let since = Studio.timestamp(now.addingTimeInterval(-policy.attemptWindow))
        let waits = [
            try wait(column: "name", value: name, limit: policy.maxFailuresPerName, since: since, now: now),
            try wait(column: "address", value: address, limit: policy.maxFailuresPerAddress, since: since, now: now),
        ].compactMap { $0 }
        guard let longest = waits.max() else { return }
        throw StudioError(.tooManyAttempts(waitMinutes: max(1, Int((longest / 60).rounded(.up)))))
    }

    /// Seconds until `value` is below its limit again, or nil when it is below already.
    private func wait(column: String, value: String, limit: Int, since: String, now: Date)
        throws(StudioError) -> TimeInterval?
    {
        // `column` is one of two names written above, never input.
        let rows = try storing { () throws(StoreError) in
            try studio.database.query(
                "SELECT at FROM login_attempts WHERE \(column) = ? AND at > ? ORDER BY at DESC LIMIT ?",
                [.text(value), .text(since), .integer(Int64(limit))])
        }
        guard rows.count >= limit, let oldest = rows.last?[0].string.flatMap(ISO8601.parse) else { return nil }
        return oldest.addingTimeInterval(policy.attemptWindow).timeIntervalSince(now)
    }

    /// Counts a failed login and writes its audit row (the name typed and the address, never
    /// the password). Failures older than the window are deleted on the way.
    func recordFailure(name: String, address: String, now: Date) throws(StudioError) {
        try studio.transaction { () throws(StudioError) in
            try storing { () throws(StoreError) in
                try studio.database.execute(
                    "DELETE FROM login_attempts WHERE at <= ?",
                    [.text(Studio.timestamp(now.addingTimeInterval(-policy.attemptWindow)))])
                try studio.database.execute(
                    "INSERT INTO login_attempts (name, address, at) VALUES (?, ?, ?)",
                    [.text(name), .text(address), .text(Studio.timestamp(now))])
            }
            try record("login.failed", actor: "login form", subject: name, detail: "from \(address)", at: now)
        }
    }
}
