import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A fresh temporary directory for one test, removed by `cleanUp()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "tend-jobs-test") {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = made.map { String(cString: $0) } ?? "/tmp/\(prefix)-\(getpid())-\(Int.random(in: 0..<1_000_000))"
    }

    public func file(_ name: String) -> String { path + "/" + name }

    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    public func read(_ name: String) -> String {
        (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? ""
    }

    public func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
