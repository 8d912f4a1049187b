/// Each channel's target share of normal screen time: its weight against the others, kept
/// within its minimum and maximum by water-filling (a channel held at a bound gives or takes
/// what the others share by weight).
public enum ShareTargets {
    public struct Policy: Sendable, Equatable {
        public var weight: Double
        public var minShare: Double?
        public var maxShare: Double?

        public init(weight: Double = 1, minShare: Double? = nil, maxShare: Double? = nil) {
            self.weight = weight
            self.minShare = minShare
            self.maxShare = maxShare
        }
    }

    /// Targets for the channels that have something to play now; they add up to 1.
    public static func compute(_ policies: [String: Policy]) -> [String: Double] {
        var fixed: [String: Double] = [:]
        var free = Set(policies.keys)
        for _ in 0...policies.count {
            let remaining = 1 - fixed.values.reduce(0, +)
            let weights = free.reduce(0.0) { $0 + policies[$1]!.weight }
            var changed = false
            for name in free.sorted() {
                let share = weights > 0 ? remaining * policies[name]!.weight / weights : 0
                let policy = policies[name]!
                if let minimum = policy.minShare, share < minimum - 1e-12 {
                    fixed[name] = minimum
                    free.remove(name)
                    changed = true
                } else if let maximum = policy.maxShare, share > maximum + 1e-12, free.count > 1 {
                    fixed[name] = maximum
                    free.remove(name)
                    changed = true
                }
            }
            if !changed {
                let weights = free.reduce(0.0) { $0 + policies[$1]!.weight }
                for name in free {
                    fixed[name] = weights > 0 ? max(0, remaining) * policies[name]!.weight / weights : 0
                }
                break
            }
        }
        // With every channel at a bound the shares may not add up to 1; scale them so they do.
        let total = fixed.values.reduce(0, +)
        return total > 0 ? fixed.mapValues { $0 / total } : fixed
    }
}
