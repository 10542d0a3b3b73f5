import Foundation
import TendConfig

/// A temp directory holding the config files of one test, and a loader whose environment, host name and
/// working directory are fixed (`HOME=/home/tester`, `PORT=8080`, host `box`, cwd = the directory).
struct ConfigFixture {
    let directory: String

    init() {
        // Resolve symlinks (e.g. /tmp on some systems) so expected paths match what the loader sees.
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath().path
        directory = base + "/tend-config-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` (creating folders) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = directory + "/" + name
        try! FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Creates a directory (and its parents) and returns its path.
    @discardableResult
    func makeDirectory(_ name: String) -> String {
        let path = directory + "/" + name
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The path of `name` in the fixture's directory.
    func path(_ name: String) -> String { directory + "/" + name }

    var loader: ConfigLoader {
        ConfigLoader(
            environment: ["HOME": "/home/tester", "PORT": "8080", "TMPDIR": directory], hostName: "box",
            workingDirectory: directory)
    }

    func load(_ name: String) throws(ConfigError) -> Configuration {
        try loader.load(path: directory + "/" + name)
    }

    /// Writes `text` to `name` and loads it.
    func load(_ name: String, _ text: String) throws(ConfigError) -> Configuration {
        write(name, text)
        return try load(name)
    }

    /// The diagnostics (`file:line: message`) of a config that must fail to load; empty if it loads.
    func errors(_ name: String) -> [String] {
        do {
            _ = try load(name)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    /// Writes `text` to `name` and returns the errors of loading it.
    func errors(_ name: String, _ text: String) -> [String] {
        write(name, text)
        return errors(name)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
