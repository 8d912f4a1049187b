public import SkyltCore

/// Time for the play loop: the clock every long-running loop uses (`LoopClock` in SkyltCore,
/// with `SystemClock` the real one). The name stays for the player's callers and tests.
public typealias PlayClock = LoopClock
