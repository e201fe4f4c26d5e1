#!/usr/bin/env bash
exec ./remotecache-driver "$@"
