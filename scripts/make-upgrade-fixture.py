#!/usr/bin/env python3
"""Makes an upgrade fixture: a pgdeck data directory written by one release.

    scripts/make-upgrade-fixture.py BINARY RELEASE [--out DIR]

BINARY is that release's `pgdeck` (build it from the release's commit);
RELEASE names it (e.g. 2026-11-30). The script runs the binary in sandbox
mode on a fresh data directory and drives it as a team would, through the
same HTTP calls the panel's pages make:

  - members (the demo ones, with their credentials) signing in;
  - a backup that ran (a finished job);
  - a stop filed for approval and left pending;
  - a DB user creation (password sealed) filed and left pending;
  - a deletion of a database approved by bob and run (executed);
  - a forced restart rejected by bob;
  - a webhook, a customised policy, and (from 2026-12-02 on) access rules
    read so that an HBA baseline is kept;
  - (from 2026-12-06b on) a personal API token, and one revoked;
  - (from 2026-12-06c on) a member (bob) who reads pgdeck in Korean.

It then stops the server and writes `DIR/pgdeck.sqlite3` (compacted) and
`DIR/master.key`, plus `DIR/expected.json`: what the upgrade test checks
(pending requests by action and resource name, finished jobs, row counts).
DIR defaults to server/tests/fixtures/upgrade/RELEASE. Make one per
release, and never edit one once committed.
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "sandbox-password"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Member:
    """One signed-in member: a cookie jar against the panel."""

    def __init__(self, base, username):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.call("sign_in", {"username": username, "password": PASSWORD, "next": "/"}, expect_json=False)
        self.username = username

    def _send(self, name, data, content_type):
        req = urllib.request.Request(f"{self.base}/api/{name}", data=data, method="POST")
        req.add_header("content-type", content_type)
        req.add_header("origin", self.base)
        req.add_header("accept", "application/json")
        try:
            with self.opener.open(req, timeout=60) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def call(self, name, form, expect_json=True):
        status, body = self._send(name, urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded")
        if status >= 400:
            sys.exit(f"{name} as {getattr(self, 'username', '?')}: HTTP {status}: {body}")
        return json.loads(body) if expect_json and body else body

    def call_json(self, name, payload):
        status, body = self._send(name, json.dumps(payload).encode(), "application/json")
        if status >= 400:
            sys.exit(f"{name} as {self.username}: HTTP {status}: {body}")
        return json.loads(body) if body else None


def first_release_style(release):
    """The 2026-11-30 release asks for instance actions; later ones for typed calls."""
    return release <= "2026-11-30"


def outcome_id(answer):
    """(ran job or None, request id or None) from either release's answer."""
    if "Requested" in answer:
        r = answer["Requested"]
        return None, (r["approval"] if isinstance(r, dict) else r)
    r = answer["Ran"]
    return (r.get("job") if isinstance(r, dict) else r), None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("release")
    ap.add_argument("--out")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = a.out or os.path.join(root, "server", "tests", "fixtures", "upgrade", a.release)
    if os.path.exists(os.path.join(out, "pgdeck.sqlite3")):
        sys.exit(f"{out} already holds a fixture; fixtures are never remade")
    data = tempfile.mkdtemp(prefix="pgdeck-fixture-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PGDECK_DATA_DIR=data, PGDECK_LISTEN=f"127.0.0.1:{port}", PGDECK_SANDBOX_JOB_SECONDS="1")
    log = open(os.path.join(data, "server.log"), "w")
    server = subprocess.Popen([a.binary, "serve", "--sandbox"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except Exception:
                time.sleep(0.2)
        else:
            sys.exit("the server did not start; see " + log.name)
        drive(base, a.release)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    os.makedirs(out, exist_ok=True)
    db = sqlite3.connect(os.path.join(data, "pgdeck.sqlite3"))
    db.execute("VACUUM INTO ?", (os.path.join(out, "pgdeck.sqlite3"),))
    counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for (t,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'")}
    pending = [dict(zip(("id", "action", "resource_name", "requester"), r)) for r in db.execute(
        "SELECT id, action, resource_name, requester_name FROM approval_requests WHERE state = 'pending' ORDER BY id")]
    states = dict(db.execute("SELECT state, COUNT(*) FROM approval_requests GROUP BY state").fetchall())
    jobs = [dict(zip(("job_id", "status", "finished"), r)) for r in db.execute(
        "SELECT job_id, status, finished FROM jobs ORDER BY job_id")]
    migrations = db.execute("SELECT MAX(version) FROM _sqlx_migrations").fetchone()[0]
    columns = [c[1] for c in db.execute("PRAGMA table_info(users)")]
    languages = dict(db.execute("SELECT username, language FROM users WHERE language IS NOT NULL").fetchall()) \
        if "language" in columns else {}
    db.close()
    shutil.copy(os.path.join(data, "master.key"), os.path.join(out, "master.key"))
    expected = {"release": a.release, "schema": migrations, "rows": counts, "approval_states": states,
                "pending": pending, "jobs": jobs, "members": ["admin", "alice", "bob", "carol", "victor", "audrey"]}
    if languages:
        expected["languages"] = languages
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2, sort_keys=True)
        f.write("\n")
    shutil.rmtree(data)
    print(f"fixture of {a.release} written to {out}: schema {migrations}, {sum(counts.values())} rows, "
          f"{len(pending)} pending requests, {len(jobs)} jobs")


def drive(base, release):
    admin, alice, bob = Member(base, "admin"), Member(base, "alice"), Member(base, "bob")
    for m in ("carol", "victor", "audrey"):
        Member(base, m)
    instances = {i["dbInstanceName"]: i["dbInstanceId"] for i in alice.call("list_instances", {})}
    analytics, staging = instances["analytics"], instances["staging-db"]
    old = first_release_style(release)

    def ask(member, iid, old_command, call, reason):
        if old:
            return outcome_id(member.call_json("instance_action", {"id": iid, "command": old_command, "reason": reason}))
        return outcome_id(member.call_json("request_change", {"call": call, "reason": reason}))

    # Creating DB users waits for approval from here on (its password is sealed).
    admin.call_json("set_policy", {"policy": {"action": "create_db_user", "required": True, "approvals_needed": 1,
                                              "approver_roles": ["approver", "admin"], "open_hours": 720,
                                              "run_within_hours": 24, "customised": True}})
    admin.call("add_webhook", {"name": "ops", "url": "https://hooks.slack.com/services/T0/B0/pgdeck-upgrade", "kind": "slack"}, expect_json=False)

    job, _ = ask(alice, analytics, {"Backup": {"name": "before-upgrade"}},
                 {"backup_db_instance": {"id": analytics, "body": {"backupName": "before-upgrade"}}}, "")
    assert job, "the backup ran"
    _, stop = ask(alice, analytics, "Stop", {"stop_db_instance": {"id": analytics}}, "quiet hours for the nightly load")
    _, user = ask(alice, analytics, {"CreateUser": {"name": "report_reader", "dbPassword": "Upgrade-Secret-1", "authority": "CRUD",
                                                    "default_hba": False, "address": None}},
                  {"create_db_user": {"id": analytics, "body": {"dbUserName": "report_reader", "dbPassword": "Upgrade-Secret-1",
                                                                "authorityType": "CRUD"}}},
                  "reports need a read-only user")
    databases = alice.call("instance_databases", {"id": staging})
    victim = next(d for d in databases if d["databaseName"] != "postgres")
    _, delete = ask(alice, staging, {"DeleteDatabase": {"database_id": victim["databaseId"]}},
                    {"delete_database": {"id": staging, "database_id": victim["databaseId"]}}, "the old reporting copy is unused")
    _, restart = ask(alice, staging, "ForceRestart", {"force_restart_db_instance": {"id": staging}}, "the pool is stuck again")
    assert stop and user and delete and restart, "four requests filed"
    bob.call("vote_approval", {"id": str(delete), "approve": "true", "comment": "checked: no connections for a month"})
    bob.call("vote_approval", {"id": str(restart), "approve": "false", "comment": "try a normal restart first"})
    wait_for_jobs(alice)
    if not old:
        # Applying analytics' rules (not gated here) leaves nothing waiting:
        # reading them then keeps a baseline.
        admin.call_json("set_policy", {"policy": {"action": "apply_hba_rules", "required": False, "approvals_needed": 1,
                                                  "approver_roles": ["approver", "admin"], "open_hours": 24,
                                                  "run_within_hours": 24, "customised": True}})
        applied, _ = ask(alice, analytics, "ApplyAccessRules", {"apply_hba_rules": {"id": analytics}}, "")
        assert applied, "the apply ran"
        wait_for_jobs(alice)
        alice.call("instance_hba", {"id": analytics})
    if release >= "2026-12-06b":
        kept = alice.call_json("create_token", {"new": {"name": "nightly report", "days": 90, "scopes": ["read"]}})
        gone = alice.call_json("create_token", {"new": {"name": "old pipeline", "days": 30, "scopes": ["read", "change"]}})
        assert kept["secret"].startswith("pgd_") and gone["secret"].startswith("pgd_"), "two tokens made"
        alice.call("revoke_token", {"id": str(gone["token"]["id"])})
    if release >= "2026-12-06c":
        bob.call("set_language", {"language": "ko"})


def wait_for_jobs(member):
    """Jobs end after a second; waits until the tracker has seen them end."""
    for _ in range(100):
        rows = member.call("list_jobs", {"state": "", "resource_id": ""})
        rows = rows if isinstance(rows, list) else rows.get("jobs", [])
        if rows and all(j.get("finished") for j in rows):
            return
        time.sleep(0.3)
    sys.exit("jobs did not end")


if __name__ == "__main__":
    main()
