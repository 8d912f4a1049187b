extension ObjectReader {
    /// The time zone named at `key`: Stockholm's when there is none, as the shops Skylt serves
    /// are in Sweden, and also when the name is unknown, which is reported.
    func timeZone(_ key: String) -> Zone {
        var timeZone = Zone.stockholm
        if let identifier = string(key) {
            if let zone = Zone(identifier: identifier) {
                timeZone = zone
            } else {
                sink.report(fieldPath(key), "'\(identifier)' is not a time zone such as 'Europe/Stockholm'")
            }
        }
        return timeZone
    }
}
