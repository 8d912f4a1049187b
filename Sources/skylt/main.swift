internal import CLinux
import FoundationEssentials
@preconcurrency import Glibc

// Synchronous on purpose: SDL must stay on the process's real main thread, which an async
// main does not guarantee on Linux.
skylt_tune_malloc()
exit(SkyltCommandLine.main())
