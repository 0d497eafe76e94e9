extension CanonicalJSONWriter {
    /// RFC 8785 member order: `true` if `a` sorts before `b` when both are compared
    /// as sequences of UTF-16 code units.
    ///
    /// Works on UTF-8 directly: UTF-8 byte order equals code-point order, which
    /// differs from UTF-16 order only in that U+E000–U+FFFF (lead bytes EE/EF) sort
    /// after supplementary characters (lead bytes F0–F4) in UTF-16, so those two
    /// lead bytes are lifted above F4 at the first differing byte.
    public static func canonicalKeyOrder(_ a: String, _ b: String) -> Bool {
        let result: Bool? = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb in utf8PrecedesInUTF16Order(pa, pb) }
        } ?? nil
        if let result { return result }
        return a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    private static func utf8PrecedesInUTF16Order(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let shared = min(a.count, b.count)
        var index = 0
        while index < shared {
            let x = a[index]
            let y = b[index]
            if x != y { return utf16Weight(x) < utf16Weight(y) }
            index &+= 1
        }
        return a.count < b.count
    }

    @inline(__always)
    private static func utf16Weight(_ byte: UInt8) -> UInt8 {
        byte == 0xEE || byte == 0xEF ? byte &+ 0x10 : byte
    }

    /// The first 8 UTF-8 bytes of `key`, weighted for UTF-16 order, big-endian and
    /// zero-padded: unequal prefixes order keys correctly; equal ones need a full compare.
    static func sortPrefix(_ key: String) -> UInt64 {
        let fast: UInt64? = key.utf8.withContiguousStorageIfAvailable { utf8 in
            var prefix: UInt64 = 0
            for i in 0..<Swift.min(utf8.count, 8) {
                prefix |= UInt64(utf16Weight(utf8[i])) &<< (56 &- UInt64(i) &* 8)
            }
            return prefix
        }
        if let fast { return fast }
        var prefix: UInt64 = 0
        for (i, byte) in key.utf8.prefix(8).enumerated() {
            prefix |= UInt64(utf16Weight(byte)) &<< (56 &- UInt64(i) &* 8)
        }
        return prefix
    }

    /// Sorts `entries` into canonical key order (insertion sort: objects are small;
    /// already-sorted input costs one comparison per member).
    static func sortEntries(
        _ entries: UnsafeMutableBufferPointer<JSONCanonicalSortEntry>, members: [(key: String, value: JSONValue)]
    ) {
        @inline(__always) func precedes(_ a: JSONCanonicalSortEntry, _ b: JSONCanonicalSortEntry) -> Bool {
            if a.prefix != b.prefix { return a.prefix < b.prefix }
            return canonicalKeyOrder(members[a.index].key, members[b.index].key)
        }
        if entries.count > 32 {
            var entries = entries
            entries.sort(by: precedes)
            return
        }
        for i in 1..<entries.count {
            let current = entries[i]
            var j = i
            while j > 0 && precedes(current, entries[j &- 1]) {
                entries[j] = entries[j &- 1]
                j &-= 1
            }
            entries[j] = current
        }
    }
}

/// A member's position and key prefix, sorted by `CanonicalJSONWriter` in place of the member.
struct JSONCanonicalSortEntry {
    var prefix: UInt64
    var index: Int
}
