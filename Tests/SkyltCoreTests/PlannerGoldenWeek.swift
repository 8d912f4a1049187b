/// What `PlannerGoldenWeekTests` plans: per local day, the number of slots starting on it and
/// the FNV-1a digest of their `skylt plan` JSON lines. Recorded again when urgent notices came
/// to cut a slide only as they become valid and to keep to their share of the screen.
enum PlannerGoldenWeek {
    static let trusted = [
        "2026-03-23 2581 babd096a7eecb801",
        "2026-03-24 2520 427056755e2d1474",
        "2026-03-25 694 3af9dadd980b5a35",
        "2026-03-26 2577 2412c060c88ddf05",
        "2026-03-27 2789 3385a5313a3ff973",
        "2026-03-28 2593 7a0e08d8828713c2",
        "2026-03-29 255 b05654c93354f5f2",
    ]
    static let untrusted = [
        "2026-03-23 4034 5a01a2afaa763de3",
        "2026-03-24 4032 e6b88519e8bc05ad",
    ]
}
