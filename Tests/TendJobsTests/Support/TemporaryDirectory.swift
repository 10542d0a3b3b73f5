import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A fresh temporary directory for one test, removed by `cleanUp()`.
struct TemporaryDirectory: Sendable {
    let path: String

    init() {
        var template = Array("/tmp/tend-jobs-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = made.map { String(cString: $0) } ?? "/tmp/tend-jobs-test-\(getpid())-\(Int.random(in: 0..<1_000_000))"
    }

    func file(_ name: String) -> String { path + "/" + name }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? ""
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
