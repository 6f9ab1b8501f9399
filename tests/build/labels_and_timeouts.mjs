// build.labels_and_timeouts: every CTest test has a label (scripts/test.sh chooses what runs
// where by label) and a timeout of its own (CTest's default is 1,500 s), as tests/CMakeLists.txt
// says. Reads `ctest --show-only=json-v1` of the build folder.
//   node labels_and_timeouts.mjs CTEST BUILD_DIR
import { execFileSync } from "node:child_process";

const [ctest, buildDir] = process.argv.slice(2);
const json = JSON.parse(execFileSync(ctest, ["--test-dir", buildDir, "--show-only=json-v1"], { encoding: "utf8", maxBuffer: 1 << 28 }));
const known = new Set(["unit", "e2e", "smoke", "browser", "docs", "build"]);
const problems = [];
for (const test of json.tests) {
  const property = (name) => (test.properties || []).find((p) => p.name === name)?.value;
  const labels = property("LABELS") || [];
  if (labels.length === 0) problems.push(`${test.name}: no label`);
  for (const label of labels) if (!known.has(label)) problems.push(`${test.name}: label '${label}' is not one of ${[...known].join(", ")}`);
  const timeout = property("TIMEOUT");
  if (!(timeout > 0)) problems.push(`${test.name}: no timeout`);
  else if (timeout > 600) problems.push(`${test.name}: timeout ${timeout} s is above 600 s`);
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`${json.tests.length} tests, each with a known label and a timeout of at most 600 s`);
