import ArgumentParser
import Foundation
import Ledger

/// `ledger checkpoint`: the log's head as a signed checkpoint to publish and have witnesses cosign.
struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Print the log's head as a signed checkpoint (C2SP tlog-checkpoint in a signed note; appends nothing).",
        discussion: """
        The note names the log (its origin), the number of events and the root of the log's Merkle tree (RFC 9162), signed with the ledger's Ed25519 key. Publish it (and the verifier key, --verifier-key); later 'ledger verify --against FILE' or 'tools/verify-export EXPORT --checkpoint FILE --verifier-key KEYFILE' shows that the log still extends it. --witness-request OLD prints the body of a witness's add-checkpoint request (C2SP tlog-witness): the size the witness last cosigned, the consistency proof from there, the checkpoint. Exit 77 when the signing key is missing: a ledger made before checkpoints existed gets one with 'ledger keygen'. See Docs/AUDIT.md.
        """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the ledger's current verifier key (<name>+<key id>+<key>) instead: what witnesses and auditors trust.") var verifierKey = false
    @Option(help: ArgumentHelp("Print a witness's add-checkpoint request body from the tree size it last cosigned.", valueName: "OLD")) var witnessRequest: UInt64?

    func validate() throws {
        if verifierKey && witnessRequest != nil { throw ValidationError("--verifier-key and --witness-request exclude each other") }
    }

    func run() throws {
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            if verifierKey {
                guard let key = try ledger.verifierKeys().last else {
                    throw LedgerError.key("this ledger has no checkpoint signing key yet (it was made before checkpoints existed): create one with 'ledger keygen'")
                }
                print(key.description)
                return
            }
            let note = try ledger.signedCheckpoint()
            guard let old = witnessRequest else {
                print(note.encoded, terminator: "")
                return
            }
            let size = try TreeCheckpoint(parsing: note.text).head.size
            let proof = try ledger.consistencyProof(first: old, second: size)
            print(WitnessRequest.body(old: old, proof: proof, note: note), terminator: "")
        }
    }
}

/// The body of a C2SP tlog-witness add-checkpoint request.
enum WitnessRequest {
    static func body(old: UInt64, proof: ConsistencyProof, note: SignedNote) -> String {
        "old \(old)\n" + proof.path.map { Base64.encode($0.bytes) + "\n" }.joined() + "\n" + note.encoded
    }
}

