extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `s` in one copy (`append(contentsOf: s.utf8)`
    /// copies byte by byte, which dominated writing large reports).
    public mutating func appendUTF8(_ s: String) {
        let copied: Void? = s.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { append(contentsOf: Array(s.utf8)) }
    }

    /// Appends the first `count` bytes of the UTF-8 of `s` (all of them if it is shorter).
    public mutating func appendUTF8(_ s: String, prefix count: Int) {
        let copied: Void? = s.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0.prefix(count)) }
        if copied == nil { append(contentsOf: Array(s.utf8.prefix(count))) }
    }
}
