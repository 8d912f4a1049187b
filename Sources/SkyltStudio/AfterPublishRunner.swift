import Foundation
@preconcurrency import Glibc

/// Runs an `AfterPublishCommand` with Foundation's Process, bounded in time and output.
///
/// Process starts the program in a process group of its own, so stopping it stops what it
/// started too (a shell script's `sleep`, rclone's helpers) and the pipe they hold closes.
enum AfterPublishRunner {
    /// Between SIGTERM and SIGKILL.
    static let terminateGraceSeconds = 5.0
    /// After SIGKILL, how long output is still read before the studio stops waiting for a
    /// program that escaped its group and keeps the pipe open.
    static let drainAfterKillSeconds = 2.0
    static let pollMilliseconds: Int32 = 100

    static func run(_ command: AfterPublishCommand, environment extra: [String: String]) -> AfterPublishResult {
        run(command.command, environment: extra, input: nil, timeout: Double(command.effectiveTimeoutSeconds))
    }

    /// Runs `words` (the program's absolute path, then its arguments) with the allowed part
    /// of the studio's environment and `extra`, `input` as its standard input (nothing when
    /// nil), stopping it at `timeout` seconds. The mail sender runs `sendmail` through here.
    static func run(_ words: [String], environment extra: [String: String], input: FileHandle?, timeout: Double)
        -> AfterPublishResult
    {
        guard let program = words.first, program.hasPrefix("/") else {
            return AfterPublishResult(
                outcome: .notStarted, output: "the command's first word must be the program's absolute path")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(words.dropFirst())
        process.environment = childEnvironment(ProcessInfo.processInfo.environment).merging(extra) { $1 }
        process.standardInput = input ?? FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try withNoSignalsBlocked { try process.run() }
        } catch {
            return AfterPublishResult(outcome: .notStarted, output: "\(program): \(error.localizedDescription)")
        }
        try? pipe.fileHandleForWriting.close()
        let (output, timedOut) = collect(
            from: pipe.fileHandleForReading.fileDescriptor, of: process, timeout: timeout)
        try? pipe.fileHandleForReading.close()
        if process.isRunning { process.waitUntilExit() }
        let outcome: AfterPublishResult.Outcome =
            timedOut
            ? .timedOut
            : process.terminationReason == .uncaughtSignal
                ? .signalled(process.terminationStatus) : .exited(process.terminationStatus)
        return AfterPublishResult(outcome: outcome, output: output)
    }

    /// Variables the command may see from the studio's environment. Everything else stays
    /// behind: the key password (`SKYLT_STUDIO_KEY_PASSWORD`), the credentials folder and
    /// whatever else the service was given are for the studio alone, and the command's output
    /// is shown to publishers.
    static let passedVariables: Set<String> = [
        "PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "USER", "LOGNAME",
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy",
        "RCLONE_CONFIG", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_PROFILE",
    ]

    /// The allowed part of `environment`.
    static func childEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter { passedVariables.contains($0.key) }
    }

    /// Reads the program's output until it has exited and closed the pipe, stopping it at
    /// `timeout`; true when it had to be stopped.
    private static func collect(from descriptor: Int32, of process: Process, timeout: Double) -> (String, Bool) {
        var output = Data()
        var cut = false
        var ended = false
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        let group = process.processIdentifier
        let deadline = Date().addingTimeInterval(timeout)
        var terminatedAt: Date?
        var killedAt: Date?
        while true {
            if !ended {
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                if poll(&entry, 1, pollMilliseconds) > 0 {
                    let count = read(descriptor, &buffer, buffer.count)
                    if count > 0 {
                        let room = max(0, AfterPublishResult.maxOutputBytes - output.count)
                        output.append(contentsOf: buffer[0..<min(count, room)])
                        cut = cut || count > room
                    } else if count == 0 || errno != EINTR {
                        ended = true
                    }
                }
            } else {
                usleep(UInt32(pollMilliseconds) * 1000)
            }
            if ended, !process.isRunning { break }
            let now = Date()
            if terminatedAt == nil, now >= deadline {
                kill(-group, SIGTERM)
                terminatedAt = now
            }
            if let terminatedAt, killedAt == nil, now >= terminatedAt.addingTimeInterval(terminateGraceSeconds) {
                kill(-group, SIGKILL)
                killedAt = now
            }
            if let killedAt, now >= killedAt.addingTimeInterval(drainAfterKillSeconds) { break }
        }
        var text = String(decoding: output, as: UTF8.self)
        if cut { text += "\n[output cut at \(AfterPublishResult.maxOutputBytes >> 10) KB]" }
        return (text, terminatedAt != nil)
    }

    /// Runs `body` (the spawn) with no signal blocked in this thread. A child inherits its
    /// parent thread's signal mask: `skylt-studio serve` blocks SIGTERM and SIGINT in every
    /// thread (it waits for them with sigwait) and Dispatch's threads block more. Without
    /// this, the command could be stopped at its timeout only by SIGKILL, and rclone could not
    /// clean up on SIGTERM. The window is the spawn alone.
    private static func withNoSignalsBlocked(_ body: () throws -> Void) rethrows {
        var none = sigset_t()
        sigemptyset(&none)
        var previous = sigset_t()
        pthread_sigmask(SIG_SETMASK, &none, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try body()
    }
}
