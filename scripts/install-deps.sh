#!/usr/bin/env bash
# Installs the Debian 12 packages tconv needs to build and test, and only those missing.
# Needs root (or sudo) when something is missing; does nothing when all are present.
# Packages are installed without their "Recommends", so everything the build needs is listed here.
set -euo pipefail
cd "$(dirname "$0")/.."

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
  ocl-icd-opencl-dev          # fast engine: Debian's oneDNN is built with OpenCL, and its CMake
                              #   config needs OpenCL's headers and library (only "Recommends")
  libopenblas-openmp-dev      # fast engine: CBLAS GEMM (OpenMP build: called single-threaded, starts no pool)
  libonnx-dev                 # inspect: reads ONNX models and runs ONNX's shape inference
  libprotobuf-dev             # inspect: ONNX's headers and onnx_proto need protobuf, which
                              #   Debian's libonnx-dev does not depend on
  doctest-dev                 # unit tests
  clang-format-14             # tests: every C++ file formatted as .clang-format says (build.clang_format)
  time                        # system tests: peak memory of reads that must stay bounded (/usr/bin/time)
  strace                      # system tests: a log streamed into /dev/full stops at its first write
  man-db                      # system tests: tconv help --man renders with man -l (a minimal root has no man)
  chromium                    # browser test of animate --html's page (tests/browser), headless
  nodejs                      # runs the browser test (playwright-core drives chromium)
  ca-certificates             # the browser test's one download: npm's registry over HTTPS
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
# npm installs the browser test's pinned playwright-core. Debian's npm package, unless an npm
# is on the PATH already: NodeSource's nodejs brings its own and conflicts with Debian's.
command -v npm >/dev/null || missing+=(npm)
[[ ${#missing[@]} -eq 0 ]] && exit 0

# apt's progress goes to a log, shown only when something fails.
mkdir -p build
log=build/install-deps.log
echo "tconv: installing ${#missing[@]} Debian packages (log: $log): ${missing[*]}" >&2
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
if ! { "${sudo[@]}" apt-get update -q && "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "tconv: installing the Debian packages failed; the whole log is in $log" >&2
  exit 1
fi
