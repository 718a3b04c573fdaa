#!/bin/sh
# The admin's way, from Mattermost's documentation, as the benchmark's peer: check each bundle's signature with
# gpgv, read its manifest with tar, gather the listing with jq, copy the bundles beside it. It misses half of what
# `mirror build` checks (archive safety, manifest rules, key policy, conflicts) and writes no pages.
# Usage: admin-script.sh CATALOG SITE KEYRING.gpg
set -eu
catalog=$1 site=$2 keyring=$3
mkdir -p "$site/bundles"
for bundle in "$catalog"/plugins/*.tar.gz; do
  gpgv --quiet --keyring "$keyring" "$bundle.sig" "$bundle" 2>/dev/null
  name=$(basename "$bundle")
  tar -xzOf "$bundle" --wildcards '*/plugin.json' | jq -c --arg url "bundles/$name" '{manifest: ., download_url: $url}'
  cp "$bundle" "$bundle.sig" "$site/bundles/"
done | jq -s . > "$site/plugins.json"
