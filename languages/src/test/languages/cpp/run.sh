#!/usr/bin/env bash
exec ./build/remotecache-driver "$@"
