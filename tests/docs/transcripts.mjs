// docs.transcripts: every transcript in README.md and docs/*.md is run with the built tconv and
// must print what the page shows. A transcript is a fenced code block whose first line starts
// with `$ `:
//
//   ```
//   $ tconv shape 5 -k 3              a command: run with `bash -c`, so pipes and `;` work
//   7                                 what it prints: stdout, then stderr
//   $ tconv shape 2 -k 3 -p 3
//   tconv: error: output size ...     (an error line is stderr, shown after any stdout)
//   [exit 1]                          the exit status, when it is not 0 (the last line)
//   $ tconv compute --example 2 --steps
//   ...                               alone on a line: any number of lines (none too)
//   time     median <...> ms          <...> inside a line: any text on that line
//   ```
//
// A command line that ends in `\` continues on the next line. Each block runs in a new empty
// folder (so `-O figs` or `-o y.npy` of one block never meets another's), where `tests/data` is
// a link to the repository's tests/data (`tconv inspect tests/data/onnx/decoder.onnx`), with
// the build's tconv first on PATH, standard input empty, stdout and stderr pipes (not a
// terminal, as in a pipeline) and LC_ALL=C.UTF-8. Only bash, coreutils, grep, sed and awk
// may be used beside tconv: the fresh Debian root has no more. Lines are compared without
// trailing spaces, and blank lines at the end of an output are not compared (a Markdown file
// keeps neither reliably). Output that is not UTF-8 text (a GIF, an .npy) is named as binary
// instead of compared, and a command may take at most 60 s.
//
//   node transcripts.mjs [--update] [--list] TCONV SOURCE_DIR [FILE...]
//
// FILE defaults to README.md and docs/*.md (paths relative to SOURCE_DIR); with the defaults,
// every command of `tconv help` must have a transcript. Exit 1 on any difference, each named
// by file:line with what the page expects and what tconv printed. --update rewrites the
// output of every transcript that differs in place (after a change of tconv's output: review
// the diff before committing), keeping its `...` lines where the text before the first and
// after the last still lines up, and its `<...>` lines where they still match. --list prints
// the number of transcripts per file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, mkdirSync, symlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const args = process.argv.slice(2);
const update = args.includes("--update");
const list = args.includes("--list");
const positional = args.filter((a) => !a.startsWith("--"));
const unknown = args.filter((a) => a.startsWith("--") && a !== "--update" && a !== "--list");
if (positional.length < 2 || unknown.length) {
  console.error("usage: node transcripts.mjs [--update] [--list] TCONV SOURCE_DIR [FILE...]");
  process.exit(2);
}
const tconv = path.resolve(positional[0]);
const sourceDir = path.resolve(positional[1]);
const defaultFiles = positional.length === 2;
const files = defaultFiles
  ? ["README.md", ...readdirSync(path.join(sourceDir, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)]
  : positional.slice(2);

const ELIDED_LINES = "...";
const ELIDED_TEXT = "<...>";
const EXIT = /^\[exit (\d+)\]$/;
const COMMAND_TIMEOUT_MS = 60000;

// The transcripts of one file: blocks of commands, each command with its expected lines.
function parse(file, text) {
  const lines = text.split("\n");
  const blocks = [];
  const problems = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(`{3,})/.exec(lines[i]);
    if (!fence) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith(fence[1])) end++;
    const body = lines.slice(i + 1, end);
    const start = i + 1; // index of the block's first line
    i = end;
    if (!body.some((l) => l.startsWith("$ "))) continue;
    if (!body[0].startsWith("$ ")) {
      problems.push(`${file}:${start + 1}: a block with '$ ' commands must start with one`);
      continue;
    }
    const commands = [];
    for (let k = 0; k < body.length; k++) {
      if (body[k].startsWith("$ ")) {
        const command = { line: start + k, text: body[k].slice(2), expected: [], first: start + k + 1 };
        while (command.text.endsWith("\\") && k + 1 < body.length) command.text += "\n" + body[++k];
        command.first = start + k + 1;
        commands.push(command);
      } else {
        commands[commands.length - 1].expected.push(body[k]);
      }
    }
    blocks.push({ commands });
  }
  return { lines, blocks, problems };
}

const trimEnd = (s) => s.replace(/[ \t\r]+$/, "");
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
function pattern(line) {
  if (line === ELIDED_LINES) return { any: true };
  if (line.includes(ELIDED_TEXT)) return { re: new RegExp("^" + line.split(ELIDED_TEXT).map(escape).join(".*") + "$", "s") };
  return { text: line };
}
const lineMatches = (p, a) => (p.re ? p.re.test(a) : p.text === a);

// reach[i][j]: the first i expected lines match the first j lines printed.
function reachTable(patterns, actual) {
  const reach = [new Array(actual.length + 1).fill(false)];
  reach[0][0] = true;
  for (let i = 0; i < patterns.length; i++) {
    const row = new Array(actual.length + 1).fill(false);
    const p = patterns[i];
    let seen = false;
    for (let j = 0; j <= actual.length; j++) {
      if (p.any) {
        seen = seen || reach[i][j];
        row[j] = seen;
      } else if (j > 0 && reach[i][j - 1] && lineMatches(p, actual[j - 1])) {
        row[j] = true;
      }
    }
    reach.push(row);
  }
  return reach;
}

// The expected lines of a command without its exit marker, and the status they promise.
function expectation(command) {
  const lines = command.expected.map(trimEnd);
  while (lines.length && lines[lines.length - 1] === "") lines.pop(); // blank lines before the fence
  let status = 0;
  if (lines.length && EXIT.test(lines[lines.length - 1])) status = Number(EXIT.exec(lines.pop())[1]);
  return { lines, status };
}

function run(command, cwd) {
  const env = { ...process.env, PATH: `${path.dirname(tconv)}:${process.env.PATH}`, LC_ALL: "C.UTF-8" };
  delete env.COLUMNS;
  const result = spawnSync("bash", ["-c", command.text], {
    cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: COMMAND_TIMEOUT_MS, maxBuffer: 1 << 26,
  });
  if (result.error && !result.stdout) return { lines: [`(could not run: ${result.error.message})`], status: -1 };
  const split = (bytes) => {
    let s;
    try {
      s = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return [`(binary output, not for a transcript: ${bytes.length} bytes)`];
    }
    if (s.includes("\0")) return [`(binary output, not for a transcript: ${bytes.length} bytes)`];
    const lines = s.split("\n").map(trimEnd);
    while (lines.length && lines[lines.length - 1] === "") lines.pop();
    return lines;
  };
  const status = result.status ?? 128 + (result.signal ? { SIGKILL: 9, SIGTERM: 15 }[result.signal] ?? 0 : 0);
  return { lines: [...split(result.stdout), ...split(result.stderr)], status, timedOut: result.error?.code === "ETIMEDOUT" };
}

// Where a mismatch is: the file line of the first expected line that no alignment gets past,
// and the printed line it met.
function firstDifference(command, patterns, actual, reach) {
  let i = patterns.length;
  while (i > 0 && !reach[i].some(Boolean)) i--;
  const js = reach[i].map((r, j) => (r ? j : -1)).filter((j) => j >= 0);
  const j = js[js.length - 1];
  if (i === patterns.length) return { line: command.first + command.expected.length, expected: "(end of output)", got: actual[j] };
  // command.expected may hold trailing blank lines; patterns index the same lines from the top.
  return { line: command.first + i, expected: command.expected[i], got: j < actual.length ? actual[j] : "(end of output)" };
}

// The new expected lines for what was printed, keeping the old elisions that still fit.
function rewrite(oldLines, actual, status, warn) {
  const keep = (old, got) => (old !== undefined && old.includes(ELIDED_TEXT) && lineMatches(pattern(old), got) ? old : got);
  const segments = [[]];
  for (const l of oldLines) l === ELIDED_LINES ? segments.push([]) : segments[segments.length - 1].push(l);
  let out;
  if (segments.length === 1) {
    out = actual.map((got, k) => keep(oldLines[k], got));
  } else {
    const head = segments[0], tail = segments[segments.length - 1];
    if (head.length + tail.length > actual.length) {
      warn("the output is now shorter than the lines kept around '...': written whole");
      out = actual.slice();
    } else {
      out = actual.slice(0, head.length).map((got, k) => keep(head[k], got));
      let from = head.length;
      const to = actual.length - tail.length;
      for (const middle of segments.slice(1, -1)) {
        const ps = middle.map(pattern);
        let at = -1;
        for (let s = from; s + middle.length <= to && at < 0; s++) if (ps.every((p, k) => lineMatches(p, actual[s + k]))) at = s;
        if (middle.length === 0) continue;
        if (at < 0) {
          warn(`the lines between two '...' are no longer printed in order: left out (${middle[0]} ...)`);
          continue;
        }
        out.push(ELIDED_LINES, ...middle);
        from = at + middle.length;
      }
      out.push(ELIDED_LINES, ...actual.slice(to).map((got, k) => keep(tail[k], got)));
    }
  }
  for (const l of out) if (l === ELIDED_LINES && actual.includes(ELIDED_LINES)) warn("tconv printed a line '...' itself");
  if (status !== 0) out.push(`[exit ${status}]`);
  return out;
}

// The commands `tconv help` lists, each of which needs a transcript.
function commandsOfHelp() {
  const help = spawnSync(tconv, ["help"], { encoding: "utf8" }).stdout || "";
  const section = help.split(/^Commands:$/m)[1] || "";
  return [...section.split(/\n\s*\n/)[0].matchAll(/^  ([a-z][a-z0-9-]*)\s/gm)].map((m) => m[1]);
}

const scratch = mkdtempSync(path.join(tmpdir(), "tconv-transcripts-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(128 + (signal === "SIGINT" ? 2 : 15)));

const failures = [];
const counts = [];
const covered = new Set();
let blockNumber = 0;
const started = Date.now();
for (const file of files) {
  const text = readFileSync(path.join(sourceDir, file), "utf8");
  const { lines, blocks, problems } = parse(file, text);
  failures.push(...problems);
  const replacements = [];
  let count = 0;
  for (const block of blocks) {
    const cwd = path.join(scratch, `block${++blockNumber}`);
    mkdirSync(path.join(cwd, "tests"), { recursive: true });
    symlinkSync(path.join(sourceDir, "tests", "data"), path.join(cwd, "tests", "data"));
    for (const command of block.commands) {
      count++;
      for (const m of command.text.matchAll(/(?:^|[\s|;&(])tconv\s+([a-z][a-z0-9-]*)/g)) covered.add(m[1]);
      const { lines: expected, status: expectedStatus } = expectation(command);
      const patterns = expected.map(pattern);
      const got = run(command, cwd);
      const reach = reachTable(patterns, got.lines);
      const sameOutput = reach[patterns.length][got.lines.length];
      if (sameOutput && got.status === expectedStatus) continue;
      if (update) {
        const warn = (message) => console.error(`${file}:${command.line + 1}: ${message}`);
        replacements.push({ from: command.first, count: command.expected.length, lines: rewrite(expected, got.lines, got.status, warn),
                            trailingBlank: command.expected.length - command.expected.map(trimEnd).findLastIndex((l) => l !== "") - 1 });
        continue;
      }
      let message = `${file}:${command.line + 1}: $ ${command.text}\n`;
      if (got.timedOut) message += `  timed out after ${COMMAND_TIMEOUT_MS / 1000} s\n`;
      if (!sameOutput) {
        const d = firstDifference(command, patterns, got.lines, reach);
        message += `  first difference at ${file}:${d.line + 1}\n    expected: ${d.expected}\n    got:      ${d.got}\n`;
      }
      if (got.status !== expectedStatus) message += `  exit status: expected ${expectedStatus}, got ${got.status}\n`;
      const shown = got.lines.length > 60 ? [...got.lines.slice(0, 60), `(${got.lines.length - 60} more lines)`] : got.lines;
      message += `  expected output (${file}:${command.first + 1}):\n${command.expected.map((l) => `    | ${l}`).join("\n") || "    (none)"}\n`;
      message += `  got (exit ${got.status}):\n${shown.map((l) => `    | ${l}`).join("\n") || "    (none)"}`;
      failures.push(message);
    }
  }
  if (replacements.length) {
    for (const r of replacements.reverse()) {
      const blank = new Array(Math.max(0, r.trailingBlank)).fill("");
      lines.splice(r.from, r.count, ...r.lines, ...blank);
    }
    writeFileSync(path.join(sourceDir, file), lines.join("\n"));
    console.log(`${file}: ${replacements.length} transcript(s) rewritten`);
  }
  counts.push([file, count]);
}

if (defaultFiles) {
  const missing = commandsOfHelp().filter((c) => !covered.has(c));
  if (missing.length) failures.push(`no transcript runs ${missing.map((c) => `tconv ${c}`).join(", ")} (every command of 'tconv help' needs one)`);
}
const total = counts.reduce((sum, [, n]) => sum + n, 0);
if (list) for (const [file, n] of counts) console.log(`${file}: ${n}`);
if (failures.length) {
  console.error(failures.join("\n\n"));
  const hint = update ? "" : " (a transcript that differs: node tests/docs/transcripts.mjs --update TCONV SOURCE_DIR rewrites it)";
  console.error(`\n${failures.length} problem(s) in ${total} transcripts${hint}`);
  process.exit(1);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${total} transcripts in ${counts.length} files, ${update ? "the differing ones rewritten" : "as the pages show them"} (${seconds} s)`);
