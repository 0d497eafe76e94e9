"""Tests of tools/verify-export.

    python3 -m unittest discover -s tools/tests

The chained exports these tests check are built here, with a canonical form
of their own (json.dumps with sorted keys: RFC 8785 for the ASCII keys an
event has), so that the verifier is checked against an independent
implementation rather than against itself.
"""

import base64
import hashlib
import importlib.machinery
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VERIFY = ROOT / "tools" / "verify-export"
SMALL = ROOT / "Fixtures" / "small.ndjson"
DEMO = ROOT / "Fixtures" / "demo.ndjson"
ZERO = "0" * 64


def load_verifier():
    loader = importlib.machinery.SourceFileLoader("verify_export", str(VERIFY))
    spec = importlib.util.spec_from_loader("verify_export", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


ve = load_verifier()


# ---------------------------------------------------------------------------
# Building exports as the ledger writes them

def test_canonical(obj):
    """RFC 8785 for objects whose keys are all ASCII and numbers integers."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


test_canonical.__test__ = False          # not a test, despite its name


def seal(value, case):
    """A stand-in for the ledger's sealed form: deterministic bytes, base64."""
    plain = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return {"sealed": base64.b64encode(hashlib.sha256(case.encode() + plain).digest() * 2).decode()}


def sealed_data(data, case):
    out = {}
    for k, v in data.items():
        if k in ("person", "note", "place"):
            out[k] = seal(v, case)
        elif k == "replacement":
            out[k] = sealed_data(v, case)
        else:
            out[k] = v
    return out


def chain(events):
    """Full export objects (position, version, prev, hash) for import events."""
    out, versions, prev = [], {}, ZERO
    for position, ev in enumerate(events, 1):
        version = versions.get(ev["case"], 0) + 1
        versions[ev["case"]] = version
        obj = {"position": position, "case": ev["case"], "version": version,
               "type": ev["type"], "schema": ev["schema"], "occurred_at": ev["occurred_at"],
               "recorded_at": ev["recorded_at"], "actor": ev["actor"],
               "data": sealed_data(ev["data"], ev["case"]), "prev": prev}
        obj["hash"] = prev = hashlib.sha256(test_canonical(obj)).hexdigest()
        out.append(obj)
    return out


def rehash(objs, start=0):
    """Recompute prev and hash from index start on (after a deliberate edit)."""
    prev = objs[start - 1]["hash"] if start else ZERO
    for obj in objs[start:]:
        obj["prev"] = prev
        obj.pop("hash", None)
        obj["hash"] = prev = hashlib.sha256(test_canonical(obj)).hexdigest()
    return objs


def lines_of(objs):
    return [json.dumps(o, ensure_ascii=False, separators=(",", ":")).encode("utf-8") for o in objs]


def import_events(path):
    return [json.loads(x) for x in path.read_bytes().splitlines()]


class VerifyExportCLI(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.objs = chain(import_events(SMALL))

    def write(self, lines, name="export.ndjson"):
        path = Path(self.tmp.name) / name
        path.write_bytes(b"".join(x + b"\n" for x in lines))
        return path

    def run_verify(self, *args, stdin=None):
        return subprocess.run([sys.executable, str(VERIFY)] + [str(a) for a in args],
                              input=stdin, capture_output=True)

    def assert_refused(self, lines, line, word, *extra):
        path = self.write(lines)
        r = self.run_verify(path, *extra)
        err = r.stderr.decode()
        self.assertEqual(r.returncode, 1, err)
        self.assertTrue(err.startswith(f"{path}:{line}: "), err)
        self.assertIn(word, err.lower())
        self.assertEqual(r.stdout, b"")
        return err

    # -- acceptance ---------------------------------------------------------
    def test_accepts_a_correctly_chained_export(self):
        path = self.write(lines_of(self.objs))
        r = self.run_verify(path)
        self.assertEqual(r.returncode, 0, r.stderr)
        cases = len({o["case"] for o in self.objs})
        head = self.objs[-1]["hash"]
        self.assertEqual(r.stdout.decode(),
                         f"verified {len(self.objs)} events, {cases} cases; head {len(self.objs)}:{head}\n")
        self.assertEqual(r.stderr, b"")

    def test_accepts_the_demo_ledger_chained_from_stdin_and_quiet(self):
        objs = chain(import_events(DEMO))
        data = b"\n".join(lines_of(objs)) + b"\n"
        r = self.run_verify("-", stdin=data)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"verified {len(objs)} events, 48 cases;".encode(), r.stdout)
        r = self.run_verify("-", "--quiet", stdin=data)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, b"", b""))

    def test_accepts_schema_2_and_the_checks_and_restrictions(self):
        """verify-export checks the chain, not the vocabulary: analyses of
        schema 2, tenancy.checked and the restriction events verify as any."""
        generator = ROOT / "tools" / "generate-ledger"
        data = subprocess.run([sys.executable, str(generator), "--households", "200", "--seed", "4"],
                              check=True, capture_output=True).stdout
        events = [json.loads(x) for x in data.splitlines()]
        seen = {(e["type"], e["schema"]) for e in events}
        for needed in (("situation.analysed", 2), ("tenancy.checked", 1), ("case.restricted", 1),
                       ("case.restriction_lifted", 1)):
            self.assertIn(needed, seen)
        objs = chain(events)
        r = self.run_verify(self.write(lines_of(objs)))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"verified {len(objs)} events".encode(), r.stdout)
        i = next(k for k, o in enumerate(objs) if "suit_date" in o["data"])
        lines = lines_of(objs)
        lines[i] = lines[i].replace(b'"suit_date":"', b'"suit_date":"1', 1)
        self.assert_refused(lines, i + 1, "hash mismatch")

    def test_accepts_an_empty_export_and_one_without_final_newline(self):
        r = self.run_verify(self.write([], "empty.ndjson"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.decode(), f"verified 0 events, 0 cases; head 0:{ZERO}\n")
        path = Path(self.tmp.name) / "nonl.ndjson"
        path.write_bytes(b"\n".join(lines_of(self.objs)))
        self.assertEqual(self.run_verify(path).returncode, 0)

    def test_against_a_published_checkpoint(self):
        lines = lines_of(self.objs)
        h = self.objs[41]["hash"]
        path = self.write(lines)
        r = self.run_verify(path, "--against", f"42:{h}")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.run_verify(path, "--against", f"42:{h.upper()}")
        self.assertEqual(r.returncode, 0, r.stderr)
        wrong = ("1" if h[0] != "1" else "2") + h[1:]
        err = self.assert_refused(lines, 42, "checkpoint", "--against", f"42:{wrong}")
        self.assertIn(wrong, err)
        # The export no longer reaches the checkpoint.
        self.assert_refused(lines[:30], 31, "checkpoint", "--against", f"42:{h}")
        # A checkpoint hash that exists at another position does not count.
        self.assert_refused(lines, 43, "checkpoint", "--against", f"43:{h}")

    # -- refusals, each naming the right line ----------------------------------
    def test_flipped_character_in_data(self):
        lines = lines_of(self.objs)
        i = next(k for k, o in enumerate(self.objs) if o["type"] == "situation.analysed")
        risk = self.objs[i]["data"]["risk"].encode()
        flipped = risk[:-1] + (b"X" if risk[-1:] != b"X" else b"Y")     # one character
        lines[i] = lines[i].replace(b'"risk":"%s"' % risk, b'"risk":"%s"' % flipped, 1)
        self.assertNotEqual(lines[i], lines_of(self.objs)[i])
        self.assert_refused(lines, i + 1, "hash")

    def test_flipped_digit_in_an_amount(self):
        lines = lines_of(self.objs)
        i = next(k for k, o in enumerate(self.objs) if "arrears_cents" in o["data"])
        amount = self.objs[i]["data"]["arrears_cents"]
        lines[i] = lines[i].replace(b'"arrears_cents":%d' % amount, b'"arrears_cents":%d' % (amount + 1))
        self.assert_refused(lines, i + 1, "hash mismatch")

    def test_flipped_sealed_byte(self):
        lines = lines_of(self.objs)
        i = next(k for k, o in enumerate(self.objs) if k > 0 and o["type"] == "case.opened")
        obj = dict(self.objs[i])
        sealed = obj["data"]["person"]["sealed"]
        obj["data"] = dict(obj["data"], person={"sealed": ("A" if sealed[0] != "A" else "B") + sealed[1:]})
        lines[i] = lines_of([obj])[0]
        self.assert_refused(lines, i + 1, "hash")

    def test_removed_line(self):
        lines = lines_of(self.objs)
        del lines[10]
        self.assert_refused(lines, 11, "position")

    def test_removed_last_line_is_only_caught_by_a_checkpoint(self):
        lines = lines_of(self.objs)
        last = self.objs[-1]
        r = self.run_verify(self.write(lines[:-1]))
        self.assertEqual(r.returncode, 0)
        self.assert_refused(lines[:-1], len(lines), "checkpoint", "--against",
                            f"{last['position']}:{last['hash']}")

    def test_swapped_lines(self):
        lines = lines_of(self.objs)
        lines[20], lines[21] = lines[21], lines[20]
        self.assert_refused(lines, 21, "position")

    def test_swapped_lines_renumbered_and_rehashed(self):
        """A forger who renumbers and rehashes still breaks versions or time."""
        objs = chain(import_events(SMALL))
        i = next(k for k in range(1, len(objs) - 1)
                 if objs[k]["case"] == objs[k + 1]["case"])
        objs[i], objs[i + 1] = objs[i + 1], objs[i]
        objs[i]["position"], objs[i + 1]["position"] = i + 1, i + 2
        rehash(objs, i)
        self.assert_refused(lines_of(objs), i + 1, "version")

    def test_wrong_prev(self):
        objs = chain(import_events(SMALL))
        objs[7]["prev"] = objs[5]["hash"]
        objs[7]["hash"] = hashlib.sha256(test_canonical({k: v for k, v in objs[7].items()
                                                         if k != "hash"})).hexdigest()
        self.assert_refused(lines_of(objs), 8, "prev")

    def test_rehashed_edit_breaks_the_next_prev(self):
        objs = chain(import_events(SMALL))
        objs[12]["actor"] = "cw.forger"
        objs[12]["hash"] = hashlib.sha256(test_canonical({k: v for k, v in objs[12].items()
                                                          if k != "hash"})).hexdigest()
        self.assert_refused(lines_of(objs), 14, "prev")

    def test_float(self):
        lines = lines_of(self.objs)
        i = next(k for k, o in enumerate(self.objs) if "amount_cents" in o["data"])
        amount = self.objs[i]["data"]["amount_cents"]
        for text in (b"%d.0" % amount, b"%de0" % amount, b"%d.5" % amount):
            with self.subTest(number=text):
                broken = list(lines)
                broken[i] = broken[i].replace(b'"amount_cents":%d' % amount, b'"amount_cents":' + text)
                self.assert_refused(broken, i + 1, "floating-point")

    def test_strict_json(self):
        lines = lines_of(self.objs)
        cases = {
            "duplicate key": (5, lines[5].replace(b'"schema":1,', b'"schema":1,"schema":1,', 1)),
            "utf-8": (6, lines[6].replace("ü".encode(), b"\xfc", 1) if "ü".encode() in lines[6]
                      else lines[6][:-1] + b'\xff}'),
            "invalid json": (7, lines[7][:-1]),
            "empty line": (8, b""),
            "nan": (9, lines[9].replace(b'"schema":1', b'"schema":NaN', 1)),
            "object": (10, b"[1,2]"),
        }
        for word, (i, raw) in cases.items():
            with self.subTest(case=word):
                broken = list(lines)
                broken[i] = raw
                self.assert_refused(broken, i + 1, word.split()[0] if word != "nan" else "nan")

    def test_envelope_keys_and_types(self):
        objs = chain(import_events(SMALL))
        for key in ("position", "version", "prev", "hash", "recorded_at", "data"):
            with self.subTest(missing=key):
                broken = [dict(o) for o in objs]
                del broken[4][key]
                err = self.assert_refused(lines_of(broken), 5, "missing")
                self.assertIn(key, err)
        for key, value, word in (("version", True, "integer"), ("position", "5", "integer"),
                                 ("schema", 1.5, "floating"), ("hash", "ABC", "hex"),
                                 ("prev", objs[3]["hash"].upper(), "hex"),
                                 ("recorded_at", "2024-13-01T00:00:00Z", "date"),
                                 ("recorded_at", "2024-05-01 10:00:00", "rfc 3339")):
            with self.subTest(key=key, value=value):
                broken = [dict(o) for o in objs]
                broken[4][key] = value
                self.assert_refused(lines_of(broken), 5, word)

    def test_wrong_version_rehashed(self):
        objs = chain(import_events(SMALL))
        i = next(k for k, o in enumerate(objs) if o["version"] == 3)
        objs[i]["version"] = 4
        rehash(objs, i)
        err = self.assert_refused(lines_of(objs), i + 1, "version")
        self.assertIn("expected 3", err)

    def test_recorded_at_going_back_rehashed(self):
        objs = chain(import_events(SMALL))
        objs[30]["recorded_at"] = "2020-01-01T00:00:00Z"
        rehash(objs, 30)
        self.assert_refused(lines_of(objs), 31, "recorded_at")

    def test_recorded_at_compares_instants_not_text(self):
        objs = chain(import_events(SMALL))
        # The same instant as line 30's, written with an offset: not going back.
        from datetime import datetime, timedelta, timezone
        t = datetime.fromisoformat(objs[29]["recorded_at"].replace("Z", "+00:00"))
        objs[30]["recorded_at"] = (t.astimezone(timezone(timedelta(hours=2)))).isoformat()
        objs[31]["recorded_at"] = max(objs[31]["recorded_at"], objs[29]["recorded_at"])
        rehash(objs, 30)
        r = self.run_verify(self.write(lines_of(objs)))
        self.assertEqual(r.returncode, 0, r.stderr)
        # ...and one second earlier than line 30, written with another offset, is.
        objs[30]["recorded_at"] = (t - timedelta(seconds=1)).astimezone(
            timezone(timedelta(hours=-5))).isoformat()
        rehash(objs, 30)
        self.assert_refused(lines_of(objs), 31, "recorded_at")

    def test_keys_beyond_the_bmp_are_hashed_in_utf16_order(self):
        objs = chain(import_events(SMALL))[:3]
        objs[1]["data"] = dict(objs[1]["data"], **{"\ufb33": "dalet", "\U0001f600": "grin"})
        for escaped in (False, True):
            for jcs in (True, False):
                with self.subTest(escaped=escaped, jcs=jcs):
                    prev = objs[0]["hash"]
                    for o in objs[1:]:
                        o["prev"] = prev
                        body = {k: v for k, v in o.items() if k != "hash"}
                        o["hash"] = prev = hashlib.sha256(
                            ve.canonical_bytes(body) if jcs else test_canonical(body)).hexdigest()
                    lines = [json.dumps(o, ensure_ascii=escaped, separators=(",", ":")).encode()
                             for o in objs]
                    r = self.run_verify(self.write(lines))
                    self.assertEqual(r.returncode, 0 if jcs else 1, r.stderr)
                    if not jcs:
                        self.assertIn(b":2: hash mismatch", r.stderr)

    def test_pseudonymous_export_is_named(self):
        objs = chain(import_events(SMALL))
        for o in objs:
            for k in ("person", "note", "place"):
                if k in o["data"]:
                    o["data"][k] = None
        err = self.assert_refused(lines_of(objs), 1, "pseudonymous")
        self.assertIn("cannot be checked", err)

    def test_usage_errors_exit_2(self):
        path = self.write(lines_of(self.objs))
        for args in ([], [path, "--against", "12"], [path, "--against", "0:" + ZERO],
                     [path, "--against", "3:xyz"], [path, "--bogus"],
                     [Path(self.tmp.name) / "missing.ndjson"]):
            with self.subTest(args=args):
                r = self.run_verify(*args)
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertNotEqual(r.stderr, b"")


# ---------------------------------------------------------------------------
# Merkle trees, signed checkpoints and proofs, built here from RFC 9162 and
# C2SP signed-note with openssl signing (an implementation of their own)

def mth(leaves):
    """RFC 9162 MTH over a list of 32-byte entries, by the definition."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def path(m, leaves):
    if len(leaves) <= 1:
        return []
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return path(m, leaves[:k]) + [mth(leaves[k:])] if m < k else path(m - k, leaves[k:]) + [mth(leaves[:k])]


def subproof(m, leaves, b):
    if m == len(leaves):
        return [] if b else [mth(leaves)]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    if m <= k:
        return subproof(m, leaves[:k], b) + [mth(leaves[k:])]
    return subproof(m - k, leaves[k:], False) + [mth(leaves[:k])]


class OpenSSLKey:
    """An Ed25519 key made and used with the openssl command."""

    def __init__(self, folder, name):
        self.name = name
        self.pem = Path(folder) / f"{name.replace('/', '_')}.pem"
        subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(self.pem)], check=True, capture_output=True)
        der = subprocess.run(["openssl", "pkey", "-in", str(self.pem), "-pubout", "-outform", "DER"],
                             check=True, capture_output=True).stdout
        self.public = der[-32:]
        self.key_id = hashlib.sha256(name.encode() + b"\n\x01" + self.public).digest()[:4]
        self.folder = folder

    @property
    def vkey(self):
        material = base64.b64encode(b"\x01" + self.public).decode()
        return f"{self.name}+{self.key_id.hex()}+{material}"

    def sign(self, text):
        message = Path(self.folder) / "message"
        message.write_bytes(text.encode())
        sig = subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", str(self.pem), "-rawin", "-in", str(message)],
                             check=True, capture_output=True).stdout
        return f"\u2014 {self.name} {base64.b64encode(self.key_id + sig).decode()}\n"


@unittest.skipUnless(shutil.which("openssl"), "needs the openssl command")
class CheckpointsAndProofs(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.objs = chain(import_events(SMALL))
        self.leaves = [bytes.fromhex(o["hash"]) for o in self.objs]
        self.export = self.write("export.ndjson", b"".join(x + b"\n" for x in lines_of(self.objs)))
        self.key = OpenSSLKey(self.tmp.name, "ledger.example/LG")
        self.vkey = self.write("ledger.vkey", (self.key.vkey + "\n").encode())

    def write(self, name, data):
        p = Path(self.tmp.name) / name
        p.write_bytes(data if isinstance(data, bytes) else data.encode())
        return p

    def run_verify(self, *args):
        return subprocess.run([sys.executable, str(VERIFY)] + [str(a) for a in args], capture_output=True)

    def checkpoint(self, size, key=None, root=None):
        text = f"ledger.example/LG\n{size}\n{base64.b64encode(root or mth(self.leaves[:size])).decode()}\n"
        return text + "\n" + (key or self.key).sign(text)

    def test_a_checkpoint_signed_over_the_exports_root_verifies(self):
        for size in (0, 1, 7, len(self.leaves)):
            note = self.write("cp.note", self.checkpoint(size))
            r = self.run_verify(self.export, "--checkpoint", note, "--verifier-key", self.vkey)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn(f"checkpoint ledger.example/LG of {size} events: signature and root match", r.stdout.decode())

    def test_a_witness_cosignature_is_ignored_and_an_unknown_signer_refused(self):
        witness = OpenSSLKey(self.tmp.name, "witness.example/w1")
        note = self.checkpoint(9)
        text = note[:note.rindex("\n\n") + 1]
        cosigned = self.write("cosigned.note", note + witness.sign(text))
        self.assertEqual(self.run_verify(self.export, "--checkpoint", cosigned, "--verifier-key", self.vkey).returncode, 0)
        only_witness = self.write("witness.note", text + "\n" + witness.sign(text))
        r = self.run_verify(self.export, "--checkpoint", only_witness, "--verifier-key", self.vkey)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("by none of the verifier keys", r.stderr.decode())

    def test_tampered_checkpoints_are_refused(self):
        note = self.checkpoint(9)
        cases = {
            "size": note.replace("\n9\n", "\n8\n", 1),
            "root": note.replace(base64.b64encode(mth(self.leaves[:9])).decode(), base64.b64encode(mth(self.leaves[:8])).decode()),
            "origin": note.replace("ledger.example/LG\n", "ledger.example/LH\n", 1),
            "signature": note[:-6] + ("A" if note[-6] != "A" else "B") + note[-5:],
        }
        for what, text in cases.items():
            with self.subTest(what=what):
                self.assertNotEqual(text, note)
                r = self.run_verify(self.export, "--checkpoint", self.write("bad.note", text), "--verifier-key", self.vkey)
                self.assertEqual(r.returncode, 1, r.stderr)
        # Signed honestly, but over another root: the export does not extend it.
        other = self.write("other.note", self.checkpoint(9, root=mth(self.leaves[1:10])))
        r = self.run_verify(self.export, "--checkpoint", other, "--verifier-key", self.vkey)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("does not extend that checkpoint", r.stderr.decode())
        # Beyond the export's end.
        short = self.write("short.ndjson", b"".join(x + b"\n" for x in lines_of(self.objs[:5])))
        r = self.run_verify(short, "--checkpoint", self.write("cp.note", note), "--verifier-key", self.vkey)
        self.assertEqual(r.returncode, 1)
        self.assertIn("before the checkpoint's tree of 9 events", r.stderr.decode())

    def test_inclusion_and_consistency_proofs_against_the_export_and_a_checkpoint(self):
        n = len(self.leaves)
        for m in (1, 2, 5, n):
            proof = {"position": m, "tree_size": n, "leaf": self.leaves[m - 1].hex(),
                     "path": [h.hex() for h in path(m - 1, self.leaves)], "root": mth(self.leaves).hex()}
            f = self.write("inclusion.json", json.dumps(proof))
            self.assertEqual(self.run_verify(self.export, "--proof", f).returncode, 0)
            note = self.write("cp.note", self.checkpoint(n))
            r = self.run_verify("--proof", f, "--checkpoint", note, "--verifier-key", self.vkey)
            self.assertEqual(r.returncode, 0, r.stderr)
            for tampered in ({**proof, "position": m % n + 1}, {**proof, "leaf": self.leaves[m % n].hex()},
                             {**proof, "path": proof["path"][:-1]}, {**proof, "tree_size": n - 1, "root": mth(self.leaves[:n - 1]).hex()}):
                r = self.run_verify(self.export, "--proof", self.write("bad.json", json.dumps(tampered)))
                self.assertEqual(r.returncode, 1, (tampered, r.stderr))
        for m, k in ((1, n), (3, 7), (4, 8), (6, n), (0, 5), (7, 7)):
            proof = {"first": m, "second": k, "path": [h.hex() for h in (subproof(m, self.leaves[:k], True) if 0 < m < k else [])],
                     "first_root": mth(self.leaves[:m]).hex(), "second_root": mth(self.leaves[:k]).hex()}
            r = self.run_verify(self.export, "--proof", self.write("consistency.json", json.dumps(proof)))
            self.assertEqual(r.returncode, 0, (m, k, r.stderr))
            if proof["path"]:
                bad = {**proof, "path": [("0" if proof["path"][0][0] != "0" else "1") + proof["path"][0][1:]] + proof["path"][1:]}
                self.assertEqual(self.run_verify(self.export, "--proof", self.write("bad.json", json.dumps(bad))).returncode, 1)
        # Two published checkpoints joined by a consistency proof, without the export.
        proof = {"first": 5, "second": n, "path": [h.hex() for h in subproof(5, self.leaves, True)],
                 "first_root": mth(self.leaves[:5]).hex(), "second_root": mth(self.leaves).hex()}
        joined = self.write("joined.json", json.dumps(proof))
        older, newer = self.write("older.note", self.checkpoint(5)), self.write("newer.note", self.checkpoint(n))
        r = self.run_verify("--proof", joined, "--checkpoint", older, "--checkpoint", newer, "--verifier-key", self.vkey)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"the tree of {n} events extends the tree of 5", r.stdout.decode())
        elsewhere = self.write("elsewhere.note", self.checkpoint(6))
        r = self.run_verify("--proof", joined, "--checkpoint", elsewhere, "--checkpoint", newer, "--verifier-key", self.vkey)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("is not the proof's", r.stderr.decode())
        # A proof of another log (one event rewritten inside the first tree) is refused against this export.
        other = list(self.leaves)
        other[2] = hashlib.sha256(b"rewritten").digest()
        proof = {"first": 4, "second": n, "path": [h.hex() for h in subproof(4, other, True)],
                 "first_root": mth(other[:4]).hex(), "second_root": mth(other).hex()}
        r = self.run_verify(self.export, "--proof", self.write("other.json", json.dumps(proof)))
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("roots are not the export's", r.stderr.decode())

    def test_the_tree_matches_rfc9162s_definitions_at_every_size(self):
        tree = ve.TreeRoots(range(0, 65))
        leaves = [hashlib.sha256(str(i).encode()).digest() for i in range(64)]
        for leaf in leaves:
            tree.add(leaf)
        for size in range(0, 65):
            self.assertEqual(tree.roots[size], mth(leaves[:size]), size)
        for size in range(1, 65):
            for m in range(size):
                self.assertTrue(ve.inclusion_holds(m, size, leaves[m], path(m, leaves[:size]), mth(leaves[:size])))
                if m:
                    self.assertTrue(ve.consistency_holds(m, size, subproof(m, leaves[:size], True) if m < size else [],
                                                         mth(leaves[:m]), mth(leaves[:size])))

    def test_usage(self):
        note = self.write("cp.note", self.checkpoint(3))
        for args in (["--checkpoint", note], ["--proof", note], [self.export, "--verifier-key", self.vkey]):
            with self.subTest(args=args):
                self.assertEqual(self.run_verify(*args).returncode, 2)


class CanonicalForm(unittest.TestCase):
    def test_string_escaping_like_json_stringify(self):
        s = "\u0000\u0001\u001f\"\\\b\f\n\r\t\u007f/é€😀\u2028<>&'"
        expected = ('"\\u0000\\u0001\\u001f\\"\\\\\\b\\f\\n\\r\\t\u007f/é€😀\u2028<>&\'"')
        self.assertEqual(ve.canonical(s), expected)
        self.assertEqual(ve.canonical_bytes(s), expected.encode("utf-8"))
        self.assertEqual(ve.canonical("\u000b"), '"\\u000b"')          # lowercase hex
        self.assertEqual(ve.canonical("\u001a"), '"\\u001a"')

    def test_keys_sorted_by_utf16_code_units(self):
        # RFC 8785, section 3.2.3: the sorting example.
        obj = {"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
               "1": "One", "\U0001f600": "Emoji: Grinning Face", "\u0080": "Control",
               "\u00f6": "Latin Small Letter O With Diaeresis"}
        order = [k for k in json.loads(ve.canonical(obj))]
        self.assertEqual(order, ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\U0001f600", "\ufb33"])
        # Code point order would put U+1F600 after U+FB33.
        self.assertLess("\ufb33", "\U0001f600")

    def test_structure_numbers_and_literals(self):
        value = {"b": [1, -2, 0, 10 ** 15, True, False, None, {}], "a": {"z": "", "y": []}}
        self.assertEqual(ve.canonical(value),
                         '{"a":{"y":[],"z":""},"b":[1,-2,0,1000000000000000,true,false,null,{}]}')

    def test_true_is_not_1(self):
        self.assertNotEqual(ve.canonical({"a": True}), ve.canonical({"a": 1}))
        self.assertEqual(ve.canonical([True, 1, False, 0]), "[true,1,false,0]")

    def test_refuses_floats_and_lone_surrogates(self):
        with self.assertRaises(ve.Problem):
            ve.canonical({"a": 1.0})
        with self.assertRaises(ve.Problem):
            ve.canonical_bytes({"a": "\ud800"})
        with self.assertRaises(ve.Problem):
            ve.canonical_bytes({"\udfff": 1})

    def test_event_hash_matches_an_independent_implementation(self):
        objs = chain(import_events(DEMO))
        for obj, raw in zip(objs, lines_of(objs)):
            body = {k: v for k, v in obj.items() if k != "hash"}
            self.assertEqual(ve.canonical_bytes(body), test_canonical(body))
            self.assertTrue(ve.fast_path_ok(raw))
            self.assertEqual(ve.event_hash(obj), obj["hash"])          # reference path
            self.assertEqual(ve.event_hash(obj, raw), obj["hash"])     # fast path

    def test_fast_path_only_where_code_point_order_is_utf16_order(self):
        for text, ok in (("plain", True), ("Lüneburg €", True), ("\ud7ff", True),
                         ("\ue000", False), ("\ufb33", False), ("\U0001f600", False)):
            with self.subTest(text=text):
                self.assertEqual(ve.fast_path_ok(json.dumps({text: 1}, ensure_ascii=False)
                                                 .encode("utf-8")), ok)
        for escaped, ok in (('"\\u00e9"', True), ('"\\ud83d\\ude00"', False),
                            ('"\\uFB33"', False), ('"\\uE000"', False)):
            with self.subTest(escaped=escaped):
                self.assertEqual(ve.fast_path_ok(escaped.encode()), ok)


if __name__ == "__main__":
    unittest.main()
