import Logging
import ServiceLifecycle
import TendConfig
import TendPlatform
import TendSupervisor

/// ncolony mode as a service of the daemon's group: watches the config and messages directories with inotify
/// and acts on each change as it happens (ncolony looks every `--frequency` seconds, 10 by default).
///
/// - A file written, renamed in or removed in the config directory makes the daemon apply the directory as it
///   is then (`applyDirectory`): new files start, changed bytes restart, removed files stop. Changes that arrive
///   while one is applied are applied together once it is done.
/// - Each message file is applied, then deleted (see `NcolonyMessenger`); the ones present at start first.
/// - With `--pid DIR`, each ncolony program's pid is kept in `DIR/NAME` while it runs (`NcolonyPidFiles`).
///
/// A directory that cannot be watched stops the service with an error, which stops the daemon. Graceful shutdown
/// ends it before the supervisor stops the processes, so that nothing restarts during the stop.
struct NcolonyService: Service, CustomStringConvertible {
    let settings: NcolonySettings
    let supervisor: Supervisor
    /// Applies the config directory as it is now (`Daemon.applyNcolonyDirectory`).
    let applyDirectory: @Sendable () async -> Void
    let logger: Logger

    func run() async throws {
        let programs = try DirectoryWatcher(path: settings.configDirectory)
        defer { programs.cancel() }
        let messages = try DirectoryWatcher(path: settings.messagesDirectory)
        defer { messages.cancel() }
        logger.info("ncolony: watching \(settings.configDirectory) and \(settings.messagesDirectory)")
        let (changes, changed) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let messenger = NcolonyMessenger(settings: settings, supervisor: supervisor, logger: logger)
        let pidFiles = settings.pidDirectory.map {
            NcolonyPidFiles(directory: $0, supervisor: supervisor, logger: logger)
        }
        let apply = applyDirectory
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask {
                    // A change between the daemon's first read and the watch is not lost.
                    changed.yield()
                    for await event in programs.events where Self.concernsAFile(event) { changed.yield() }
                }
                group.addTask {
                    for await _ in changes { await apply() }
                }
                group.addTask {
                    await messenger.applyWaitingMessages()
                    for await event in messages.events {
                        switch event {
                        case .changed(let name): await messenger.apply(fileNamed: name)
                        case .overflow: await messenger.applyWaitingMessages()
                        case .removed, .directoryGone: break
                        }
                    }
                }
                if let pidFiles {
                    group.addTask { await pidFiles.run() }
                }
            }
        }
    }

    /// Whether a config directory event can change the programs: a program file written, renamed or removed, or
    /// lost events. `*.new` and dot files are being written, and are skipped.
    static func concernsAFile(_ event: DirectoryWatcher.Event) -> Bool {
        switch event {
        case .changed(let name), .removed(let name): NcolonyDirectory.isProgramFileName(name)
        case .overflow, .directoryGone: true
        }
    }

    var description: String { "ncolony" }
}
