"""Tests of tools/generate-ledger, and the makers of Fixtures/.

    python3 -m unittest discover -s tools/tests
    python3 tools/tests/test_generate_ledger.py --write-fixtures   # rebuild Fixtures/

The rule checker below is an independent reading of the ledger's import rules
(DOMAIN.md). It shares no code with the generator, so that a mistake there is
not repeated here. It reads an import file line by line and reports the first
line the ledger must refuse, with a keyword of the reason.

Envelope fields position, version, prev and hash are optional in an import;
where given they must equal what the ledger assigns. The ledger seals
plain-text personal fields with fresh ciphertext, so neither the hash of such
a line nor the prev of the line after it can be known in advance: the checker
refuses any given hash, and any prev other than 64 zeros on line 1.
"""

import collections
import json
import re
import subprocess
import sys
import tempfile
import time
import unittest
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

try:
    from zoneinfo import ZoneInfo
except ImportError:          # pragma: no cover
    ZoneInfo = None


# ===========================================================================
# The rule checker

DISTRICTS = {
    "altstadt", "bockelsberg", "ebensberg", "goseburg-zeltberg", "haecklingen",
    "kaltenmoor", "kreideberg", "lune-moorfeld", "mittelfeld", "neu-hagen",
    "oedeme", "rettmer", "rotes-feld", "schuetzenplatz", "weststadt",
    "wilschenbruch"}
VOCAB = {
    "source": {"walk_in", "phone", "landlord_notice", "court_notice", "jobcenter",
               "utility_notice", "other_agency", "outreach"},
    "channel": {"consultation", "phone", "home_visit", "letter", "email", "outreach"},
    "cause": {"rent_arrears", "utility_arrears", "termination_notice",
              "eviction_lawsuit", "eviction_scheduled", "landlord_conflict",
              "income_loss", "health", "family_breakup", "uninhabitable", "other"},
    "risk": {"low", "medium", "high", "acute"},
    "party": {"landlord", "utility", "jobcenter", "court", "other"},
    "outcome": {"agreement", "installment_plan", "arrears_assumed",
                "termination_withdrawn", "rejected", "pending"},
    "agency": {"jobcenter", "youth_welfare", "integration_assistance",
               "special_circumstances", "debt_counselling", "social_welfare",
               "health_services", "housing_company", "legal_aid", "other"},
    "result": {"help_granted", "accepted", "declined", "no_show", "withdrawn"},
    "kind": {"tenancy_retained", "new_tenancy", "supported_housing", "other_permanent"},
    "reason": {"housing_secured", "housing_lost", "resolved_otherwise",
               "contact_lost", "declined_help", "moved_away", "other"},
    "erase_reason": {"retention_expired", "subject_request"},
}
TYPES = {"case.opened", "contact.recorded", "situation.analysed",
         "mediation.recorded", "referral.made", "referral.concluded",
         "follow_up.scheduled", "housing.secured", "emergency.accommodated",
         "case.reassigned", "case.closed", "case.reopened", "entry.corrected",
         "case.erased"}
NEVER_VOIDED = {"case.opened", "case.closed", "case.reopened", "case.erased",
                "housing.secured", "referral.made", "entry.corrected"}
ENVELOPE_REQUIRED = ("case", "type", "schema", "occurred_at", "recorded_at", "actor", "data")
ENVELOPE_OPTIONAL = ("position", "version", "prev", "hash")
CASE_ID = re.compile(r"[A-Z][A-Z0-9]*-\d{4}-\d{6}\Z")
TS = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})\Z")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


class Refused(Exception):
    def __init__(self, keyword, message):
        super().__init__(message)
        self.keyword = keyword


def _float(text):
    raise Refused("floating-point", f"floating-point number {text}")


def _constant(text):
    raise Refused("floating-point", f"constant {text}")


def _pairs(pairs):
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise Refused("invalid json", "duplicate key")
    return obj


def parse_timestamp(text, field, utc_only=False):
    if type(text) is not str:
        raise Refused("type", f"{field} must be a string")
    m = TS.match(text)
    if not m:
        raise Refused("date", f"{field} {text!r} is not RFC 3339")
    y, mo, d, h, mi, s, off = m.groups()
    if utc_only and off != "Z":
        raise Refused("recorded_at", f"{field} must be UTC")
    try:
        if off == "Z":
            tz = timezone.utc
        else:
            sign = 1 if off[0] == "+" else -1
            tz = timezone(sign * timedelta(hours=int(off[1:3]), minutes=int(off[4:6])))
        return datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), tzinfo=tz)
    except ValueError:
        raise Refused("date", f"{field} {text!r} is not a valid date") from None


