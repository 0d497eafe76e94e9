/// The name of a note key, which for a log is its checkpoints' origin
/// (C2SP signed-note: non-empty, no Unicode spaces, no plus). Promises:
/// `check` accepts only names every signed-note implementation accepts:
/// printable ASCII without space or plus, 1 to 255 bytes.
enum NoteName {
    static func check(_ name: String, what: String = "a key name") throws(NoteError) {
        guard !name.isEmpty, name.utf8.count <= 255 else { throw .badName("\(what) must be 1 to 255 characters") }
        guard name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "+") }) else {
            throw .badName("\(what) '\(name.prefix(60))' may hold only printable ASCII, no space and no '+'")
        }
    }
}
