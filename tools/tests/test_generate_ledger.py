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
    "notice_kind": {"extraordinary", "ordinary", "extraordinary_and_ordinary"},
    "status": {"still_housed", "moved_to_housing", "housing_lost", "no_contact"},
    "restriction_reason": {"accuracy_disputed", "objection", "legal_claims"},
}
TYPES = {"case.opened", "contact.recorded", "situation.analysed",
         "mediation.recorded", "referral.made", "referral.concluded",
         "follow_up.scheduled", "housing.secured", "emergency.accommodated",
         "case.reassigned", "case.closed", "case.reopened", "entry.corrected",
         "case.erased", "tenancy.checked", "case.restricted", "case.restriction_lifted"}
# The types a Fixtures/ file made before schema 2 holds at most.
TYPES_BEFORE_SCHEMA_2 = TYPES - {"tenancy.checked", "case.restricted", "case.restriction_lifted"}
# Payload schemas: every type has schema 1; situation.analysed also 2, which
# adds these optional fields.
SCHEMAS = {"situation.analysed": (1, 2)}
SCHEMA_2_FIELDS = ("notice_date", "notice_kind", "suit_date")
# After case.closed, and while restricted, only these are accepted.
AFTER_CLOSE = {"case.reopened", "entry.corrected", "case.erased", "tenancy.checked",
               "case.restricted", "case.restriction_lifted"}
WHILE_RESTRICTED = {"entry.corrected", "case.restriction_lifted", "case.erased"}
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
        # [type, data, voided, schema, date, episode start date] by version - 1
        # (dates in Europe/Berlin)
        self.events = []
        self.closed = False
        self.erased = False
        self.restricted = False
        self.episode_start = None  # occurred_at of case.opened / latest reopen
        self.episode_first_version = 1
        self.close_at = None
        self.close_reason = None   # of the latest case.closed
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
            raise Refused("reason" if kind.endswith("_reason") else kind,
                          f"unknown {kind} {value!r}")

    def _int(self, data, key, minimum):
        v = data[key]
        if type(v) is not int:
            raise Refused("type", f"{key} must be an integer")
        if v < minimum:
            raise Refused("range", f"{key} must be at least {minimum}")
        return v

    def payload(self, typ, data, schema=1, day=None, start=None):
        """Check a payload of typ and schema; day: the event's date (Berlin),
        start: its episode's start date, for the rules on dates."""
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
            for k in ("name", "address"):
                self._text(person, k)
            if type(person["phone"]) is not str:           # may be empty (no phone)
                raise Refused("type", "phone must be a string")
            parse_date(person["birth_date"], "birth_date")
        elif typ == "contact.recorded":
            self._fields(data, ("channel", "note"))
            self._vocab(data["channel"], "channel")
            self._text(data, "note")
        elif typ == "situation.analysed":
            if schema == 1:
                for k in SCHEMA_2_FIELDS:
                    if k in data:
                        raise Refused("schema", f"{k} in a schema 1 analysis")
            self._fields(data, ("causes", "risk", "note"), ("eviction_date", "arrears_cents")
                         + (SCHEMA_2_FIELDS if schema == 2 else ()))
            self._stage_dates(data, day)
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
            self._effective(data, day, start)
        elif typ == "emergency.accommodated":
            self._fields(data, ("effective", "place"))
            self._effective(data, day, start)
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
        elif typ == "tenancy.checked":
            self._fields(data, ("status",))
            self._vocab(data["status"], "status")
        elif typ == "case.restricted":
            self._fields(data, ("reason",))
            self._vocab(data["reason"], "restriction_reason", "reason")
        elif typ == "case.restriction_lifted":
            self._fields(data, ("reason",))
            self._text(data, "reason")

    def _stage_dates(self, data, day):
        """notice_date, notice_kind and suit_date of a schema 2 analysis."""
        notice = parse_date(data["notice_date"], "notice_date") if "notice_date" in data else None
        suit = parse_date(data["suit_date"], "suit_date") if "suit_date" in data else None
        if ("notice_kind" in data) != (notice is not None):
            raise Refused("notice_kind", "notice_kind goes with notice_date, and only with it")
        if notice is not None:
            self._vocab(data["notice_kind"], "notice_kind")
        for name, d in (("notice_date", notice), ("suit_date", suit)):
            if d is not None and day is not None and d > day:
                raise Refused(name, f"{name} {d} after the analysis's date {day}")
        if notice is not None and suit is not None and suit < notice:
            raise Refused("suit_date", f"suit_date {suit} before notice_date {notice}")

    def _effective(self, data, day, start):
        eff = parse_date(data["effective"], "effective")
        if start is not None and eff < start:
            raise Refused("effective", f"effective {eff} before the episode's start {start}")
        if day is not None and (eff - day).days > 365:
            raise Refused("effective", f"effective {eff} more than 365 days after {day}")

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
        if ev["schema"] not in SCHEMAS.get(typ, (1,)):
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
        day = berlin_date(occurred)
        start = berlin_date(case.episode_start) if case is not None else day
        self.payload(typ, data, ev["schema"], day, start)
        self.rules(case_id, case, typ, data, occurred, ev["schema"])
        self.position += 1
        self.last_recorded = recorded
        return ev

    # -- rules ----------------------------------------------------------------
    def rules(self, case_id, case, typ, data, occurred, schema=1):
        if typ == "case.opened":
            if case is not None:
                raise Refused("already exists", f"case {case_id} already exists")
            case = self.cases[case_id] = Case()
            case.episode_start = occurred
            case.caseworker = data["caseworker"]
            self._append(case, typ, data, schema, occurred)
            return
        if case is None:
            raise Refused("unknown case", f"unknown case {case_id}")
        if case.erased and typ != "entry.corrected":
            raise Refused("erased", "the case is erased")
        if case.restricted and typ not in WHILE_RESTRICTED:
            raise Refused("restricted", f"{typ} while the case is restricted")
        if case.closed and typ not in AFTER_CLOSE:
            raise Refused("closed", "the case is closed")
        if typ in ("case.reopened", "case.erased") and not case.closed:
            raise Refused("not closed", f"{typ} needs a closed case")
        if typ == "tenancy.checked" and not (case.closed and case.close_reason == "housing_secured"):
            raise Refused("tenancy", "tenancy.checked needs a case closed housing_secured")
        if typ == "case.restricted" and case.restricted:
            raise Refused("restricted", "the case is restricted already")
        if typ == "case.restriction_lifted" and not case.restricted:
            raise Refused("restricted", "the case is not restricted")
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
                standing = any(e[0] == "housing.secured" and not e[2]
                               for e in case.events[case.episode_first_version - 1:])
                if not standing:
                    raise Refused("reason", "housing_secured needs a standing housing.secured")
            case.closed = True
            case.close_at = occurred
            case.close_reason = data["reason"]
        elif typ == "case.erased":
            case.erased = True
        elif typ == "case.restricted":
            case.restricted = True
        elif typ == "case.restriction_lifted":
            case.restricted = False
        elif typ == "case.reassigned":
            if data["caseworker"] == case.caseworker:
                raise Refused("caseworker", "reassigned to the current caseworker")
            case.caseworker = data["caseworker"]
        elif typ == "referral.made":
            expected = sum(1 for e in case.events if e[0] == "referral.made") + 1
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
            t_type, _, voided, t_schema, t_day, t_start = case.events[target - 1]
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
                # Read with the target's type and schema, dated as the target.
                self.payload(t_type, data["replacement"], t_schema, t_day, t_start)
                if t_type == "referral.made" and data["replacement"]["referral"] != \
                        case.events[target - 1][1]["referral"]:
                    raise Refused("referral", "an amendment cannot renumber a referral")
                if t_type == "case.reassigned":
                    raise Refused("amend", "a reassignment cannot be amended")
                case.events[target - 1][1] = data["replacement"]
        self._append(case, typ, data, schema, occurred)

    def _append(self, case, typ, data, schema, occurred):
        case.version += 1
        case.events.append([typ, data, False, schema, berlin_date(occurred),
                            berlin_date(case.episode_start)])


