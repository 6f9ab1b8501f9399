#!/usr/bin/env bash
# Installs the Debian 12 packages tconv needs to build and test, and only those missing.
# Needs root (or sudo) when something is missing; does nothing when all are present.
set -euo pipefail

packages=(
  cmake g++ make pkg-config   # toolchain
  libcli11-dev                # command-line parsing
  nlohmann-json3-dev          # JSON input and output
  libstb-dev                  # stb_image_write: PNG encoding
  libcairo2-dev               # animate: anti-aliased vector drawing, text, SVG frames
  libfreetype-dev             # animate: loads the embedded DejaVu fonts for cairo
  libgif-dev                  # animate: animated GIF writing (giflib)
  zlib1g-dev                  # animate: deflate for stb_image_write's PNG frames
  fonts-dejavu-core           # animate: the DejaVu fonts embedded at build time
  libdnnl-dev                 # fast engine: oneDNN deconvolution primitives (float32)
  libopenblas-openmp-dev      # fast engine: CBLAS GEMM (OpenMP build: one thread pool with oneDNN)
  doctest-dev                 # unit tests
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "tconv: installing Debian packages: ${missing[*]}" >&2
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
