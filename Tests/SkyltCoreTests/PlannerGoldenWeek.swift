/// What `PlannerGoldenWeekTests` planned before the planner was made fast: per local day, the
/// number of slots starting on it and the FNV-1a digest of their `skylt plan` JSON lines.
enum PlannerGoldenWeek {
    static let trusted = [
        "2026-03-23 2669 e8a90f19704339ec",
        "2026-03-24 2626 cda7b2c20d21d3d3",
        "2026-03-25 717 c2bab3eb5c3031da",
        "2026-03-26 2665 71256b46d047a995",
        "2026-03-27 2863 aaa522dff6c565d4",
        "2026-03-28 2670 d807ed01b087da03",
        "2026-03-29 259 47e90f733b1b788",
    ]
    static let untrusted = [
        "2026-03-23 4199 f1674d45bfc159f9",
        "2026-03-24 4200 8bc010203d7d5616",
    ]
}