/// `ledger prove`: inclusion and consistency proofs of the log's Merkle tree.
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Prove that an event is in the log (inclusion), or that a larger log extends a smaller one (consistency).",
        discussion: """
        'ledger prove POSITION [--size N]': the event at POSITION is leaf POSITION-1 of the log's Merkle tree of N events (default: the whole log); whoever holds a signed checkpoint of N events checks it from the path alone. 'ledger prove --consistency M [N]': the tree of N events extends the tree of M: none of the first M events was changed, removed or reordered. --format json gives the proof for tools/verify-export --proof FILE. A position or size the log does not have is exit 64. See Docs/AUDIT.md.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The event's position (1-based).") var position: UInt64?
    @Option(help: "The tree size (default: the log's head).") var size: UInt64?
    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("A consistency proof from tree size M to N (default: the head).", valueName: "M [N]"))
    var consistency: [UInt64] = []
    @Option(help: "text or json") var format: ProofFormat = .text

    func validate() throws {
        if consistency.isEmpty == (position == nil) {
            throw ValidationError("give either POSITION (an inclusion proof) or --consistency M [N] (a consistency proof)")
        }
        if consistency.count > 2 { throw ValidationError("--consistency takes two tree sizes, M and N") }
        if !consistency.isEmpty && size != nil { throw ValidationError("--size goes with POSITION; --consistency takes its sizes itself") }
    }

    func run() throws {
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            if let position {
                let proof = try ledger.inclusionProof(position: position, size: size)
                print(format == .json ? ProofText.json(proof) : ProofText.text(proof))
            } else {
                let proof = try ledger.consistencyProof(first: consistency[0], second: consistency.count > 1 ? consistency[1] : nil)
                print(format == .json ? ProofText.json(proof) : ProofText.text(proof))
            }
        }
    }
}

/// How `prove` prints.
enum ProofFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Proofs as JSON for tools and as sentences for people.
enum ProofText {
    static func json(_ p: InclusionProof) -> String {
        PrettyJSON.render(.object(JSONObject([
            ("position", .int(Int64(p.position))), ("tree_size", .int(Int64(p.treeSize))), ("leaf", .string(p.leaf.hex)),
            ("path", .array(p.path.map { .string($0.hex) })), ("root", .string(p.root.hex)),
        ])))
    }

    static func json(_ p: ConsistencyProof) -> String {
        PrettyJSON.render(.object(JSONObject([
            ("first", .int(Int64(p.first))), ("second", .int(Int64(p.second))), ("path", .array(p.path.map { .string($0.hex) })),
            ("first_root", .string(p.firstRoot.hex)), ("second_root", .string(p.secondRoot.hex)),
        ])))
    }

    static func text(_ p: InclusionProof) -> String {
        """
        The event at position \(p.position) (hash \(p.leaf.hex))
        is in the log of \(p.treeSize) events whose Merkle root is \(p.root.hex):
        its path of \(p.path.count) hashes leads from the event to that root (RFC 9162 inclusion proof; checked).
        Anyone holding a signed checkpoint of \(p.treeSize) events with that root can check it: --format json, then tools/verify-export --proof FILE.
        """
    }

    static func text(_ p: ConsistencyProof) -> String {
        """
        The log of \(p.second) events (Merkle root \(p.secondRoot.hex))
        extends the log of \(p.first) events (Merkle root \(p.firstRoot.hex)):
        none of the first \(p.first) events was changed, removed or reordered (RFC 9162 consistency proof of \(p.path.count) hashes; checked).
        """
    }
}

/// `ledger keygen`: the checkpoint signing key of a ledger made before checkpoints existed, or a new one.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create the ledger's checkpoint signing key (a ledger made before checkpoints existed), or replace it (--rotate).",
        discussion: """
        The key goes beside the master key (signing.key, mode 0600; $\(SigningKeyFile.environmentVariable) names another file) and is named after the log's origin. Prints the new verifier key: publish it and give it to the witnesses. --rotate replaces the key; the former key's verifier key stays in the ledger, so checkpoints it signed still verify. See Docs/AUDIT.md.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The log's origin, e.g. praevention.lueneburg.example/LG (only for the first key; default ledger.example/PREFIX).") var origin: String?
    @Flag(help: "Replace the current signing key.") var rotate = false

    func run() throws {
        try runLedger {
            let ledger = try global.open()
            defer { ledger.close() }
            let key = try ledger.makeSigningKey(origin: origin, rotate: rotate)
            print(key.description)
            printNote("\(rotate ? "replaced the" : "created the") checkpoint signing key at \(ledger.options.signingKeyFile); publish the verifier key above and give it to the witnesses")
        }
    }
}

/// `verify --against`: a published `POSITION:HASH`, or a file holding one or a signed checkpoint.
enum PublishedCheckpoint {
    case sealed(Checkpoint)
    case signed(String)

    /// Reads `--against`: `POSITION:HASH` itself, else the file it names.
    static func read(_ value: String) throws(LedgerError) -> PublishedCheckpoint {
        if let checkpoint = Checkpoint(value) { return .sealed(checkpoint) }
        guard let data = FileManager.default.contents(atPath: value) else {
            if value.contains(":") && !value.contains("/") {
                throw .usage("--against must be POSITION:HASH (a number, a colon, 64 hex digits), as 'ledger seal' prints it, or a file holding it or a signed checkpoint")
            }
            throw .noLedger("no such file: \(value) (--against takes POSITION:HASH or a file holding it or a signed checkpoint)")
        }
        let text = String(decoding: data, as: UTF8.self)
        if let checkpoint = Checkpoint(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return .sealed(checkpoint) }
        return .signed(text)
    }

    /// The verifier keys in a file, one a line (blank lines and # comments skipped).
    static func verifierKeys(file: String) throws(LedgerError) -> [NoteVerifierKey] {
        guard let data = FileManager.default.contents(atPath: file) else { throw .noLedger("no such file: \(file)") }
        var keys: [NoteVerifierKey] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            do { keys.append(try NoteVerifierKey(parsing: text)) } catch {
                throw .usage("\(file) does not hold verifier keys (\(error.description))")
            }
        }
        guard !keys.isEmpty else { throw .usage("\(file) holds no verifier key") }
        return keys
    }
}
