import FoundationEssentials
@preconcurrency import Glibc
import SkyltCore

/// A child process for `skylt bench`, spawned with posix_spawn, whose CPU time and peak RSS
/// are read from /proc while it runs.
final class ChildProcess {
    let pid: pid_t
    private let stderrRead: Int32
    private var buffer = Data()

    /// Starts `arguments[0]` with `arguments`; its stderr comes to us, its stdout goes to /dev/null.
    init(_ arguments: [String]) throws(BenchError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw BenchError("pipe: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, arguments[0], &actions, nil, argv, environ)
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            throw BenchError("cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        pid = child
        stderrRead = fds[0]
    }

    deinit { close(stderrRead) }

    /// Reads stderr until a line contains `text`; nil at end of output or after `timeoutSeconds`.
    func waitForLine(containing text: String, timeoutSeconds: Double) -> String? {
        let deadline = Date(timeIntervalSinceNow: timeoutSeconds)
        while Date() < deadline {
            while let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                if line.contains(text) { return line }
            }
            var poll = pollfd(fd: stderrRead, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&poll, 1, 100) >= 0 else { return nil }
            if poll.revents == 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(stderrRead, &chunk, chunk.count)
            if count <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
        return nil
    }

    /// CPU seconds (user + system) used so far, from /proc.
    func cpuSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3, utime 14 and stime 15 (1-based).
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Peak resident size so far (VmHWM), from /proc. Read while the child runs: the rusage
    /// of an exited child would also count the pages it shared with us before exec.
    func peakRSSBytes() -> Int? { statusBytes("VmHWM") }

    /// A size field of /proc/PID/status (`VmRSS`, `RssAnon`, `RssFile`, …) in bytes.
    func statusBytes(_ field: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }

    /// Its resident memory split by kind, from /proc/PID/smaps_rollup.
    func memory() -> MemoryFigures? { MemoryFigures.read(pid: String(pid)) }

    /// Waits for the child to end; returns its exit status.
    @discardableResult
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Drain what is left so the child never blocks on a full pipe.
        var chunk = [UInt8](repeating: 0, count: 4096)
        while read(stderrRead, &chunk, chunk.count) > 0 {}
        return status
    }

    func terminate() { kill(pid, SIGTERM) }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
