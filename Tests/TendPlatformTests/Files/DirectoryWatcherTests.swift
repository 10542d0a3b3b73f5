import Testing

@testable import TendPlatform

#if canImport(Glibc)
    import Glibc
#endif

/// The directory watcher as the ncolony service relies on it: written-and-closed files, renames in and out,
/// deletions, and the directory going away, each reported once, in order.
@Suite(.timeLimit(.minutes(1)))
struct DirectoryWatcherTests {
    private func makeDirectory() -> String {
        var template = Array("/tmp/tend-watch.XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    private func write(_ text: String, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(fd >= 0)
        _ = text.utf8CString.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    private func collect(_ count: Int, from watcher: DirectoryWatcher) async -> [DirectoryWatcher.Event] {
        var events: [DirectoryWatcher.Event] = []
        for await event in watcher.events {
            events.append(event)
            if events.count == count { break }
        }
        return events
    }

    @Test func reportsWrittenRenamedAndDeletedFilesInOrder() async throws {
        let directory = makeDirectory()
        defer { rmdir(directory) }
        let watcher = try DirectoryWatcher(path: directory)
        defer { watcher.cancel() }
        write("{}", to: directory + "/web.new")
        rename(directory + "/web.new", directory + "/web")
        unlink(directory + "/web")
        let events = await collect(4, from: watcher)
        #expect(events == [.changed("web.new"), .removed("web.new"), .changed("web"), .removed("web")])
    }

    @Test func aFileMovedOutIsRemovedAndTheDirectoryGoingAwayEndsTheStream() async throws {
        let directory = makeDirectory()
        let outside = makeDirectory()
        defer { rmdir(outside) }
        write("x", to: directory + "/job")
        let watcher = try DirectoryWatcher(path: directory)
        rename(directory + "/job", outside + "/job")
        unlink(outside + "/job")
        rmdir(directory)
        var events: [DirectoryWatcher.Event] = []
        for await event in watcher.events { events.append(event) }
        #expect(events == [.removed("job"), .directoryGone])
    }

    @Test func aMissingDirectoryCannotBeWatched() {
        #expect(throws: DirectoryWatcher.WatchError.self) {
            _ = try DirectoryWatcher(path: "/nonexistent/tend-watch")
        }
    }

    @Test func cancellingFinishesTheStream() async throws {
        let directory = makeDirectory()
        defer { rmdir(directory) }
        let watcher = try DirectoryWatcher(path: directory)
        watcher.cancel()
        var count = 0
        for await _ in watcher.events { count += 1 }
        #expect(count == 0)
    }
}
