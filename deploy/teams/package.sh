#!/usr/bin/env bash
# Builds the Teams app package to upload (Teams: Apps > Manage your apps > Upload an app, or the
# Developer Portal): manifest.json with your bot's app id, and the two icons, at the zip's root.
#   deploy/teams/package.sh <bot app id (GUID)> [public host of Accord] [output zip]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app_id="${1:?usage: deploy/teams/package.sh <bot app id (GUID)> [public host] [output zip]}"
host="${2:-}"
out="${3:-accord-teams.zip}"
python3 - "$here" "$app_id" "$host" "$out" <<'PY'
import json, re, sys, zipfile
here, app_id, host, out = sys.argv[1:5]
if not re.fullmatch(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}", app_id):
    sys.exit(f"the bot's app id must be a GUID (Azure Bot > Configuration > Microsoft App ID), not {app_id!r}")
with open(f"{here}/manifest.json", encoding="utf-8") as f:
    manifest = json.load(f)
manifest["bots"][0]["botId"] = app_id
if host:
    manifest["validDomains"] = [host]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
    package.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    for icon in ("color.png", "outline.png"):
        package.write(f"{here}/{icon}", icon)
print(f"wrote {out}: manifest.json (bot {app_id}), color.png, outline.png")
PY
