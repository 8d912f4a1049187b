public import FoundationEssentials
@preconcurrency import Glibc
public import SkyltCore

/// The state directory: created if missing; without it the player still plays, but keeps no
/// play log and cannot tell a clock that booted in the past.
public enum StateDirectory {
    /// The folder, ready to write, or nil after saying why not.
    public static func prepare(_ folder: URL, logger: Logger) -> URL? {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard access(folder.path, W_OK) == 0 else {
                logger.warning(
                    "state directory \(folder.path) is not writable; no play log or status page token is kept there")
                return nil
            }
            return folder
        } catch {
            logger.warning(
                "cannot create the state directory \(folder.path): \(FileProblem.describe(error)); no play log or status page token is kept there"
            )
            return nil
        }
    }

    /// When this binary was built (its modification time): a clock earlier than that is wrong.
    public static func buildTime() -> Date {
        let path = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        return (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
    }
}
