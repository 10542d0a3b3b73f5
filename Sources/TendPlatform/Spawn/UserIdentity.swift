#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A user to run a child as: uid, primary gid and supplementary groups.
public struct UserIdentity: Sendable, Hashable {
    public var uid: UInt32
    public var gid: UInt32
    public var groups: [UInt32]
    /// The user name, when the identity was looked up by name.
    public var name: String?

    public init(uid: UInt32, gid: UInt32, groups: [UInt32], name: String? = nil) {
        self.uid = uid
        self.gid = gid
        self.groups = groups
        self.name = name
    }

    /// Looks up `name` (or a numeric uid) in the user database.
    /// - Throws: `SpawnError` with supervisord's wording when there is no such user.
    public static func lookup(_ user: String) throws(SpawnError) -> UserIdentity {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16384)
        if let uid = UInt32(user) {
            getpwuid_r(uid, &entry, &buffer, buffer.count, &result)
            guard result != nil else { return UserIdentity(uid: uid, gid: uid, groups: [uid]) }
        } else {
            getpwnam_r(user, &entry, &buffer, buffer.count, &result)
            guard result != nil else {
                throw SpawnError(stage: .lookup, message: "Invalid user name \(user)")
            }
        }
        let name = String(cString: entry.pw_name)
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(entry.pw_name, entry.pw_gid, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            getgrouplist(entry.pw_name, entry.pw_gid, &groups, &count)
        }
        return UserIdentity(
            uid: entry.pw_uid, gid: entry.pw_gid, groups: Array(groups.prefix(Int(max(count, 0)))), name: name)
    }

    /// The id of the group named `name` (or written as a number), or `nil` when there is none.
    public static func groupID(named name: String) -> UInt32? {
        if let number = UInt32(name) { return number }
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16384)
        getgrnam_r(name, &entry, &buffer, buffer.count, &result)
        return result == nil ? nil : entry.gr_gid
    }

    /// Whether the daemon runs as root and so may switch users.
    public static var daemonIsRoot: Bool { geteuid() == 0 }
}
