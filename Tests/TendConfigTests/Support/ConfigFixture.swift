import Foundation
import TendConfig

/// A temp directory holding config files for one test.
struct ConfigFixture {
    let directory: String

    init() {
        directory = NSTemporaryDirectory() + "tend-config-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` (creating folders) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = directory + "/" + name
        try! FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    var loader: ConfigLoader {
        ConfigLoader(environment: ["HOME": "/home/tester", "PORT": "8080"], hostName: "box", workingDirectory: directory)
    }

    func load(_ name: String) throws(ConfigError) -> Configuration {
        try loader.load(path: directory + "/" + name)
    }

    /// The diagnostics of a config that must fail to load.
    func errors(_ name: String) -> [String] {
        do {
            _ = try load(name)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
