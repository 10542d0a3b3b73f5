import Logging
import TendConfig
import TendJobs

/// A logger that drops everything, for stores and runners under test.
public let quietLogger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

/// A task running `script` with /bin/sh, with a short grace and the given settings.
public func shellTask(_ name: String, _ script: String, _ configure: (inout TaskSpec) -> Void = { _ in }) -> TaskSpec {
    var spec = TaskSpec(name: name, command: "/bin/sh -c '\(script)'", arguments: ["/bin/sh", "-c", script])
    spec.grace = 1
    configure(&spec)
    return spec
}

extension Job {
    /// The result as text.
    public var resultText: String { String(decoding: result ?? [], as: UTF8.self) }
}
