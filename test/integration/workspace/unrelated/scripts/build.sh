#!/bin/sh
# Builds the app into dist/.
set -eu
rm -rf dist
npm ci
npm run build
echo "built $(date)"
