#!/usr/bin/env bash
# Remakes the sample catalog: a few plugins in several versions, one YAML manifest, binary and armored signatures,
# signed by a throwaway RSA-3072 key made here whose private half is deleted when the script ends.
# Needs gpg and GNU tar. Run from anywhere: bash catalog/generate.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"

gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
    --quick-generate-key 'Plugin Mirror Sample Publisher <sample@plugin-mirror.invalid>' rsa3072 sign never
rm -rf "$here/plugins" "$here/keys"
mkdir -p "$here/plugins" "$here/keys"
gpg --batch --armor --export > "$here/keys/sample-publisher.asc"

icon() { # a small SVG badge with a letter and a colour
    printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="%s"/><text x="32" y="43" font-family="sans-serif" font-size="32" font-weight="bold" text-anchor="middle" fill="#fff">%s</text></svg>\n' "$2" "$1"
}

# pack FOLDER NAME ARMOR: a reproducible tar.gz of FOLDER (files sorted, fixed owner and time), then its signature.
pack() {
    local out="$here/plugins/$2.tar.gz"
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2025-01-01 00:00Z' \
        -C "$(dirname "$1")" -cf - "$(basename "$1")" | gzip -n -9 > "$out"
    if [ "$3" = armor ]; then
        gpg --batch --yes --armor --digest-algo SHA256 --output "$out.sig" --detach-sign "$out"
    else
        gpg --batch --yes --digest-algo SHA256 --output "$out.sig" --detach-sign "$out"
    fi
}

hello() { # VERSION MIN_SERVER
    local d="$work/hello-$1/com.example.hello"
    mkdir -p "$d/assets" "$d/server/dist"
    icon H '#1c58d9' > "$d/assets/icon.svg"
    printf '#!/bin/sh\necho hello\n' > "$d/server/dist/plugin-linux-amd64"
    printf '#!/bin/sh\necho hello\n' > "$d/server/dist/plugin-linux-arm64"
    cat > "$d/plugin.json" <<JSON
{
    "id": "com.example.hello",
    "name": "Hello Bot",
    "description": "Greets new members of a channel and points them to its guidelines.",
    "homepage_url": "https://example.com/hello",
    "support_url": "https://example.com/hello/issues",
    "release_notes_url": "https://example.com/hello/releases/v$1",
    "icon_path": "assets/icon.svg",
    "version": "$1",
    "min_server_version": "$2",
    "server": {
        "executables": {
            "linux-amd64": "server/dist/plugin-linux-amd64",
            "linux-arm64": "server/dist/plugin-linux-arm64"
        }
    },
    "settings_schema": {
        "header": "Configure the greeting.",
        "settings": [
            {"key": "Greeting", "display_name": "Greeting", "type": "text", "help_text": "The message posted to each new member.", "default": "Welcome!"},
            {"key": "Enabled", "display_name": "Greet new members", "type": "bool", "help_text": "Turn greetings on or off.", "default": true}
        ]
    }
}
JSON
    cat > "$d/README.md" <<'MD'
# Hello Bot

Greets **new members** of a channel with a short message and a link to the channel's guidelines.

## Settings
- *Greeting*: the message to post.
- *Greet new members*: turn it on or off.

See [the project page](https://example.com/hello).
MD
    pack "$d" "com.example.hello-$1" "$3"
}

weather() { # VERSION MIN_SERVER: a YAML manifest, webapp only
    local d="$work/weather-$1/weather"
    mkdir -p "$d/webapp/dist"
    icon W '#e8a317' > "$d/icon.svg"
    echo 'console.log("weather");' > "$d/webapp/dist/main.js"
    cat > "$d/plugin.yaml" <<YAML
id: com.example.weather
name: Weather Cards
description: Unfurls weather forecasts for cities mentioned in a message.
homepage_url: https://example.com/weather
icon_path: icon.svg
version: $1
min_server_version: $2
webapp:
  bundle_path: webapp/dist/main.js
YAML
    pack "$d" "com.example.weather-$1" "$3"
}

audit() { # VERSION MIN_SERVER
    local d="$work/audit-$1/audit"
    mkdir -p "$d/server/dist"
    icon A '#2f9e44' > "$d/icon.svg"
    printf '#!/bin/sh\necho audit\n' > "$d/server/dist/plugin-linux-amd64"
    cat > "$d/plugin.json" <<JSON
{
    "id": "com.example.audit-export",
    "name": "Audit Export",
    "description": "Exports channel activity as signed CSV files for compliance reviews.",
    "homepage_url": "https://example.com/audit",
    "icon_path": "icon.svg",
    "version": "$1",
    "min_server_version": "$2",
    "server": {"executables": {"linux-amd64": "server/dist/plugin-linux-amd64"}},
    "settings_schema": {
        "settings": [
            {"key": "ExportFolder", "display_name": "Export folder", "type": "text", "help_text": "Where CSV files are written on the server."}
        ]
    }
}
JSON
    pack "$d" "com.example.audit-export-$1" "$3"
}

hello 1.0.0 9.0.0 binary
hello 1.1.0 10.0.0 armor
hello 2.0.0-beta.1 10.5.0 binary
weather 0.9.0 9.5.0 armor
weather 1.0.0 10.0.0 binary
audit 3.2.1 9.11.0 binary
echo "sample catalog written to $here (key $(gpg --batch --with-colons --list-keys | awk -F: '/^fpr/ {print $10; exit}'))"
