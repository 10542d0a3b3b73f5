/// Which output stream of a process.
public enum OutputStream: String, Sendable, Hashable, Codable {
    case stdout, stderr
}
