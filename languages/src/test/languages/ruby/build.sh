#!/usr/bin/env bash
# The gem as a user would build it, and its code loaded once.
set -euo pipefail
gem build remote_cache_client.gemspec >/dev/null
ruby -I lib -e 'require "remote_cache_client"'
