@preconcurrency import Glibc

/// Starts a named, detached POSIX thread (what Foundation's Thread did for the loops that
/// own one): the name shows in `top -H` and in a core dump. The caller learns of the end
/// through its own signal, as `stop()` does.
public enum DetachedThread {
    /// Runs `body` on a new thread named `name` (at most 15 bytes are kept). False when the
    /// system has no thread to give.
    @discardableResult
    public static func start(name: String, _ body: @escaping @Sendable () -> Void) -> Bool {
        let box = Unmanaged.passRetained(ThreadWork(name: name, body: body)).toOpaque()
        var thread = pthread_t()
        guard pthread_create(&thread, nil, runThreadWork, box) == 0 else {
            Unmanaged<ThreadWork>.fromOpaque(box).release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}

/// What a new thread runs, handed to it through pthread_create's one pointer.
private final class ThreadWork: Sendable {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }

    /// Names the calling thread through /proc (pthread_setname_np is not in Swift's Glibc).
    func nameThisThread() {
        guard let file = try? POSIXFile(writing: "/proc/thread-self/comm") else { return }
        try? file.write(name.utf8.prefix(15))
    }
}

private func runThreadWork(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let pointer else { return nil }
    let work = Unmanaged<ThreadWork>.fromOpaque(pointer).takeRetainedValue()
    work.nameThisThread()
    work.body()
    return nil
}
