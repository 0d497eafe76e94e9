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
}
