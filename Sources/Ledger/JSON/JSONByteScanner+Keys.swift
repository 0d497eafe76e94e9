/// A parsed object key: where its text lies in the input plus a cheap fingerprint
/// of its decoded bytes, so duplicate keys are found without comparing Strings.
struct JSONKeySpan {
    /// Offset of the key's text (after the opening quote) in the input.
    var start: Int
    /// Length of the decoded key in UTF-8 bytes.
    var length: Int
    /// Up to the first 8 decoded bytes, little-endian, zero-padded.
    var prefix: UInt64
    /// Whether the key had escapes (then its input bytes differ from its decoded bytes).
    var escaped: Bool

    /// A well-mixed hash of `prefix` and `length`; the top 6 bits pick a bloom bit.
    var fingerprint: UInt64 {
        (prefix ^ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15
    }
}

/// Duplicate-key detection for `parseObject`.
extension JSONByteScanner {
    /// The span of the key just parsed by `parseString()` (its text is `contentStart..<contentEnd`).
    @inline(__always)
    func keySpan(contentStart: Int, contentEnd: Int) -> JSONKeySpan {
        if lastStringHadEscapes {
            let prefix = scratch.withUnsafeBufferPointer { decoded in
                Self.prefix(of: decoded.baseAddress, length: decoded.count, mayOverread: false)
            }
            return JSONKeySpan(start: contentStart, length: scratch.count, prefix: prefix, escaped: true)
        }
        let length = contentEnd &- contentStart
        let prefix = Self.prefix(of: base + contentStart, length: length, mayOverread: contentStart &+ 8 <= count)
        return JSONKeySpan(start: contentStart, length: length, prefix: prefix, escaped: false)
    }

    @inline(__always)
    private static func prefix(of bytes: UnsafePointer<UInt8>?, length: Int, mayOverread: Bool) -> UInt64 {
        guard let bytes, length > 0 else { return 0 }
        if length >= 8 || mayOverread {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
            return length >= 8 ? word : word & ((1 &<< (UInt64(length) &* 8)) &- 1)
        }
        var word: UInt64 = 0
        for i in 0..<length { word |= UInt64(bytes[i]) &<< (UInt64(i) &* 8) }
        return word
    }

    /// `false` if the object whose members start at `start` already has `key`.
    /// Uses a set once the object has 32 members, so large objects stay linear.
    func isUnique(_ key: String, _ span: JSONKeySpan, membersFrom start: Int, seen: inout Set<String>?) -> Bool {
        let memberCount = memberStack.count &- start
        if memberCount >= 32 {
            if seen == nil {
                var keys = Set<String>(minimumCapacity: memberCount &* 2)
                for i in start..<memberStack.count { keys.insert(memberStack.base[i].key) }
                seen = keys
            }
            return seen?.insert(key).inserted ?? true
        }
        let spans = keySpanStack.base
        for i in start..<keySpanStack.count {
            let other = spans[i]
            guard other.length == span.length && other.prefix == span.prefix else { continue }
            if span.length <= 8 { return false }
            if other.escaped || span.escaped {
                if memberStack.base[i].key == key { return false }
            } else if bytesEqual(other.start &+ 8, span.start &+ 8, span.length &- 8) {
                return false
            }
        }
        return true
    }

    @inline(__always)
    private func bytesEqual(_ a: Int, _ b: Int, _ length: Int) -> Bool {
        var i = 0
        while i < length {
            if base[a &+ i] != base[b &+ i] { return false }
            i &+= 1
        }
        return true
    }
}
