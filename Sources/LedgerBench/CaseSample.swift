import Foundation

/// Case ids found in an NDJSON file, in order of first appearance, by a plain
/// byte scan for `"case":"…"` (no JSON parse: this is bench plumbing).
enum CaseSample {
    static func ids(in path: String) throws(BenchError) -> [String] {
        var seen = Set<String>()
        var ordered: [String] = []
        let needle = Array("\"case\":\"".utf8)
        var carry: [UInt8] = []
        try Workload.forEachBlock(path) { block in
            let bytes = carry + block
            var i = 0
            var lastLineStart = 0
            while i < bytes.count {
                if bytes[i] == 10 { lastLineStart = i + 1 }
                if bytes[i] == needle[0], i + needle.count < bytes.count,
                   bytes[i..<(i + needle.count)].elementsEqual(needle) {
                    var end = i + needle.count
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                    if end < bytes.count {
                        let id = String(decoding: bytes[(i + needle.count)..<end], as: UTF8.self)
                        if seen.insert(id).inserted { ordered.append(id) }
                    }
                    i = end
                    continue
                }
                i += 1
            }
            carry = Array(bytes[lastLineStart...])
        }
        return ordered
    }
}
