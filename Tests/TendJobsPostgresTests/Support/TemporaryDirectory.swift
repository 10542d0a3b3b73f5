import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A fresh temporary directory for one test, removed by `cleanUp()`.
struct TemporaryDirectory: Sendable {
    let path: String

    init(prefix: String = "tend-jobspg-test") {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = made.map { String(cString: $0) } ?? "/tmp/\(prefix)-\(getpid())-\(Int.random(in: 0..<1_000_000))"
    }

    func file(_ name: String) -> String { path + "/" + name }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? ""
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
