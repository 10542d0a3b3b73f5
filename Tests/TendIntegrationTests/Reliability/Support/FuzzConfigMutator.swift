import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One mutated config: the files of a case (the main file is `case.conf`), and the mutations that made it
/// (for the failure message, with the seed and case number that replay it).
struct FuzzConfigCase: Sendable {
    static let mainName = "case.conf"

    var files: [String: [UInt8]]
    var mutations: [String]

    /// Writes the case's files into `directory` (made if needed), with plain system calls: thousands of cases are
    /// written one after the other, and Foundation's file manager would take as long as the loader.
    func write(into directory: String) throws {
        mkdir(directory, 0o755)
        for (name, bytes) in files {
            let path = directory + "/" + name
            if let slash = name.lastIndex(of: "/") { mkdir(directory + "/" + name[..<slash], 0o755) }
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw DaemonFixtureError(description: "can't write \(path): errno \(errno)") }
            defer { close(fd) }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                guard written > 0 else { throw DaemonFixtureError(description: "can't write \(path): errno \(errno)") }
                offset += written
            }
        }
    }

    /// Removes what `write(into:)` wrote.
    func remove(from directory: String) {
        for name in files.keys {
            unlink(directory + "/" + name)
            if let slash = name.lastIndex(of: "/") { rmdir(directory + "/" + name[..<slash]) }
        }
    }
}

/// Makes mutated configs from seeds: byte flips, truncations, duplicated lines and sections, huge numbers,
/// unknown and malformed `%(…)s` expansions, include cycles, binary garbage, very long lines, broken section
/// headers and continuation lines. One to four mutations a case, all drawn from a `FuzzRandom`.
struct FuzzConfigMutator {
    var random: FuzzRandom
    let seeds: [FuzzConfigSeed]

    init(seed: UInt64, seeds: [FuzzConfigSeed]) {
        random = FuzzRandom(seed: seed)
        self.seeds = seeds
    }

    static let hugeNumbers = [
        "99999999999999999999999999999", "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
        "18446744073709551616", "1e308", "0x7fffffff", "1" + String(repeating: "0", count: 400), "4294967296",
        "2147483648", "-0", "+5", "99999999999999999999KB", "9223372036854775807MB", "00000000000000000000000001",
        "NaN", "inf", "1.5", "0777777777777777777777",
    ]

    static let expansions = [
        "%(nonsense)s", "%(ENV_TEND_FUZZ_UNSET)s", "%(here)d", "%(program_name", "%(", "%()s", "%(process_num)99999d",
        "%(process_num)s", "%%(here)s", "%", "%(here)x", "%(host_node_name)-99999999s", "%(numprocs)02.9999999d",
        "%(here)s%(here)s%(here)s", "%(group_name)s", "%(ENV_)s", "%(%(here)s)s", "%(process_num)*d",
    ]

    mutating func next() -> FuzzConfigCase {
        let seed = random.pick(seeds)
        var files: [String: [UInt8]] = [FuzzConfigCase.mainName: seed.main]
        for (name, bytes) in seed.extraFiles { files[name] = bytes }
        var mutations: [String] = ["seed \(seed.name)"]
        for _ in 0..<(1 + random.below(4)) {
            let target = random.oneIn(4) ? random.pick(files.keys.sorted()) : FuzzConfigCase.mainName
            var bytes = files[target] ?? []
            let name = mutate(&bytes, files: &files)
            files[target] = bytes
            mutations.append("\(name) in \(target)")
        }
        return FuzzConfigCase(files: files, mutations: mutations)
    }

