internal import CLinux
import Foundation
@preconcurrency import Glibc

// Everything the studio writes (database, WAL, keys, staging copies) is for its own user:
// the database holds password hashes, keys/ the channels' signing keys.
umask(0o077)
// Previews are frames of megabytes made on several threads: as in the player, big buffers get
// their own mappings and go back to the kernel, and two arenas serve every thread.
skylt_tune_malloc()
// The studio's command line: one command per run, its exit status the process's.
exit(StudioCommandLine.main(Array(CommandLine.arguments.dropFirst())))
