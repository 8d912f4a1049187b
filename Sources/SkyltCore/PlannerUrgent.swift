import FoundationEssentials

extension Planner {
    /// Whether an urgent slide may take the next slot after `records` (oldest first), with
    /// `normalSeconds` more of a normal slide on screen: yes when no urgent slide played since
    /// the screen last showed something other than a slide, or when the normal slides since
    /// the last urgent one played at least u × (1 − share) / share seconds. So over any run of
    /// slots in which both may play, urgent time stays within share × span + (1 − share) × the
    /// longest urgent slide.
    func urgentTurn(after records: ArraySlice<PlayRecord>, normalSeconds: Double = 0) -> Bool {
        var normal = normalSeconds
        for record in records.reversed() {
            guard record.kind == .slide else { return true }
            if record.urgent {
                let share = settings.urgentShare
                return share * normal >= (1 - share) * record.seconds - 1e-9
            }
            normal += record.seconds
        }
        return true
    }

    /// The latest moment after `start` at which one of the `urgent` slides became valid and
    /// stayed so until `now` (its schedule began, or it arrived in the program): the moment
    /// with the most normal time behind it, and the same at every later `now` until another
    /// one becomes valid.
    func latestValid(
        _ urgent: [Int], after start: Date, _ program: Program, at now: Date, history: PlayHistory,
        clockTrusted: Bool, table: PlanTable, cache: EligibilityCache
    ) -> Date? {
        var latest: Date?
        for index in urgent {
            var since = history.arrived[table.keys[index]] ?? .distantPast
            if table.restricted[index] && clockTrusted {
                since = max(
                    since,
                    scheduleStart(
                        of: program.slides[index].schedule,
                        from: cache.state(index, of: program, at: now, local: local).since))
            }
            if since > start { latest = max(latest ?? since, since) }
        }
        return latest
    }

    /// When the schedule's allowed stretch around `since` began: a stretch that runs on across
    /// midnight or through adjacent windows is one stretch, not a new start at each seam.
    private func scheduleStart(of schedule: Schedule, from since: Date) -> Date {
        var start = since
        for _ in 0..<8 {
            let before = schedule.state(at: start.addingTimeInterval(-0.001), in: local)
            guard before.active, before.since < start else { break }
            start = before.since
        }
        return start
    }
}