    private mutating func mutate(_ bytes: inout [UInt8], files: inout [String: [UInt8]]) -> String {
        switch random.below(13) {
        case 0:
            for _ in 0..<(1 + random.below(8)) where !bytes.isEmpty {
                bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
            }
            return "byte flips"
        case 1:
            bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
            return "truncation"
        case 2:
            var lines = Self.lines(bytes)
            guard !lines.isEmpty else { return "nothing" }
            let line = random.pick(lines)
            for _ in 0..<(1 + random.below(3)) { lines.insert(line, at: random.below(lines.count + 1)) }
            bytes = Self.joined(lines)
            return "duplicated line"
        case 3:
            let sections = Self.sections(bytes)
            guard let section = sections.isEmpty ? nil : random.pick(sections) else { return "nothing" }
            bytes += [0x0A] + section
            return "duplicated section"
        case 4:
            replaceValue(&bytes, with: random.pick(Self.hugeNumbers))
            return "huge number"
        case 5:
            let expansion = random.pick(Self.expansions)
            if random.oneIn(2) {
                replaceValue(&bytes, with: "x" + expansion + "y")
            } else {
                insert(Array(expansion.utf8), into: &bytes)
            }
            return "expansion \(expansion)"
        case 6:
            addIncludeCycle(&bytes, files: &files)
            return "include cycle"
        case 7:
            insert(random.bytes(1 + random.below(64)), into: &bytes)
            return "binary garbage"
        case 8:
            replaceValue(&bytes, with: String(repeating: random.pick(["a", "%", "9", ",", "\"", "'"]), count: 20_000))
            return "long value"
        case 9:
            let header = random.pick([
                "[program:", "[]", "[program:]", "[group:g]\nprograms = nope,,", "[include]", "[[program:x]]",
                "[program:a b]", "[eventlistener:e]\nevents =", "[task:]", "[program:x]\ncommand =",
                "[unix_http_server]\nfile = /nonexistent-dir/x.sock", "[supervisord]\nuser = no-such-user-fuzz",
                "[program:p]\ncommand = /bin/true\nnumprocs = 3", "[group:g]\nprograms = g", "[DEFAULT]\nx = %(x)s",
            ])
            insertLine(Array(header.utf8), into: &bytes)
            return "section header \(header.prefix(20))"
        case 10:
            var lines = Self.lines(bytes)
            guard !lines.isEmpty else { return "nothing" }
            let index = random.below(lines.count)
            switch random.below(4) {
            case 0: lines.remove(at: index)
            case 1: lines[index] = [0x20, 0x20] + lines[index]
            case 2: lines[index] = lines[index].map { $0 == UInt8(ascii: "=") ? UInt8(ascii: ":") : $0 }
            default: lines.swapAt(index, random.below(lines.count))
            }
            bytes = Self.joined(lines)
            return "line edit"
        case 11:
            let text = random.pick(["\r\n", "\r", "\u{FEFF}", "\0", "\u{00A0}", "é", "\u{1F600}", ";", "#", "\\"])
            insert(Array(text.utf8), into: &bytes)
            return "special character"
        default:
            let numbers = [
                "numprocs", "startsecs", "priority", "stopwaitsecs", "umask", "stdout_logfile_maxbytes",
                "logfile_backups", "timeout", "minfds", "startretries", "backoff_max", "result_ttl", "exitcodes",
            ]
            insertLine(Array("\(random.pick(numbers)) = \(random.pick(Self.hugeNumbers))".utf8), into: &bytes)
            return "huge setting"
        }
    }

    /// An `[include]` that reads the main file back, directly or through a second file.
    private mutating func addIncludeCycle(_ bytes: inout [UInt8], files: inout [String: [UInt8]]) {
        if random.oneIn(2) {
            bytes += Array("\n[include]\nfiles = %(here)s/\(FuzzConfigCase.mainName) *.conf\n".utf8)
        } else {
            files["cycle.conf"] = Array("[include]\nfiles = \(FuzzConfigCase.mainName) cycle.conf\n".utf8)
            bytes += Array("\n[include]\nfiles = cycle.conf\n".utf8)
        }
    }

    /// Replaces the value of a random `key = value` line.
    private mutating func replaceValue(_ bytes: inout [UInt8], with value: String) {
        var lines = Self.lines(bytes)
        let candidates = lines.indices.filter { lines[$0].contains(UInt8(ascii: "=")) }
        guard !candidates.isEmpty else {
            bytes += Array("\nkey = \(value)\n".utf8)
            return
        }
        let index = random.pick(candidates)
        let line = lines[index]
        let equals = line.firstIndex(of: UInt8(ascii: "="))!
        lines[index] = Array(line[...equals]) + Array(" \(value)".utf8)
        bytes = Self.joined(lines)
    }

    private mutating func insert(_ piece: [UInt8], into bytes: inout [UInt8]) {
        bytes.insert(contentsOf: piece, at: random.below(bytes.count + 1))
    }

    private mutating func insertLine(_ line: [UInt8], into bytes: inout [UInt8]) {
        var lines = Self.lines(bytes)
        lines.insert(line, at: random.below(lines.count + 1))
        bytes = Self.joined(lines)
    }

    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    }

    static func joined(_ lines: [[UInt8]]) -> [UInt8] {
        Array(lines.joined(separator: [0x0A]))
    }

    /// Each `[section]` with its lines up to the next header.
    static func sections(_ bytes: [UInt8]) -> [[UInt8]] {
        var result: [[[UInt8]]] = []
        for line in lines(bytes) {
            if line.first == UInt8(ascii: "[") {
                result.append([line])
            } else if !result.isEmpty {
                result[result.count - 1].append(line)
            }
        }
        return result.map(joined)
    }
}
