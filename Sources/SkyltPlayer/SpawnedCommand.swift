internal import CLinux
import FoundationEssentials
@preconcurrency import Glibc
import SkyltCore

/// A command run without a shell, its standard streams on /dev/null (what Foundation's
/// Process did for DisplayPower): started with posix_spawn, watched with waitpid.
final class SpawnedCommand {
    /// How a command ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    let pid: pid_t
    private(set) var ending: Ending?

    /// Starts `arguments[0]` with `arguments`; a program without a path is found on PATH
    /// through /usr/bin/env, as before. Throws the POSIX error of a failed start.
    init(_ arguments: [String]) throws(POSIXError) {
        let absolute = arguments[0].hasPrefix("/")
        let program = absolute ? arguments[0] : "/usr/bin/env"
        let argv = (absolute ? arguments : ["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(
                &actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        // No descriptor of the player's (sockets, the cache's files) reaches the command.
        skylt_spawn_close_from(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        Self.resetSignals(&attributes)
        var child: pid_t = 0
        let status = posix_spawn(&child, program, &actions, &attributes, argv, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        pid = child
    }

    /// The player ignores SIGTERM, SIGINT and SIGHUP (its loop handles them) and runs commands
    /// from threads that block most signals; both would pass to the command through exec, and a
    /// hung command could then not be asked to stop. So the command starts with every signal at
    /// its default action, none blocked, in a process group of its own.
    private static func resetSignals(_ attributes: inout posix_spawnattr_t) {
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        let flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP
        posix_spawnattr_setflags(&attributes, Int16(flags))
    }

    /// Whether it has ended, without waiting; reaps it when it has.
    var hasEnded: Bool {
        if ending != nil { return true }
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        guard reaped == pid else { return reaped < 0 && errno != EINTR }
        ending = Self.ending(of: status)
        return true
    }

    /// True when it ended within `seconds`, checked every `poll` seconds.
    func waitForExit(seconds: Double, poll: Double) -> Bool {
        let clock = SystemClock()
        let deadline = clock.now + seconds
        while !hasEnded && clock.now < deadline { sleepThread(seconds: poll) }
        return hasEnded
    }

    /// Blocks until it has ended.
    func waitUntilExit() {
        guard ending == nil else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return }
        }
        ending = Self.ending(of: status)
    }

    func signal(_ number: Int32) { kill(pid, number) }

    private static func ending(of status: Int32) -> Ending {
        // WIFEXITED / WTERMSIG, which Swift does not import from the C macros.
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }
}
