/// The last `capacity` bytes written to a stream, and the total ever written, so that a reader can ask
/// for "what came after offset N" (supervisorctl's `tail -f` protocol) without touching the disk.
struct TailBuffer: Sendable {
    let capacity: Int
    private var storage: [UInt8]
    private var start = 0
    /// Bytes ever appended (offsets are in this space).
    private(set) var totalWritten = 0

    init(capacity: Int) {
        self.capacity = capacity
        self.storage = []
        storage.reserveCapacity(min(capacity, 4096))
    }

    /// Appends bytes, dropping the oldest beyond capacity.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        totalWritten += bytes.count
        if bytes.count >= capacity {
            storage = Array(bytes.suffix(capacity))
            start = 0
            return
        }
        if storage.count < capacity {
            let room = capacity - storage.count
            storage.append(contentsOf: bytes.prefix(room))
            if bytes.count > room { overwrite(bytes.dropFirst(room)) }
        } else {
            overwrite(bytes[...])
        }
    }

    /// Writes over the oldest bytes of a full ring, in at most two copies.
    private mutating func overwrite(_ bytes: Slice<UnsafeRawBufferPointer>) {
        var source = UnsafeRawBufferPointer(rebasing: bytes)
        storage.withUnsafeMutableBytes { ring in
            while !source.isEmpty {
                let run = min(source.count, capacity - start)
                ring.baseAddress!.advanced(by: start).copyMemory(from: source.baseAddress!, byteCount: run)
                start = (start + run) % capacity
                source = UnsafeRawBufferPointer(rebasing: source[run...])
            }
        }
    }

    /// The bytes held, oldest first.
    var contents: [UInt8] {
        storage.count < capacity ? storage : Array(storage[start...] + storage[..<start])
    }

    /// The offset of the oldest byte still held.
    var oldestOffset: Int { totalWritten - storage.count }

    /// Reads like supervisord's `tailProcessLog(name, offset, length)`: the bytes from `offset`,
    /// at most `length` of them (the newest when there are more).
    func read(from offset: Int, length: Int) -> (bytes: [UInt8], offset: Int, overflow: Bool) {
        let all = contents
        let from = max(offset, oldestOffset)
        guard from < totalWritten else { return ([], totalWritten, false) }
        let available = totalWritten - from
        let overflow = available > length || offset < oldestOffset
        let take = min(available, length)
        return (Array(all.suffix(take)), totalWritten, overflow)
    }

    /// Forgets everything held (the offsets keep counting).
    mutating func clear() {
        storage.removeAll(keepingCapacity: true)
        start = 0
    }
}
