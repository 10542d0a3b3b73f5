import TendDaemon
import TendPlatform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The entry point: a synchronous `main` that puts Swift concurrency on the event loops (`EventLoopExecutor`:
/// Swift's async `main` would start libdispatch's worker pool and its once-a-second monitor) and then runs
/// the command line.
@main
enum TendMain {
    static func main() {
        DaemonProcess.clearSignalMask()
        EventLoopExecutor.install()
        exit(EventLoopExecutor.run { await Tend.runCommandLine() })
    }
}