def check_lines(lines, **kw):
    """Check an iterable of lines (bytes, no newline). Returns (None, None,
    checker) if all pass, else (line number, Refused, checker)."""
    checker = Checker(**kw)
    n = 0
    for n, raw in enumerate(lines, 1):
        if not raw.strip(b" \t\r"):
            continue  # DOMAIN.md: lines of only white space are skipped (and counted)
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
# Twelve households over six months show every event type only with a lucky
# seed: after any change to the generator, find one with
# test_fixture_commands_show_every_event_type_and_both_schemas.
SMALL_ARGS = ["--households", "12", "--seed", "104", "--start", "2024-04-01", "--end", "2024-09-30"]
ALL_TYPES = sorted(TYPES)


def run_generator(args, out=None):
    """Run tools/generate-ledger; return its output bytes."""
    cmd = [sys.executable, str(GENERATOR)] + list(args)
    if out is not None:
        subprocess.run(cmd + ["--out", str(out)], check=True)
        return Path(out).read_bytes()
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout


def predates_schema_2(data):
    """Whether a generated file (bytes) was made before the generator wrote
    schema 2 analyses and the event types added with them."""
    return b'"schema":2' not in data and b'"tenancy.checked"' not in data


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
        """Case ids open (not closed, not restricted) right after line i."""
        state, restricted = {}, set()
        for ev in events[:i + 1]:
            if ev["type"] in ("case.opened", "case.reopened"):
                state[ev["case"]] = "open"
            elif ev["type"] == "case.closed":
                state[ev["case"]] = "closed"
            elif ev["type"] == "case.erased":
                state[ev["case"]] = "erased"
            elif ev["type"] == "case.restricted":
                restricted.add(ev["case"])
            elif ev["type"] == "case.restriction_lifted":
                restricted.discard(ev["case"])
        return {c: ("restricted" if c in restricted else s) for c, s in state.items()}

    i = first(lambda e: e["type"] == "contact.recorded")
    put("invalid-json", replaced(i, lines[i][:-1]), i + 1, "invalid json",
        "a contact line lost its closing brace")
    # Lines of only white space are skipped but counted: the bad line after two of them is line 8.
    put("blank-lines-counted", lines[:5] + [b"", b" \t\r"] + [lines[5][:-1]] + lines[6:], 8, "invalid json",
        "two blank lines (empty; space, tab, CR) after line 5, then line 6 without its closing brace")
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
    # Prevention law (DOMAIN.md "Tenancy law"), checks and restriction: one broken rule each.
    def shifted(ts, minutes):
        return (parse(ts) + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def after(i, typ, data, schema=1, case=None):
        """An event of events[i]'s case (or `case`) one minute after line i, inserted as line i + 2."""
        e = events[i]
        at = shifted(e["recorded_at"], 1)
        return inserted(i + 1, dump({"case": case or e["case"], "type": typ, "schema": schema, "occurred_at": at,
                                     "recorded_at": at, "actor": e["actor"], "data": data}))
    i = first(lambda e: e["type"] == "situation.analysed" and e["schema"] == 2 and "notice_date" in e["data"])
    own = events[i]["occurred_at"][:10]
    put("notice-after-analysis", replaced(i, with_data(i, notice_date="2099-01-01")), i + 1, "notice_date",
        f"a schema 2 analysis of {own} whose notice_date is 2099-01-01")
    put("notice-kind-without-date", replaced(i, with_data(i, notice_date=None)), i + 1, "notice_kind",
        "a schema 2 analysis with notice_kind but no notice_date")
    put("suit-before-notice", replaced(i, with_data(i, suit_date="2000-01-01")), i + 1, "suit_date",
        "a schema 2 analysis whose suit_date 2000-01-01 lies before its notice_date")
    i = first(lambda e: e["type"] == "situation.analysed" and e["schema"] == 1)
    put("schema-1-with-suit-date", replaced(i, with_data(i, suit_date=events[i]["occurred_at"][:10])), i + 1,
        "schema", "a schema 1 analysis holding suit_date, a field of schema 2")
    put("correction-gains-schema-2", after(i, "entry.corrected", {
        "target": sum(1 for e in events[:i + 1] if e["case"] == events[i]["case"]), "action": "amend",
        "reason": "Kündigung nachgetragen",
        "replacement": dict(events[i]["data"], notice_date=events[i]["occurred_at"][:10], notice_kind="ordinary")}),
        i + 2, "schema", "an amendment giving a schema 1 analysis a notice_date")
    i = first(lambda e: e["type"] == "housing.secured")
    put("effective-before-episode", replaced(i, with_data(i, effective="2000-01-01")), i + 1, "effective",
        "a housing.secured effective 2000-01-01, before its episode began")
    i = first(lambda e: e["type"] == "case.closed" and e["data"]["reason"] != "housing_secured"
              and after_case_state(events.index(e)).get(e["case"]) == "closed")
    put("check-without-secured-close", after(i, "tenancy.checked", {"status": "still_housed"}), i + 2,
        "tenancy", "a tenancy.checked right after a close that was not housing_secured")
    i = first(lambda e: e["type"] == "case.restricted")
    put("contact-while-restricted", after(i, "contact.recorded", {"channel": "phone", "note": "Anruf"}), i + 2, "restricted",
        "a contact right after the case was restricted")
    i = first(lambda e: e["type"] == "contact.recorded"
              and after_case_state(events.index(e)).get(e["case"]) == "open", 20)
    put("lift-unrestricted", after(i, "case.restriction_lifted", {"reason": "nichts"}), i + 2,
        "restricted", "a case.restriction_lifted on a case that is not restricted")
    put("wrong-position", replaced(2, with_envelope(2, position=7)), 3, "position",
        "position 7 given on line 3")
    put("wrong-prev", replaced(1, with_envelope(1, prev="0" * 64)), 2, "prev",
        "prev of 64 zeros given on line 2 (it must be line 1's hash)")
    put("wrong-hash", replaced(0, with_envelope(0, hash="0" * 64)), 1, "hash",
        "hash of 64 zeros given on line 1")
    return out


def type_counts(data):
    """Counts per event type: of every type, or of the types before schema 2
    for a file made before the generator wrote the newer ones."""
    counts = {t: 0 for t in (sorted(TYPES_BEFORE_SCHEMA_2) if predates_schema_2(data) else ALL_TYPES)}
    for raw in split_lines(data):
        counts[json.loads(raw)["type"]] += 1
    return counts


def readme(demo, small, broken):
    def table(data):
        counts = type_counts(data)
        rows = ["| event type | count |", "| --- | ---: |"]
        rows += [f"| `{t}` | {n} |" for t, n in counts.items()]
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

## format1/

`format1/ledger/` is a ledger folder (with its master and signing keys) that
the build of commit 997cad0, the last of storage format 1 (the case index in
its own `cases` database), wrote from `small.ndjson`; `format1/expected/`
holds what that build printed for it. `FormatMigrationTests` opens a copy and
checks that it is converted to today's format once, verifies, and prints the
same bytes. Never regenerate it.

## examples/

Copies of the contract's worked examples (`three-cases.ndjson`,
`prevention-law.ndjson` from the steering folder's `examples/`), so that the
desk's tests run where that folder is not beside the checkout.

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


def add_months(d, months):
    """d plus months (may be negative) as §188 II/III BGB counts them."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    m += 1
    for day in range(d.day, 27, -1):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    return date(y, m, min(d.day, 28))


def event_date(ev):
    return berlin_date(datetime.fromisoformat(ev["occurred_at"].replace("Z", "+00:00")))


EXTRAORDINARY = ("extraordinary", "extraordinary_and_ordinary")


class Replay:
    """Episodes of every case with every correction applied (the final state
    of the log), read independently of the generator: what the tenancy-law
    shares are computed from."""

    def __init__(self, events):
        self.cases = {}
        for ev in events:
            case = self.cases.setdefault(ev["case"], {"events": [], "episodes": []})
            evs, episodes = case["events"], case["episodes"]
            typ, data = ev["type"], ev["data"]
            evs.append({"type": typ, "data": data, "day": event_date(ev), "voided": False})
            version = len(evs)
            if typ in ("case.opened", "case.reopened"):
                if episodes:
                    episodes[-1]["reopened"] = event_date(ev)
                episodes.append({"start": event_date(ev), "first": version, "versions": [],
                                 "closed": None, "reason": None, "reopened": None})
            elif typ == "entry.corrected":
                target = evs[data["target"] - 1]
                if data["action"] == "void":
                    target["voided"] = True
                else:
                    target["data"] = data["replacement"]
            if typ == "case.closed":
                episodes[-1]["closed"] = event_date(ev)
                episodes[-1]["reason"] = data["reason"]
            # An event belongs to the episode in force (a check: the one
            # last closed before it).
            episodes[-1]["versions"].append(version)

    def standing(self, case, episode, typ):
        evs = case["events"]
        return [evs[v - 1] for v in episode["versions"]
                if evs[v - 1]["type"] == typ and not evs[v - 1]["voided"]]

    def schonfrist(self):
        """(case, episode index, applies, blocked) for every episode with a
        standing analysis."""
        out = []
        for case_id, case in self.cases.items():
            cures = []          # earlier episodes' termination dates that count
            for i, ep in enumerate(case["episodes"]):
                analyses = self.standing(case, ep, "situation.analysed")
                latest = analyses[-1]["data"] if analyses else None
                if latest is not None:
                    applies = ("suit_date" in latest and latest.get("notice_kind") in EXTRAORDINARY
                               and "rent_arrears" in latest["causes"])
                    blocked = False
                    if applies and "notice_date" in latest:
                        notice = date.fromisoformat(latest["notice_date"])
                        lo = add_months(notice, -24)
                        blocked = any(lo <= t < notice for t in cures)
                    out.append((case_id, i, applies, blocked))
                assumed = [e for e in self.standing(case, ep, "mediation.recorded")
                           if e["data"]["outcome"] == "arrears_assumed"]
                if assumed:
                    if latest is not None and "notice_date" in latest:
                        if latest["notice_kind"] in EXTRAORDINARY:
                            cures.append(date.fromisoformat(latest["notice_date"]))
                    else:
                        cures.append(assumed[-1]["day"])
        return out


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
        self._law()
        return self

    def _law(self):
        """The rules of schema 2, checks, restrictions and effective dates,
        checked directly on the generated lines (the checker above checks them
        too, as the ledger would)."""
        t = self.test
        cases = {}
        for n, ev in enumerate(self.events, 1):
            where = f"line {n} ({ev['case']})"
            typ, data, day = ev["type"], ev["data"], event_date(ev)
            c = cases.setdefault(ev["case"], {"events": [], "closed": False, "restricted": False})
            c["events"].append((typ, ev["schema"], day, c.get("start")))
            if typ in ("case.opened", "case.reopened"):
                c.update(start=day, closed=False, checks=[], lost=False)
                c["events"][-1] = (typ, ev["schema"], day, day)
            if c["restricted"]:
                t.assertIn(typ, ("entry.corrected", "case.restriction_lifted", "case.erased"),
                           f"{where}: casework while restricted")
            if typ == "situation.analysed":          # migrated records come first
                t.assertFalse(ev["schema"] == 1 and c.get("schema2"),
                              f"{where}: a schema 1 analysis after a schema 2 one")
                c["schema2"] = c.get("schema2") or ev["schema"] == 2
            payloads = [(typ, ev["schema"], day, c["start"], data)]
            if typ == "entry.corrected" and data["action"] == "amend":
                t_typ, t_schema, t_day, t_start = c["events"][data["target"] - 1]
                payloads.append((t_typ, t_schema, t_day, t_start, data["replacement"]))
            for p_typ, schema, p_day, start, payload in payloads:
                if p_typ == "situation.analysed":
                    self._analysis(where, schema, p_day, payload)
                elif p_typ in ("housing.secured", "emergency.accommodated"):
                    eff = date.fromisoformat(payload["effective"])
                    t.assertGreaterEqual(eff, start, f"{where}: effective before the episode's start")
                    t.assertLessEqual((eff - p_day).days, 365, f"{where}: effective too late")
            if typ == "case.closed":
                c.update(closed=True, reason=data["reason"], closed_on=day)
            elif typ == "case.restricted":
                t.assertFalse(c["restricted"], f"{where}: restricted twice")
                c["restricted"] = True
            elif typ == "case.restriction_lifted":
                t.assertTrue(c["restricted"], f"{where}: lifted but not restricted")
                c["restricted"] = False
            elif typ == "tenancy.checked":
                t.assertTrue(c["closed"] and c["reason"] == "housing_secured",
                             f"{where}: a check without a close with housing secured before it")
                t.assertFalse(c["lost"], f"{where}: a check after one that found the home lost")
                closed = c["closed_on"]
                t.assertTrue(add_months(closed, 3) - timedelta(days=6) <= day
                             <= add_months(closed, 12) + timedelta(days=82),
                             f"{where}: a check on {day}, closed on {closed}")
                c["checks"].append(day)
                t.assertLessEqual(len(c["checks"]), 3, f"{where}: more than three checks")
                c["lost"] = data["status"] == "housing_lost"

    def _analysis(self, where, schema, day, data):
        t = self.test
        if schema == 1:
            for k in SCHEMA_2_FIELDS:
                t.assertNotIn(k, data, f"{where}: {k} in a schema 1 analysis")
            return
        t.assertEqual(schema, 2, where)
        t.assertEqual("notice_date" in data, "notice_kind" in data,
                      f"{where}: notice_kind without notice_date or the reverse")
        notice = date.fromisoformat(data["notice_date"]) if "notice_date" in data else None
        suit = date.fromisoformat(data["suit_date"]) if "suit_date" in data else None
        for d in (notice, suit):
            t.assertTrue(d is None or d <= day, f"{where}: a stage date after the analysis ({day})")
        t.assertFalse(notice and suit and suit < notice, f"{where}: the suit before the notice")
        if suit is not None:
            t.assertTrue({"eviction_lawsuit", "eviction_scheduled"} & set(data["causes"]),
                         f"{where}: a suit date without a suit among the causes")

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


_BIG = {}


def big_output(test):
    """The 3000-household output the share tests read (generated once)."""
    if "data" not in _BIG:
        _BIG["data"] = run_generator(["--households", "3000", "--seed", "3"])
    return GeneratorOutput(test, _BIG["data"], 3000, date(2022, 1, 1), date(2026, 10, 31))


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
        committed = (FIXTURES / "demo.ndjson").read_bytes()
        if predates_schema_2(committed) and not predates_schema_2(demo):
            self.skipTest("Fixtures/ were made before the generator wrote schema 2 analyses, "
                          "tenancy.checked and restrictions, which the ledger cannot import "
                          "yet; rebuild them with --write-fixtures once it can (then this "
                          "comparison runs again)")
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
        for t in sorted(TYPES_BEFORE_SCHEMA_2 if predates_schema_2(data) else TYPES):
            self.assertGreater(counts[t], 0, f"demo lacks {t}")
        years = {e["case"].split("-")[1] for e in out.events if e["type"] == "case.opened"}
        self.assertGreaterEqual(len(years), 3)
        actions = {(e["data"]["action"]) for e in out.events if e["type"] == "entry.corrected"}
        self.assertEqual(actions, {"void", "amend"})

    def test_small_obeys_every_rule_and_shows_every_event_type(self):
        data = (FIXTURES / "small.ndjson").read_bytes()
        out = GeneratorOutput(self, data, 12, date(2024, 4, 1), date(2024, 9, 30)).check_all()
        counts = out.counts()
        for t in sorted(TYPES_BEFORE_SCHEMA_2 if predates_schema_2(data) else TYPES):
            self.assertGreater(counts[t], 0, f"small lacks {t}")

    def test_fixture_commands_show_every_event_type_and_both_schemas(self):
        """What --write-fixtures will write: until Fixtures/ are rebuilt, the
        committed files cannot show the new event types, so this checks the
        commands' output itself."""
        for name, args, households, start, end in (
                ("demo", DEMO_ARGS, 48, date(2022, 1, 1), date(2025, 12, 31)),
                ("small", SMALL_ARGS, 12, date(2024, 4, 1), date(2024, 9, 30))):
            with self.subTest(fixture=name):
                out = GeneratorOutput(self, run_generator(args), households, start, end).check_all()
                counts = out.counts()
                for t in ALL_TYPES:
                    self.assertGreater(counts[t], 0, f"{name} lacks {t}")
                schemas = {e["schema"] for e in out.events if e["type"] == "situation.analysed"}
                self.assertEqual(schemas, {1, 2}, name)
                self.assertTrue(any("notice_date" in e["data"] for e in out.events
                                    if e["type"] == "situation.analysed"), name)
                broken = make_broken(run_generator(args)) if name == "small" else {}
                for b_name, (data, line, keyword, _) in broken.items():
                    got = check_lines(split_lines(data))
                    self.assertEqual((got[0], got[1] and got[1].keyword), (line, keyword), b_name)

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
        out = big_output(self).check_all()
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

    def test_tenancy_law_shares_are_realistic(self):
        out = big_output(self)
        events = out.events
        analyses = [e for e in events if e["type"] == "situation.analysed"]
        schema2 = [e["data"] for e in analyses if e["schema"] == 2]
        by_year = collections.defaultdict(collections.Counter)
        for e in analyses:
            by_year[e["occurred_at"][:4]][e["schema"]] += 1
        old = {y: c[1] / (c[1] + c[2]) for y, c in by_year.items()}
        court = [d for d in schema2 if {"termination_notice", "eviction_lawsuit",
                                        "eviction_scheduled"} & set(d["causes"])]
        lawsuit = [d for d in schema2 if "eviction_lawsuit" in d["causes"]]
        noticed = [d for d in schema2 if "notice_date" in d]
        schonfrist = [d for d in noticed if "suit_date" in d and d["notice_kind"] in EXTRAORDINARY
                      and "rent_arrears" in d["causes"]]
        verdicts = Replay(events).schonfrist()
        applies = sum(1 for v in verdicts if v[2])
        blocked = sum(1 for v in verdicts if v[3])
        statuses = collections.Counter(e["data"]["status"] for e in events if e["type"] == "tenancy.checked")
        checks = sum(statuses.values())
        restricted = {e["case"] for e in events if e["type"] == "case.restricted"}
        lifted = {e["case"] for e in events if e["type"] == "case.restriction_lifted"}
        share = {
            "schema 2 of analyses": len(schema2) / len(analyses),
            "schema 1 in 2022 minus in 2025": old["2022"] - old["2025"],
            "a notice date with a notice, suit or eviction cause": sum("notice_date" in d for d in court) / len(court),
            "a suit date with eviction_lawsuit": sum("suit_date" in d for d in lawsuit) / len(lawsuit),
            "Schonfrist of analyses with a notice": len(schonfrist) / len(noticed),
            "blocked of episodes where the Schonfrist applies": blocked / applies,
            "still_housed of checks": statuses["still_housed"] / checks,
            "moved_to_housing of checks": statuses["moved_to_housing"] / checks,
            "housing_lost of checks": statuses["housing_lost"] / checks,
            "no_contact of checks": statuses["no_contact"] / checks,
            "restricted of cases": len(restricted) / out.households,
            "lifted of restricted cases": len(lifted) / len(restricted),
        }
        bounds = {
            "schema 2 of analyses": (0.80, 0.90),
            "schema 1 in 2022 minus in 2025": (0.1, 0.35),
            "a notice date with a notice, suit or eviction cause": (0.75, 0.95),
            "a suit date with eviction_lawsuit": (0.75, 0.95),
            "Schonfrist of analyses with a notice": (0.15, 0.25),
            "blocked of episodes where the Schonfrist applies": (0.03, 0.25),
            "still_housed of checks": (0.65, 0.85), "moved_to_housing of checks": (0.04, 0.15),
            "housing_lost of checks": (0.02, 0.09), "no_contact of checks": (0.05, 0.16),
            "restricted of cases": (0.005, 0.02), "lifted of restricted cases": (0.6, 0.95),
        }
        for name, (lo, hi) in bounds.items():
            self.assertTrue(lo <= share[name] <= hi, f"{name}: {share[name]:.3f}")
        # Checks at each horizon, of the episodes closed housing_secured that
        # can be judged: all of the year after the close (and the checks' lag)
        # lies before --end, never reopened, restricted or erased.
        replay = Replay(events)
        left_alone = {e["case"] for e in events if e["type"] in ("case.restricted", "case.erased")}
        made = collections.Counter()
        on_time = judged = 0
        for case_id, case in replay.cases.items():
            ep = case["episodes"][-1]
            if case_id in left_alone or ep["reason"] != "housing_secured" \
                    or add_months(ep["closed"], 12) + timedelta(days=90) > out.end:
                continue
            judged += 1
            days = [case["events"][v - 1]["day"] for v in ep["versions"]
                    if case["events"][v - 1]["type"] == "tenancy.checked"]
            for months in (3, 6, 12):
                due = add_months(ep["closed"], months)
                near = [d for d in days if -6 <= (d - due).days <= 82]
                made[months] += bool(near)
                on_time += sum(1 for d in near if abs((d - due).days) <= 6)
        self.assertGreater(judged, 500)
        for months, (lo, hi) in ((3, (0.75, 0.95)), (6, (0.65, 0.9)), (12, (0.5, 0.8))):
            self.assertTrue(lo <= made[months] / judged <= hi, f"{months}m: {made[months] / judged:.3f}")
        self.assertTrue(0.5 <= on_time / sum(made.values()) <= 0.75, on_time / sum(made.values()))

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
                blank = [n for n, raw in enumerate(broken) if not raw.strip(b" \t\r")]
                if blank:
                    # Blank lines are skipped but counted: without them, the file is small with one line broken.
                    self.assertTrue(all(n < line - 1 for n in blank))
                    broken = [raw for raw in broken if raw.strip(b" \t\r")]
                    line -= len(blank)
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


EXAMPLES = ROOT.parent / "shared" / "examples"


class TenancyLawCheckerTest(unittest.TestCase):
    """The rule checker refuses what breaks the new rules (so that the
    generator's output passing it means something), and accepts the
    contract's worked example."""

    CASE = "LG-2025-000001"

    def line(self, typ, data, at, schema=1):
        return dump({"case": self.CASE, "type": typ, "schema": schema, "occurred_at": at,
                     "recorded_at": at if at.endswith("Z") else "2025-12-31T00:00:00Z",
                     "actor": "cw.test", "data": data})

    def base(self):
        """Opened 3 Mar 2025, housing secured, closed housing_secured 11 Mar."""
        return [
            self.line("case.opened", {"district": "altstadt", "source": "walk_in",
                                      "household": {"adults": 1, "children": 0}, "caseworker": "cw.test",
                                      "person": {"name": "A B", "birth_date": "1980-01-01",
                                                 "address": "Am Sande 1, 21335 Lüneburg", "phone": "1"}},
                      "2025-03-03T09:00:00Z"),
            self.line("situation.analysed", {"causes": ["rent_arrears"], "risk": "low", "note": "n"},
                      "2025-03-04T09:00:00Z"),
            self.line("housing.secured", {"kind": "tenancy_retained", "effective": "2025-03-10"},
                      "2025-03-10T09:00:00Z"),
            self.line("case.closed", {"reason": "housing_secured"}, "2025-03-11T09:00:00Z"),
        ]

    def assert_refused(self, lines, line, keyword):
        got, err, _ = check_lines(lines)
        self.assertEqual((got, err and err.keyword), (line, keyword), str(err))

    def analysis(self, data, at="2025-03-04T23:30:00Z", schema=2):   # 5 March in Berlin
        return self.line("situation.analysed", dict({"causes": ["rent_arrears"], "risk": "low",
                                                      "note": "n"}, **data), at, schema)

    def test_base_and_accepted_variants(self):
        b = self.base()
        self.assertIsNone(check_lines(b)[0])
        ok = [
            b[:1] + [self.analysis({"notice_date": "2025-03-05", "notice_kind": "ordinary",
                                    "suit_date": "2025-03-05"})],
            b[:1] + [self.analysis({"suit_date": "2025-03-01"})],
            b[:1] + [self.analysis({}, schema=1)],
            b + [self.line("tenancy.checked", {"status": "still_housed"}, "2025-06-11T08:00:00Z"),
                 self.line("case.restricted", {"reason": "objection"}, "2025-06-12T08:00:00Z"),
                 self.line("entry.corrected", {"target": 5, "action": "amend", "reason": "r",
                                               "replacement": {"status": "moved_to_housing"}},
                           "2025-06-13T08:00:00Z"),
                 self.line("case.restriction_lifted", {"reason": "geklärt"}, "2025-06-14T08:00:00Z"),
                 self.line("tenancy.checked", {"status": "housing_lost"}, "2025-09-11T08:00:00Z"),
                 self.line("case.reopened", {"reason": "r"}, "2025-09-12T08:00:00Z")],
            b[:3] + [self.line("case.restricted", {"reason": "legal_claims"}, "2025-03-10T10:00:00Z")],
            b[:1] + [self.line("housing.secured", {"kind": "new_tenancy", "effective": "2026-03-10"},
                               "2025-03-10T09:00:00Z")],
        ]
        for lines in ok:
            self.assertEqual(check_lines(lines)[:2], (None, None))

    def test_schema_2_fields(self):
        b = self.base()
        for data, schema, keyword in (
                ({"notice_date": "2025-03-01", "notice_kind": "extraordinary"}, 1, "schema"),
                ({"suit_date": "2025-03-01"}, 1, "schema"),
                ({"notice_date": "2025-03-01"}, 2, "notice_kind"),
                ({"notice_kind": "ordinary"}, 2, "notice_kind"),
                ({"notice_date": "2025-03-01", "notice_kind": "fristlos"}, 2, "notice_kind"),
                ({"notice_date": "2025-03-06", "notice_kind": "ordinary"}, 2, "notice_date"),
                ({"suit_date": "2025-03-06"}, 2, "suit_date"),
                ({"notice_date": "2025-03-02", "notice_kind": "ordinary", "suit_date": "2025-03-01"},
                 2, "suit_date"),
                ({}, 3, "schema")):
            with self.subTest(data=data, schema=schema):
                self.assert_refused(b[:1] + [self.analysis(data, schema=schema)], 2, keyword)
        contact = self.line("contact.recorded", {"channel": "phone", "note": "n"}, "2025-03-04T09:00:00Z", 2)
        self.assert_refused(b[:1] + [contact], 2, "schema")
        # An amendment is read with its target's schema and date.
        amend = self.line("entry.corrected", {"target": 2, "action": "amend", "reason": "r", "replacement": {
            "causes": ["rent_arrears"], "risk": "low", "note": "n", "suit_date": "2025-03-01"}},
            "2025-03-05T09:00:00Z")
        self.assert_refused(b[:2] + [amend], 3, "schema")
        late = self.line("entry.corrected", {"target": 2, "action": "amend", "reason": "r", "replacement": {
            "causes": ["rent_arrears"], "risk": "low", "note": "n", "suit_date": "2025-03-05"}},
            "2025-03-06T09:00:00Z")
        self.assert_refused(b[:1] + [self.analysis({}, at="2025-03-04T09:00:00Z")] + [late], 3, "suit_date")

    def test_checks_only_after_a_close_with_housing_secured(self):
        b = self.base()
        check = self.line("tenancy.checked", {"status": "still_housed"}, "2025-06-11T08:00:00Z")
        self.assert_refused(b[:3] + [check], 4, "tenancy")
        other = b[:3] + [self.line("case.closed", {"reason": "moved_away"}, "2025-03-11T09:00:00Z")]
        self.assert_refused(other + [check], 5, "tenancy")
        reopened = b + [self.line("case.reopened", {"reason": "r"}, "2025-04-01T08:00:00Z")]
        self.assert_refused(reopened + [check], 6, "tenancy")
        self.assert_refused(b + [self.line("tenancy.checked", {"status": "gone"}, "2025-06-11T08:00:00Z")],
                            5, "status")

    def test_no_casework_while_restricted(self):
        b = self.base()
        r = self.line("case.restricted", {"reason": "accuracy_disputed"}, "2025-03-05T08:00:00Z")
        contact = self.line("contact.recorded", {"channel": "phone", "note": "n"}, "2025-03-08T08:00:00Z")
        lift = self.line("case.restriction_lifted", {"reason": "geklärt"}, "2025-03-07T08:00:00Z")
        self.assertEqual(check_lines(b[:2] + [r, lift, contact])[:2], (None, None))
        self.assert_refused(b[:2] + [r, contact], 4, "restricted")
        self.assert_refused(b[:2] + [r, r], 4, "restricted")
        self.assert_refused(b[:2] + [lift], 3, "restricted")
        self.assert_refused(b[:2] + [r] + b[2:], 4, "restricted")
        closed_restricted = b + [self.line("case.restricted", {"reason": "objection"}, "2025-04-01T08:00:00Z")]
        self.assert_refused(closed_restricted + [self.line("tenancy.checked", {"status": "no_contact"},
                                                           "2025-06-11T08:00:00Z")], 6, "restricted")
        self.assert_refused(closed_restricted + [self.line("case.reopened", {"reason": "r"},
                                                           "2025-06-11T08:00:00Z")], 6, "restricted")
        self.assert_refused(b[:2] + [self.line("case.restricted", {"reason": "bored"},
                                               "2025-03-05T08:00:00Z")], 3, "reason")

    def test_effective_within_the_episode_and_a_year(self):
        b = self.base()
        for typ, data in (("housing.secured", {"kind": "new_tenancy"}), ("emergency.accommodated", {"place": "p"})):
            for eff, keyword in (("2025-03-02", "effective"), ("2026-03-11", "effective"), ("2026-03-10", None)):
                with self.subTest(typ=typ, effective=eff):
                    lines = b[:1] + [self.line(typ, dict(data, effective=eff), "2025-03-10T09:00:00Z")]
                    if keyword is None:
                        self.assertIsNone(check_lines(lines)[0])
                    else:
                        self.assert_refused(lines, 2, keyword)
        # A reopened episode starts anew; an amendment is judged in its target's episode.
        reopened = b + [self.line("case.reopened", {"reason": "r"}, "2025-05-01T08:00:00Z")]
        self.assert_refused(reopened + [self.line("housing.secured", {"kind": "new_tenancy", "effective": "2025-04-30"},
                                                  "2025-05-02T08:00:00Z")], 6, "effective")
        amend = self.line("entry.corrected", {"target": 3, "action": "amend", "reason": "r",
                                              "replacement": {"kind": "new_tenancy", "effective": "2025-03-02"}},
                          "2025-03-12T08:00:00Z")
        self.assert_refused(b + [amend], 5, "effective")

    def test_the_contracts_worked_example(self):
        path = EXAMPLES / "prevention-law.ndjson"
        if not path.exists():
            self.skipTest(f"{path} is not here")
        lines = read_lines(path)
        self.assertEqual(check_lines(lines)[:2], (None, None))
        verdicts = {(c, i): (a, b) for c, i, a, b in Replay([json.loads(x) for x in lines]).schonfrist()}
        self.assertEqual(verdicts[("LG-2023-000002", 1)], (True, True))     # blocked
        self.assertEqual(verdicts[("LG-2025-000001", 0)], (True, False))
        self.assertEqual(verdicts[("LG-2025-000003", 0)], (False, False))


def load_generator():
    import importlib.machinery
    import importlib.util
    loader = importlib.machinery.SourceFileLoader("generate_ledger", str(GENERATOR))
    spec = importlib.util.spec_from_loader("generate_ledger", loader)
    gl = importlib.util.module_from_spec(spec)
    loader.exec_module(gl)
    return gl


class BerlinTimeTest(unittest.TestCase):
    def test_generator_adds_months_as_188_bgb(self):
        gl = load_generator()
        for text, months, expected in (("2027-01-31", 1, "2027-02-28"), ("2028-02-29", -24, "2026-02-28"),
                                       ("2024-01-31", 1, "2024-02-29"), ("2025-10-02", 3, "2026-01-02"),
                                       ("2024-11-30", 3, "2025-02-28"), ("2024-08-31", 12, "2025-08-31")):
            day = gl.day_of(date.fromisoformat(text))
            self.assertEqual(gl.date_str(gl.add_months(day, months)), expected, (text, months))
        d = date(2023, 1, 1)
        while d < date(2025, 1, 1):                 # agrees with this file's reading
            for months in (3, 6, 12, -24):
                self.assertEqual(gl.date_str(gl.add_months(gl.day_of(d), months)),
                                 add_months(d, months).isoformat(), (d, months))
            d += timedelta(days=1)

    @unittest.skipIf(ZoneInfo is None, "no zoneinfo")
    def test_generator_time_zone_rule_matches_the_tz_database(self):
        gl = load_generator()
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