def parse_date(value, field):
    if type(value) is not str:
        raise Refused("type", f"{field} must be a date string")
    if not DATE.match(value):
        raise Refused("date", f"{field} {value!r} is not a date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Refused("date", f"{field} {value!r} is not a valid date") from None


class Case:
    def __init__(self):
        self.version = 0
        self.events = []          # [type, data, voided] by version - 1
        self.closed = False
        self.erased = False
        self.episode_start = None  # occurred_at of case.opened / latest reopen
        self.episode_first_version = 1
        self.close_at = None
        self.caseworker = None
        self.referrals = {}        # number -> [version, concluded]


class Checker:
    def __init__(self, districts=DISTRICTS, now=None):
        self.districts = set(districts)
        self.now = now            # the import time; recorded_at may not pass it
        self.cases = {}
        self.position = 0
        self.last_recorded = None

    # -- payloads -----------------------------------------------------------
    def _fields(self, data, required, optional=()):
        if type(data) is not dict:
            raise Refused("type", "data must be an object")
        for k in required:
            if k not in data:
                raise Refused("missing", f"missing field {k}")
        for k in data:
            if k not in required and k not in optional:
                raise Refused("unknown field", f"unknown field {k}")

    def _text(self, data, key, personal=False):
        v = data[key]
        if type(v) is not str:
            raise Refused("type", f"{key} must be a string")
        if not v.strip():
            raise Refused("missing", f"{key} is empty")

    def _vocab(self, value, kind, field=None):
        if type(value) is not str:
            raise Refused("type", f"{field or kind} must be a string")
        allowed = self.districts if kind == "district" else VOCAB[kind]
        if value not in allowed:
            raise Refused(kind if kind != "erase_reason" else "reason",
                          f"unknown {kind} {value!r}")

    def _int(self, data, key, minimum):
        v = data[key]
        if type(v) is not int:
            raise Refused("type", f"{key} must be an integer")
        if v < minimum:
            raise Refused("range", f"{key} must be at least {minimum}")
        return v

    def payload(self, typ, data):
        if typ == "case.opened":
            self._fields(data, ("district", "source", "household", "caseworker", "person"))
            self._vocab(data["district"], "district")
            self._vocab(data["source"], "source")
            hh = data["household"]
            self._fields(hh, ("adults", "children"))
            self._int(hh, "adults", 1)
            self._int(hh, "children", 0)
            self._text(data, "caseworker")
            person = data["person"]
            self._fields(person, ("name", "birth_date", "address", "phone"))
            for k in ("name", "address", "phone"):
                self._text(person, k)
            parse_date(person["birth_date"], "birth_date")
        elif typ == "contact.recorded":
            self._fields(data, ("channel", "note"))
            self._vocab(data["channel"], "channel")
            self._text(data, "note")
        elif typ == "situation.analysed":
            self._fields(data, ("causes", "risk", "note"), ("eviction_date", "arrears_cents"))
            causes = data["causes"]
            if type(causes) is not list:
                raise Refused("type", "causes must be a list")
            if not causes:
                raise Refused("cause", "causes must hold at least one cause")
            for c in causes:
                self._vocab(c, "cause")
            if len(set(causes)) != len(causes):
                raise Refused("cause", "a cause is repeated")
            self._vocab(data["risk"], "risk")
            if "eviction_date" in data:
                parse_date(data["eviction_date"], "eviction_date")
            if "arrears_cents" in data:
                self._int(data, "arrears_cents", 0)
            self._text(data, "note")
        elif typ == "mediation.recorded":
            self._fields(data, ("party", "outcome", "note"), ("amount_cents",))
            self._vocab(data["party"], "party")
            self._vocab(data["outcome"], "outcome")
            if "amount_cents" in data:
                self._int(data, "amount_cents", 0)
            self._text(data, "note")
        elif typ == "referral.made":
            self._fields(data, ("referral", "agency", "note"))
            self._int(data, "referral", 1)
            self._vocab(data["agency"], "agency")
            self._text(data, "note")
        elif typ == "referral.concluded":
            self._fields(data, ("referral", "result"))
            self._int(data, "referral", 1)
            self._vocab(data["result"], "result")
        elif typ == "follow_up.scheduled":
            self._fields(data, ("due", "purpose"))
            parse_date(data["due"], "due")
            self._text(data, "purpose")
        elif typ == "housing.secured":
            self._fields(data, ("kind", "effective"))
            self._vocab(data["kind"], "kind")
            parse_date(data["effective"], "effective")
        elif typ == "emergency.accommodated":
            self._fields(data, ("effective", "place"))
            parse_date(data["effective"], "effective")
            self._text(data, "place")
        elif typ == "case.reassigned":
            self._fields(data, ("caseworker",))
            self._text(data, "caseworker")
        elif typ == "case.closed":
            self._fields(data, ("reason",))
            self._vocab(data["reason"], "reason")
        elif typ == "case.reopened":
            self._fields(data, ("reason",))
            self._text(data, "reason")
        elif typ == "entry.corrected":
            self._fields(data, ("target", "action", "reason"), ("replacement",))
            self._int(data, "target", 1)
            if data["action"] not in ("void", "amend"):
                raise Refused("action", "action must be void or amend")
            if (data["action"] == "amend") != ("replacement" in data):
                raise Refused("missing" if data["action"] == "amend" else "replacement",
                              "amend needs a replacement, void has none")
            self._text(data, "reason")
        elif typ == "case.erased":
            self._fields(data, ("reason",))
            self._vocab(data["reason"], "erase_reason")

    # -- one line -------------------------------------------------------------
    def check(self, raw):
        """Check one line (bytes without its newline); raise Refused."""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused("utf-8", "invalid UTF-8") from None
        try:
            ev = json.loads(text, parse_float=_float, parse_constant=_constant,
                            object_pairs_hook=_pairs)
        except json.JSONDecodeError as e:
            raise Refused("invalid json", f"invalid JSON: {e.msg}") from None
        if type(ev) is not dict:
            raise Refused("invalid json", "not an object")
        for k in ENVELOPE_REQUIRED:
            if k not in ev:
                raise Refused("missing", f"missing envelope key {k}")
        for k in ev:
            if k not in ENVELOPE_REQUIRED and k not in ENVELOPE_OPTIONAL:
                raise Refused("unknown field", f"unknown envelope key {k}")
        typ = ev["type"]
        if type(typ) is not str:
            raise Refused("type", "type must be a string")
        if typ not in TYPES:
            raise Refused("unknown event type", f"unknown event type {typ!r}")
        if type(ev["schema"]) is not int:
            raise Refused("type", "schema must be an integer")
        if ev["schema"] != 1:
            raise Refused("schema", f"unknown schema {ev['schema']} of {typ}")
        case_id = ev["case"]
        if type(case_id) is not str:
            raise Refused("type", "case must be a string")
        if not CASE_ID.match(case_id):
            raise Refused("case", f"malformed case id {case_id!r}")
        if type(ev["actor"]) is not str or not ev["actor"]:
            raise Refused("type", "actor must be a non-empty string")
        occurred = parse_timestamp(ev["occurred_at"], "occurred_at")
        recorded = parse_timestamp(ev["recorded_at"], "recorded_at", utc_only=True)
        if self.last_recorded is not None and recorded < self.last_recorded:
            raise Refused("recorded_at", "recorded_at goes back along the file")
        if self.now is not None and recorded > self.now:
            raise Refused("future", "recorded_at lies in the future")
        if (occurred - recorded).total_seconds() > 300:
            raise Refused("future", "occurred_at more than 5 minutes after recorded_at")
        case = self.cases.get(case_id)
        if "position" in ev and ev["position"] != self.position + 1:
            raise Refused("position", "position differs from the ledger's")
        if "version" in ev:
            expected = (case.version if case else 0) + 1
            if type(ev["version"]) is not int or ev["version"] != expected:
                raise Refused("version", "version differs from the ledger's")
        if "prev" in ev and not (self.position == 0 and ev["prev"] == "0" * 64):
            raise Refused("prev", "prev differs from the ledger's")
        if "hash" in ev:
            raise Refused("hash", "hash differs from the ledger's")
        data = ev["data"]
        self.payload(typ, data)
        self.rules(case_id, case, typ, data, occurred)
        self.position += 1
        self.last_recorded = recorded
        return ev

    # -- rules ----------------------------------------------------------------
    def rules(self, case_id, case, typ, data, occurred):
        if typ == "case.opened":
            if case is not None:
                raise Refused("already exists", f"case {case_id} already exists")
            case = self.cases[case_id] = Case()
            case.episode_start = occurred
            case.caseworker = data["caseworker"]
            self._append(case, typ, data)
            return
        if case is None:
            raise Refused("unknown case", f"unknown case {case_id}")
        if case.erased and typ != "entry.corrected":
            raise Refused("erased", "the case is erased")
        if case.closed and typ not in ("case.reopened", "entry.corrected", "case.erased"):
            raise Refused("closed", "the case is closed")
        if typ in ("case.reopened", "case.erased") and not case.closed:
            raise Refused("not closed", f"{typ} needs a closed case")
        if occurred < case.episode_start:
            raise Refused("episode", "occurred_at before the start of the episode")
        if typ == "case.reopened":
            if occurred < case.close_at:
                raise Refused("episode", "reopened before the close")
            case.closed = False
            case.episode_start = occurred
            case.episode_first_version = case.version + 1
        elif typ == "case.closed":
            if data["reason"] == "housing_secured":
                standing = any(t == "housing.secured" and not voided
                               for t, _, voided in case.events[case.episode_first_version - 1:])
                if not standing:
                    raise Refused("reason", "housing_secured needs a standing housing.secured")
            case.closed = True
            case.close_at = occurred
        elif typ == "case.erased":
            case.erased = True
        elif typ == "case.reassigned":
            if data["caseworker"] == case.caseworker:
                raise Refused("caseworker", "reassigned to the current caseworker")
            case.caseworker = data["caseworker"]
        elif typ == "referral.made":
            expected = sum(1 for t, _, _ in case.events if t == "referral.made") + 1
            if data["referral"] != expected:
                raise Refused("referral", f"referral number {data['referral']}, expected {expected}")
            case.referrals[expected] = [case.version + 1, False]
        elif typ == "referral.concluded":
            ref = case.referrals.get(data["referral"])
            if ref is None or case.events[ref[0] - 1][2]:
                raise Refused("referral", f"unknown referral {data['referral']}")
            if ref[1]:
                raise Refused("referral", f"referral {data['referral']} already concluded")
            ref[1] = True
        elif typ == "entry.corrected":
            target = data["target"]
            if target > case.version:
                raise Refused("version", f"no version {target} in the case")
            t_type, _, voided = case.events[target - 1]
            if voided:
                raise Refused("void", f"version {target} is already voided")
            if t_type == "entry.corrected":
                raise Refused("void", "a correction cannot be corrected")
            if data["action"] == "void":
                if t_type in NEVER_VOIDED:
                    raise Refused("void", f"{t_type} cannot be voided")
                case.events[target - 1][2] = True
            else:
                if t_type in ("case.opened", "case.closed", "case.reopened", "case.erased"):
                    raise Refused("amend", f"{t_type} cannot be amended")
                self.payload(t_type, data["replacement"])
                if t_type == "referral.made" and data["replacement"]["referral"] != \
                        case.events[target - 1][1]["referral"]:
                    raise Refused("referral", "an amendment cannot renumber a referral")
                if t_type == "case.reassigned":
                    raise Refused("amend", "a reassignment cannot be amended")
                case.events[target - 1][1] = data["replacement"]
        self._append(case, typ, data)

    def _append(self, case, typ, data):
        case.version += 1
        case.events.append([typ, data, False])


def check_lines(lines, **kw):
    """Check an iterable of lines (bytes, no newline). Returns (None, None,
    checker) if all pass, else (line number, Refused, checker)."""
    checker = Checker(**kw)
    n = 0
    for n, raw in enumerate(lines, 1):
        try:
            checker.check(raw)
        except Refused as e:
            return n, e, checker
    return None, None, checker


def read_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    if data.endswith(b"\n"):
        data = data[:-1]
    return data.split(b"\n") if data else []


# ===========================================================================
# Fixture making (run this file with --write-fixtures to rebuild Fixtures/)

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "tools" / "generate-ledger"
FIXTURES = ROOT / "Fixtures"
DEMO_ARGS = ["--households", "48", "--seed", "7", "--start", "2022-01-01", "--end", "2025-12-31"]
SMALL_ARGS = ["--households", "12", "--seed", "1", "--start", "2024-04-01", "--end", "2024-09-30"]
ALL_TYPES = sorted(TYPES)


def run_generator(args, out=None):
    """Run tools/generate-ledger; return its output bytes."""
    cmd = [sys.executable, str(GENERATOR)] + list(args)
    if out is not None:
        subprocess.run(cmd + ["--out", str(out)], check=True)
        return Path(out).read_bytes()
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout


def split_lines(data):
    if data.endswith(b"\n"):
        data = data[:-1]
    return data.split(b"\n") if data else []


def dump(obj):
    """One event line as the generator writes it (compact, keys in order)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def make_broken(small):
    """Broken files derived from small (bytes): name -> (bytes, line, keyword,
    what was changed). Each breaks exactly one thing; line is the 1-based
    number of the first line the ledger must refuse."""
    lines = split_lines(small)
    events = [json.loads(x) for x in lines]
    out = {}

    def first(pred, start=0):
        for i in range(start, len(events)):
            if pred(events[i]):
                return i
        raise AssertionError("small.ndjson lacks a line the broken files need")

    def put(name, new_lines, line, keyword, what):
        out[name] = (b"\n".join(new_lines) + b"\n", line, keyword, what)

    def replaced(i, raw):
        return lines[:i] + [raw] + lines[i + 1:]

    def inserted(i, raw):           # raw becomes line i + 1 (1-based)
        return lines[:i] + [raw] + lines[i:]

    def with_data(i, **changes):
        ev = json.loads(lines[i])
        for k, v in changes.items():
            if v is None:
                del ev["data"][k]
            else:
                ev["data"][k] = v
        return dump(ev)

    def with_envelope(i, **changes):
        ev = json.loads(lines[i])
        new = {}
        for k in ("position", "case", "version"):
            if k in changes or k in ev:
                new[k] = changes.get(k, ev.get(k))
        for k, v in ev.items():
            new[k] = changes.get(k, v)
        for k, v in changes.items():
            new.setdefault(k, v)
        return dump(new)

    def after_case_state(i):
        """Case ids open (not closed) right after line i."""
        state = {}
        for ev in events[:i + 1]:
            if ev["type"] in ("case.opened", "case.reopened"):
                state[ev["case"]] = "open"
            elif ev["type"] == "case.closed":
                state[ev["case"]] = "closed"
            elif ev["type"] == "case.erased":
                state[ev["case"]] = "erased"
        return state

    i = first(lambda e: e["type"] == "contact.recorded")
    put("invalid-json", replaced(i, lines[i][:-1]), i + 1, "invalid json",
        "a contact line lost its closing brace")
    put("empty-line", inserted(5, b""), 6, "invalid json",
        "an empty line between lines 5 and 6")
    i = first(lambda e: e["type"] == "case.opened" and "ü" in e["data"]["person"]["address"], 1)
    put("invalid-utf8", replaced(i, lines[i].replace("ü".encode(), b"\xfc", 1)), i + 1, "utf-8",
        "an ü written in Latin-1 (byte 0xfc) in a case.opened")
    i = first(lambda e: e["type"] == "mediation.recorded" and "amount_cents" in e["data"])
    put("float-amount", replaced(i, lines[i].replace(
        b'"amount_cents":%d' % events[i]["data"]["amount_cents"],
        b'"amount_cents":%d.5' % events[i]["data"]["amount_cents"])), i + 1, "floating-point",
        "amount_cents with a fraction")
    i = first(lambda e: e["type"] == "contact.recorded", 10)
    put("unknown-event-type", replaced(i, with_envelope(i, type="contact.deleted")), i + 1,
        "unknown event type", 'type "contact.deleted"')
    put("unknown-schema", replaced(i, with_envelope(i, schema=99)), i + 1, "schema",
        "schema 99 on a contact")
    i = first(lambda e: e["type"] == "case.opened", 1)
    put("unknown-district", replaced(i, with_data(i, district="atlantis")), i + 1, "district",
        'district "atlantis"')
    put("unknown-source", replaced(i, with_data(i, source="carrier_pigeon")), i + 1, "source",
        'source "carrier_pigeon"')
    ev = json.loads(lines[i])
    ev["data"]["household"]["adults"] = str(ev["data"]["household"]["adults"])
    put("wrong-type", replaced(i, dump(ev)), i + 1, "type",
        "household adults as a string")
    i = first(lambda e: e["type"] == "contact.recorded", 20)
    put("unknown-channel", replaced(i, with_data(i, channel="telepathy")), i + 1, "channel",
        'channel "telepathy"')
    i = first(lambda e: e["type"] == "situation.analysed")
    put("unknown-cause", replaced(i, with_data(i, causes=events[i]["data"]["causes"] + ["aliens"])),
        i + 1, "cause", 'cause "aliens" added to an analysis')
    put("unknown-risk", replaced(i, with_data(i, risk="extreme")), i + 1, "risk", 'risk "extreme"')
    i = first(lambda e: e["type"] == "situation.analysed", i + 1)
    put("missing-field", replaced(i, with_data(i, risk=None)), i + 1, "missing",
        "an analysis without its risk")
    i = first(lambda e: e["type"] == "mediation.recorded")
    put("unknown-outcome", replaced(i, with_data(i, outcome="maybe")), i + 1, "outcome",
        'mediation outcome "maybe"')
    i = first(lambda e: e["type"] == "referral.made")
    put("unknown-agency", replaced(i, with_data(i, agency="ministry_of_magic")), i + 1, "agency",
        'agency "ministry_of_magic"')
    i = first(lambda e: e["type"] == "referral.concluded")
    put("unknown-result", replaced(i, with_data(i, result="perhaps")), i + 1, "result",
        'referral result "perhaps"')
    i = first(lambda e: e["type"] == "housing.secured")
    put("unknown-kind", replaced(i, with_data(i, kind="castle")), i + 1, "kind",
        'housing kind "castle"')
    i = first(lambda e: e["type"] == "case.closed")
    put("unknown-close-reason", replaced(i, with_data(i, reason="abducted")), i + 1, "reason",
        'closing reason "abducted"')
    # A contact on a closed case, right after its close.
    c = events[i]
    contact = {"case": c["case"], "type": "contact.recorded", "schema": 1,
               "occurred_at": c["recorded_at"], "recorded_at": c["recorded_at"],
               "actor": c["actor"], "data": {"channel": "phone", "note": "Anruf nach Abschluss"}}
    put("contact-after-close", inserted(i + 1, dump(contact)), i + 2, "closed",
        "a contact on a case right after its case.closed")
    # The close of an episode without housing.secured, changed to housing_secured.
    i = first(lambda e: e["type"] == "case.closed" and e["data"]["reason"] != "housing_secured")
    put("secured-without-housing", replaced(i, with_data(i, reason="housing_secured")), i + 1,
        "reason", "a close changed to housing_secured in an episode without housing.secured")
    # A second case.opened of the same case.
    i = first(lambda e: e["type"] == "case.opened", 2)
    put("second-opening", inserted(i + 1, lines[i]), i + 2, "already exists",
        "a case.opened line repeated")
    # An event on a case that was never opened.
    i = 30
    ghost = {"case": events[0]["case"][:-6] + "999999", "type": "contact.recorded", "schema": 1,
             "occurred_at": events[i]["recorded_at"], "recorded_at": events[i]["recorded_at"],
             "actor": events[i]["actor"], "data": {"channel": "phone", "note": "Anruf"}}
    put("unknown-case", inserted(i + 1, dump(ghost)), i + 2, "unknown case",
        "a contact on a case id that was never opened")
    # Conclusion of a referral that was never made, and a void of case.opened,
    # both on a case that is open at that point.
    i = first(lambda e: e["type"] == "contact.recorded"
              and after_case_state(events.index(e)).get(e["case"]) == "open", 20)
    c = events[i]

    def event(typ, data):
        return dump({"case": c["case"], "type": typ, "schema": 1, "occurred_at": c["recorded_at"],
                     "recorded_at": c["recorded_at"], "actor": c["actor"], "data": data})
    put("unknown-referral", inserted(i + 1, event("referral.concluded",
                                                  {"referral": 9, "result": "accepted"})),
        i + 2, "referral", "conclusion of referral 9, never made")
    put("void-case-opened", inserted(i + 1, event("entry.corrected",
                                                  {"target": 1, "action": "void", "reason": "Versehen"})),
        i + 2, "void", "an entry.corrected voiding version 1 (case.opened)")
    i = first(lambda e: e["type"] == "follow_up.scheduled")
    put("impossible-date", replaced(i, with_data(i, due="2024-02-30")), i + 1, "date",
        "a follow-up due 2024-02-30")
    i = first(lambda e: e["type"] == "contact.recorded", 40)
    put("occurred-in-2099", replaced(i, with_envelope(
        i, occurred_at="2099" + events[i]["occurred_at"][4:])), i + 1, "future",
        "a contact that occurred in 2099")
    # recorded_at going back: a line recorded before the line above it (but
    # not before its own occurred_at).
    def parse(ts):
        return datetime.fromisoformat(ts.replace("Z", "+00:00"))
    i = first(lambda e: events.index(e) > 0 and parse(e["occurred_at"])
              < parse(events[events.index(e) - 1]["recorded_at"]) - timedelta(minutes=2), 10)
    back = (parse(events[i - 1]["recorded_at"]) - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    put("recorded-backwards", replaced(i, with_envelope(i, recorded_at=back)), i + 1, "recorded_at",
        "recorded_at one minute before the previous line's")
    # Envelope fields the ledger assigns, given wrongly.
    i = first(lambda e: e["type"] != "case.opened", 5)
    case_id = events[i]["case"]
    version = sum(1 for e in events[:i + 1] if e["case"] == case_id)
    put("wrong-version", replaced(i, with_envelope(i, version=version + 3)), i + 1, "version",
        f"version {version + 3} given where the ledger assigns {version}")
    put("wrong-position", replaced(2, with_envelope(2, position=7)), 3, "position",
        "position 7 given on line 3")
    put("wrong-prev", replaced(1, with_envelope(1, prev="0" * 64)), 2, "prev",
        "prev of 64 zeros given on line 2 (it must be line 1's hash)")
    put("wrong-hash", replaced(0, with_envelope(0, hash="0" * 64)), 1, "hash",
        "hash of 64 zeros given on line 1")
    return out


def type_counts(data):
    counts = {t: 0 for t in ALL_TYPES}
    for raw in split_lines(data):
        counts[json.loads(raw)["type"]] += 1
    return counts


def readme(demo, small, broken):
    def table(data):
        counts = type_counts(data)
        rows = ["| event type | count |", "| --- | ---: |"]
        rows += [f"| `{t}` | {counts[t]} |" for t in ALL_TYPES]
        rows.append(f"| all | {sum(counts.values())} |")
        return "\n".join(rows)

    def facts(data):
        evs = [json.loads(x) for x in split_lines(data)]
        opened = [e for e in evs if e["type"] == "case.opened"]
        return (f"{len(evs)} events, {len(opened)} households (cases), case.opened from "
                f"{opened[0]['occurred_at'][:10]} to {opened[-1]['occurred_at'][:10]}, "
                f"last recorded_at {evs[-1]['recorded_at']}")

    b_rows = ["| file | first bad line | keyword | what was changed |", "| --- | ---: | --- | --- |"]
    for name in sorted(broken):
        _, line, keyword, what = broken[name]
        b_rows.append(f"| `{name}.ndjson` | {line} | `{keyword}` | {what} |")
    return f"""# Fixtures

Realistic NDJSON ledgers in the ledger's import format (DOMAIN.md, "The NDJSON
format"): one event per line, without `position`, `version`, `prev` and
`hash` (the ledger assigns them), with `recorded_at` given (a migration from
an older system), and the personal fields (`person`, `note`, `place`) in plain
text, which the ledger seals on import. All of it is fictional.

Every file here is made by a command and checked by
`tools/tests/test_generate_ledger.py`; rebuild them all (this README too) with

    python3 tools/tests/test_generate_ledger.py --write-fixtures

## demo.ndjson

    tools/generate-ledger {' '.join(DEMO_ARGS)} --out Fixtures/demo.ndjson

{facts(demo)}.

{table(demo)}

## small.ndjson

    tools/generate-ledger {' '.join(SMALL_ARGS)} --out Fixtures/small.ndjson

{facts(small)}.

{table(small)}

## golden/

`golden/ledger/` is a ledger folder (with its master key) that the build of
commit 7638c64 wrote from `golden/source.ndjson`, which uses every event type
and every vocabulary value; `golden/expected/` holds what that build printed
for it. `GoldenLedgerTests` checks that today's build reads it the same, byte
for byte, so that a stored code that changed (an event type's, a vocabulary
value's, a phase's) cannot go unnoticed. Never regenerate it: a new format
gets a new golden folder beside it, and this one stays.

## broken/

Each `NAME.ndjson` is `small.ndjson` with exactly one thing broken; the ledger
must refuse the whole import and name the first bad line. `NAME.expected`
holds one line, `LINE<TAB>KEYWORD`: the 1-based number of that line and a
word its error message should contain.

Where a broken file gives `position`, `prev` or `hash`, only the one given
value is wrong: a plain-text line cannot carry a correct `hash` (the ledger
seals its personal fields with fresh ciphertext), and `prev` of line 2 would
be line 1's hash.

{chr(10).join(b_rows)}
"""


def write_fixtures():
    FIXTURES.mkdir(exist_ok=True)
    (FIXTURES / "broken").mkdir(exist_ok=True)
    demo = run_generator(DEMO_ARGS, FIXTURES / "demo.ndjson")
    small = run_generator(SMALL_ARGS, FIXTURES / "small.ndjson")
    broken = make_broken(small)
    for old in (FIXTURES / "broken").glob("*"):
        old.unlink()
    for name, (data, line, keyword, _) in broken.items():
        got_line, err, _ = check_lines(split_lines(data))
        assert (got_line, err and err.keyword) == (line, keyword), (name, got_line, err)
        (FIXTURES / "broken" / f"{name}.ndjson").write_bytes(data)
        (FIXTURES / "broken" / f"{name}.expected").write_text(f"{line}\t{keyword}\n")
    (FIXTURES / "README.md").write_text(readme(demo, small, broken), encoding="utf-8")
    print(f"wrote demo ({len(split_lines(demo))} events), small ({len(split_lines(small))} events), "
          f"{len(broken)} broken files")


# ===========================================================================
# Tests

def berlin_offset(dt_utc):
    """Europe/Berlin's offset at a UTC instant, from the system's time zone
    database where present, else from the EU rule written out here."""
    if ZoneInfo is not None:
        try:
            return dt_utc.astimezone(ZoneInfo("Europe/Berlin")).utcoffset()
        except Exception:
            pass
    y = dt_utc.year
    def last_sunday(month):
        d = date(y, month, 31)
        return d - timedelta(days=(d.weekday() + 1) % 7)
    start = datetime.combine(last_sunday(3), datetime.min.time(), timezone.utc) + timedelta(hours=1)
    end = datetime.combine(last_sunday(10), datetime.min.time(), timezone.utc) + timedelta(hours=1)
    return timedelta(hours=2) if start <= dt_utc < end else timedelta(hours=1)


def berlin_date(dt):
    utc = dt.astimezone(timezone.utc)
    return (utc + berlin_offset(utc)).date()


OCCURRED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|\+01:00|\+02:00)\Z")
RECORDED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z")
ACTOR = re.compile(r"(cw\.[a-z]+[0-9]*|system\.import)\Z")
ADDRESS = re.compile(r".+ \d+[a-c]?, 213(35|37|39) Lüneburg\Z")
PHONE = re.compile(r"04131 \d{6}\Z")
KEYS = ["case", "type", "schema", "occurred_at", "recorded_at", "actor", "data"]


class GeneratorOutput:
    """Checks one generator output against the rules and the brief."""

    def __init__(self, test, data, households, start, end, prefix="LG", districts=DISTRICTS):
        self.test = test
        self.lines = split_lines(data)
        self.events = [json.loads(x) for x in self.lines]
        self.households, self.start, self.end = households, start, end
        self.prefix, self.districts = prefix, districts

    def check_all(self):
        t = self.test
        line, err, checker = check_lines(self.lines, districts=self.districts)
        t.assertIsNone(line, f"line {line} breaks a rule: {err}")
        self.checker = checker
        end_limit = datetime.combine(self.end + timedelta(days=1), datetime.min.time(), timezone.utc)
        end_limit -= berlin_offset(end_limit)
        sequences = {}
        opened_at = {}
        erased = set()
        last_rec = None
        for n, ev in enumerate(self.events, 1):
            where = f"line {n}"
            t.assertNotIn(ev["case"], erased, f"{where}: an event after case.erased")
            if ev["type"] == "case.erased":
                erased.add(ev["case"])
            t.assertEqual(list(ev), KEYS, where)
            t.assertRegex(ev["occurred_at"], OCCURRED, where)
            t.assertRegex(ev["recorded_at"], RECORDED, where)
            t.assertRegex(ev["actor"], ACTOR, where)
            occ = datetime.fromisoformat(ev["occurred_at"].replace("Z", "+00:00"))
            rec = datetime.fromisoformat(ev["recorded_at"].replace("Z", "+00:00"))
            if not ev["occurred_at"].endswith("Z"):
                t.assertEqual(occ.utcoffset(), berlin_offset(occ.astimezone(timezone.utc)),
                              f"{where}: offset is not Berlin's")
            if last_rec is not None:
                t.assertGreaterEqual(rec, last_rec, f"{where}: recorded_at goes back")
            last_rec = rec
            t.assertGreaterEqual(rec, occ, f"{where}: recorded before it occurred")
            t.assertLessEqual(rec - occ, timedelta(days=4), f"{where}: recorded too late")
            t.assertLess(rec, end_limit, f"{where}: recorded after --end")
            if ev["type"] == "case.opened":
                year = berlin_date(occ).year
                seq = sequences.get(year, 0) + 1
                sequences[year] = seq
                t.assertEqual(ev["case"], f"{self.prefix}-{year}-{seq:06d}", where)
                t.assertGreaterEqual(berlin_date(occ), self.start, where)
                opened_at[ev["case"]] = occ
                person = ev["data"]["person"]
                t.assertIn(" ", person["name"], where)
                t.assertRegex(person["address"], ADDRESS, where)
                t.assertRegex(person["phone"], PHONE, where)
                t.assertEqual(ev["data"]["caseworker"], ev["actor"] if ev["actor"] != "system.import"
                              else ev["data"]["caseworker"], where)
        t.assertEqual(sum(sequences.values()), self.households)
        self._episodes()
        return self

    def _episodes(self):
        """housing_secured closes come 1-120 days after the episode's start."""
        start = {}
        for ev in self.events:
            occ = datetime.fromisoformat(ev["occurred_at"].replace("Z", "+00:00"))
            if ev["type"] in ("case.opened", "case.reopened"):
                start[ev["case"]] = berlin_date(occ)
            elif ev["type"] == "case.closed" and ev["data"]["reason"] == "housing_secured":
                days = (berlin_date(occ) - start[ev["case"]]).days
                self.test.assertTrue(1 <= days <= 120, f"{ev['case']}: secured after {days} days")

    def counts(self):
        return collections.Counter(e["type"] for e in self.events)


class GeneratorTest(unittest.TestCase):
    def test_same_arguments_same_bytes_other_seed_other_bytes(self):
        args = ["--households", "150", "--start", "2023-01-01", "--end", "2024-12-31"]
        a = run_generator(args + ["--seed", "5"])
        b = run_generator(args + ["--seed", "5"])
        c = run_generator(args + ["--seed", "6"])
        self.assertGreater(len(a), 0)
        self.assertEqual(a, b)
        self.assertNotEqual(a, c)
        with tempfile.TemporaryDirectory() as tmp:          # --out writes the same bytes
            self.assertEqual(run_generator(args + ["--seed", "5"], Path(tmp) / "x.ndjson"), a)

    def test_fixtures_are_what_their_commands_make(self):
        demo = run_generator(DEMO_ARGS)
        small = run_generator(SMALL_ARGS)
        self.assertEqual((FIXTURES / "demo.ndjson").read_bytes(), demo,
                         "Fixtures/demo.ndjson is stale: run --write-fixtures")
        self.assertEqual((FIXTURES / "small.ndjson").read_bytes(), small,
                         "Fixtures/small.ndjson is stale: run --write-fixtures")
        broken = make_broken(small)
        self.assertEqual((FIXTURES / "README.md").read_text(encoding="utf-8"),
                         readme(demo, small, broken), "Fixtures/README.md is stale")

    def test_demo_obeys_every_rule_and_shows_every_event_type(self):
        data = (FIXTURES / "demo.ndjson").read_bytes()
        out = GeneratorOutput(self, data, 48, date(2022, 1, 1), date(2025, 12, 31)).check_all()
        counts = out.counts()
        for t in ALL_TYPES:
            self.assertGreater(counts[t], 0, f"demo lacks {t}")
        years = {e["case"].split("-")[1] for e in out.events if e["type"] == "case.opened"}
        self.assertGreaterEqual(len(years), 3)
        actions = {(e["data"]["action"]) for e in out.events if e["type"] == "entry.corrected"}
        self.assertEqual(actions, {"void", "amend"})

    def test_small_obeys_every_rule_and_shows_every_event_type(self):
        data = (FIXTURES / "small.ndjson").read_bytes()
        out = GeneratorOutput(self, data, 12, date(2024, 4, 1), date(2024, 9, 30)).check_all()
        counts = out.counts()
        for t in ALL_TYPES:
            self.assertGreater(counts[t], 0, f"small lacks {t}")

    def test_other_arguments_obey_every_rule(self):
        for args, start, end, prefix, districts in [
            (["--households", "300", "--seed", "11"], date(2022, 1, 1), date(2026, 10, 31), "LG", DISTRICTS),
            (["--households", "40", "--seed", "12", "--start", "2024-03-20", "--end", "2024-04-10",
              "--prefix", "HH", "--districts", "nord,sued,mitte"],
             date(2024, 3, 20), date(2024, 4, 10), "HH", {"nord", "sued", "mitte"}),
            (["--households", "1", "--seed", "0", "--start", "2020-10-24", "--end", "2021-03-31"],
             date(2020, 10, 24), date(2021, 3, 31), "LG", DISTRICTS),
        ]:
            with self.subTest(args=args):
                GeneratorOutput(self, run_generator(args), int(args[1]), start, end,
                                prefix, districts).check_all()

    def test_shares_are_realistic(self):
        data = run_generator(["--households", "3000", "--seed", "3"])
        out = GeneratorOutput(self, data, 3000, date(2022, 1, 1), date(2026, 10, 31)).check_all()
        counts = out.counts()
        closes = collections.Counter(e["data"]["reason"] for e in out.events if e["type"] == "case.closed")
        total = sum(closes.values())
        cases = out.checker.cases.values()
        share = {
            "housing_secured of closes": closes["housing_secured"] / total,
            "housing_lost of closes": closes["housing_lost"] / total,
            "cases open at the end": sum(not c.closed for c in cases) / len(cases),
            "corrections of events": counts["entry.corrected"] / len(out.events),
            "erased of closed cases": counts["case.erased"] / sum(c.closed for c in cases),
            "concluded of referrals": counts["referral.concluded"] / counts["referral.made"],
        }
        bounds = {
            "housing_secured of closes": (0.55, 0.65), "housing_lost of closes": (0.10, 0.15),
            "cases open at the end": (0.10, 0.15), "corrections of events": (0.02, 0.03),
            "erased of closed cases": (0.02, 0.05), "concluded of referrals": (0.7, 0.95),
        }
        for name, (lo, hi) in bounds.items():
            self.assertTrue(lo <= share[name] <= hi, f"{name}: {share[name]:.3f}")
        emergencies_lost = counts["emergency.accommodated"] / closes["housing_lost"]
        self.assertGreater(emergencies_lost, 0.5)
        self.assertGreater(counts["case.reopened"], 0)
        sources = collections.Counter(e["data"]["source"] for e in out.events if e["type"] == "case.opened")
        districts = collections.Counter(e["data"]["district"] for e in out.events if e["type"] == "case.opened")
        self.assertEqual(len(sources), 8)
        self.assertEqual(set(d for d, _ in districts.most_common(4)),
                         {"kaltenmoor", "weststadt", "mittelfeld", "kreideberg"})
        caseworkers = {e["data"]["caseworker"] for e in out.events if e["type"] == "case.opened"}
        self.assertTrue(6 <= len(caseworkers) <= 10, caseworkers)

    def test_usage_errors(self):
        for args in (["--seed", "1"], ["--households", "0", "--seed", "1"],
                     ["--households", "5", "--seed", "1", "--start", "2024-02-30"],
                     ["--households", "5", "--seed", "1", "--start", "2025-01-01", "--end", "2024-01-01"],
                     ["--households", "5", "--seed", "1", "--prefix", "lg"]):
            with self.subTest(args=args):
                r = subprocess.run([sys.executable, str(GENERATOR)] + args, capture_output=True)
                self.assertEqual(r.returncode, 2, r.stderr)

    def test_timing_of_200000_events(self):
        """Prints the rate; asserts nothing about it (timed tests are flaky)."""
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "t.ndjson"
            t0 = time.perf_counter()
            run_generator(["--households", "12800", "--seed", "99"], out)
            elapsed = time.perf_counter() - t0
            n = out.read_bytes().count(b"\n")
        self.assertGreater(n, 150000)
        print(f"\n[timing] generate-ledger: {n} events in {elapsed:.1f} s, "
              f"{n / elapsed:,.0f} events/s", file=sys.stderr)


class BrokenFixturesTest(unittest.TestCase):
    def test_there_are_enough_and_each_is_refused_at_its_line(self):
        files = sorted((FIXTURES / "broken").glob("*.ndjson"))
        self.assertGreaterEqual(len(files), 20)
        keywords = set()
        for path in files:
            with self.subTest(file=path.name):
                line_s, keyword = path.with_suffix(".expected").read_text().rstrip("\n").split("\t")
                keywords.add(keyword)
                line, err, _ = check_lines(read_lines(path))
                self.assertEqual((line, err and err.keyword), (int(line_s), keyword), str(err))
        for needed in ("invalid json", "utf-8", "floating-point", "unknown event type", "schema",
                       "closed", "already exists", "unknown case", "referral", "void", "date",
                       "future", "recorded_at", "version", "missing", "reason", "type"):
            self.assertIn(needed, keywords)

    def test_each_differs_from_small_only_near_its_bad_line(self):
        small = read_lines(FIXTURES / "small.ndjson")
        for path in sorted((FIXTURES / "broken").glob("*.ndjson")):
            with self.subTest(file=path.name):
                line = int(path.with_suffix(".expected").read_text().split("\t")[0])
                broken = read_lines(path)
                self.assertEqual(broken[:line - 1], small[:line - 1])
                self.assertIn(len(broken) - len(small), (0, 1))
                tail = small[line:] if len(broken) == len(small) else small[line - 1:]
                self.assertEqual(broken[line:], tail)

    def test_checker_itself_refuses_what_it_should(self):
        """The rule checker must be able to fail: a few direct cases."""
        ok = read_lines(FIXTURES / "small.ndjson")
        self.assertEqual(check_lines(ok)[0], None)
        swapped = [ok[1], ok[0]] + ok[2:]
        self.assertIsNotNone(check_lines(swapped)[0])
        no_open = [x for x in ok if b'"case.opened"' not in x]
        self.assertEqual(check_lines(no_open)[0], 1)
        self.assertEqual(check_lines(no_open)[1].keyword, "unknown case")


class BerlinTimeTest(unittest.TestCase):
    @unittest.skipIf(ZoneInfo is None, "no zoneinfo")
    def test_generator_time_zone_rule_matches_the_tz_database(self):
        import importlib.machinery
        import importlib.util
        loader = importlib.machinery.SourceFileLoader("generate_ledger", str(GENERATOR))
        spec = importlib.util.spec_from_loader("generate_ledger", loader)
        gl = importlib.util.module_from_spec(spec)
        loader.exec_module(gl)
        try:
            berlin = ZoneInfo("Europe/Berlin")
        except Exception:
            self.skipTest("no Europe/Berlin in the tz database")
        for year in range(2000, 2036):
            for month, day in ((3, 20), (10, 20)):
                t0 = int(datetime(year, month, day, tzinfo=timezone.utc).timestamp())
                for ts in range(t0, t0 + 14 * 86400, 1800):
                    dt = datetime.fromtimestamp(ts, timezone.utc)
                    self.assertEqual(gl.berlin_offset(ts), dt.astimezone(berlin).utcoffset().seconds,
                                     dt.isoformat())

    def test_offsets_follow_the_eu_rule(self):
        spring = datetime(2024, 3, 31, 0, 59, 59, tzinfo=timezone.utc)
        self.assertEqual(berlin_offset(spring), timedelta(hours=1))
        self.assertEqual(berlin_offset(spring + timedelta(seconds=1)), timedelta(hours=2))
        autumn = datetime(2024, 10, 27, 0, 59, 59, tzinfo=timezone.utc)
        self.assertEqual(berlin_offset(autumn), timedelta(hours=2))
        self.assertEqual(berlin_offset(autumn + timedelta(seconds=1)), timedelta(hours=1))


if __name__ == "__main__":
    if "--write-fixtures" in sys.argv:
        write_fixtures()
    else:
        unittest.main()
