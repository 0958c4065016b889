'use strict';
/**
 * Each gate run writes its plans to a folder of its own,
 * `<work-dir>/runs/<YYYYMMDDTHHMMSSZ>-<short commit|nogit>/`, with a run.json saying which
 * commit and which stacks it covers, so that a report can never mix plans of different runs.
 * `<work-dir>/latest` names the newest finished run. Node built-ins only: tools/plan-report
 * reads runs with these helpers and must run without `npm ci`.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');

const RUN_FILE = 'run.json';
const LATEST_FILE = 'latest';
const RUNS_DIR = 'runs';
const KEEP_RUNS = 10;
const RUN_NAME = /^\d{8}T\d{6}Z-/;

/**
 * @typedef {object} RunStack
 * @property {boolean} ok
 * @property {string} [failedStep]
 * @property {string} [planFile]       relative to the run folder when inside it
 * @property {string} [planTextFile]
 * @property {{ create: number, update: number, delete: number }} [counts]
 */

/**
 * @typedef {object} RunRecord
 * @property {string|null} commit       short commit, null outside git
 * @property {boolean|null} dirty       working tree has uncommitted changes; null outside git
 * @property {string} startedAt         ISO time
 * @property {string|null} finishedAt
 * @property {string} terraformVersion
 * @property {Record<string, RunStack>} stacks
 */

/**
 * `git <args>` in `cwd`; resolves with trimmed stdout, or undefined when git fails or is
 * missing (a gate run outside a repository is fine).
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<string|undefined>}
 */
function git(args, cwd) {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 30000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      resolve(error ? undefined : String(stdout).trim()),
    );
  });
}

/**
 * The commit the synthesized stacks come from and whether the working tree differs from it.
 * Untracked files count as uncommitted changes: a new source file changes what is synthesized.
 * @param {string} dir  any directory inside the repository (the CDKTF output dir)
 * @returns {Promise<{ commit: string|null, dirty: boolean|null }>}
 */
async function gitState(dir) {
  const commit = await git(['rev-parse', '--short', 'HEAD'], dir);
  if (!commit) return { commit: null, dirty: null };
  const status = await git(['status', '--porcelain'], dir);
  return { commit, dirty: status === undefined ? null : status.length > 0 };
}

/**
 * `2026-12-02T10:00:05.123Z` -> `20261202T100005Z`.
 * @param {Date} date
 */
function compactUtc(date) {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * Creates a fresh run folder. Two runs started in the same second from the same commit (Nx
 * runs one gate process per project) get `-2`, `-3`, ...: mkdir without `recursive` fails when
 * the folder exists, so each process claims its own.
 * @param {string} workDir
 * @param {Date} startedAt
 * @param {string|null} commit
 * @returns {Promise<string>} the run folder
 */
async function createRunDir(workDir, startedAt, commit) {
  const runsDir = path.join(workDir, RUNS_DIR);
  await fs.promises.mkdir(runsDir, { recursive: true });
  const base = `${compactUtc(startedAt)}-${commit || 'nogit'}`;
  for (let attempt = 1; ; attempt += 1) {
    const dir = path.join(runsDir, attempt === 1 ? base : `${base}-${attempt}`);
    try {
      await fs.promises.mkdir(dir);
      return dir;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
    }
  }
}

/**
 * Writes `content` to `file` through a temporary file and a rename, so that a reader sees the
 * old or the new content, never half of one.
 * @param {string} file
 * @param {string} content
 */
async function writeAtomic(file, content) {
  // Unique per call: two gates of one process (or two processes) may write the same file at once.
  const temporary = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
  await fs.promises.writeFile(temporary, content);
  await fs.promises.rename(temporary, file);
}

/**
 * @param {string} runDir
 * @param {RunRecord} record
 */
function writeRunRecord(runDir, record) {
  return writeAtomic(path.join(runDir, RUN_FILE), JSON.stringify(record, null, 2) + '\n');
}

/**
 * Points `<work-dir>/latest` at a run: a text file holding the run folder's absolute path.
 * @param {string} workDir
 * @param {string} runDir
 */
function markLatest(workDir, runDir) {
  return writeAtomic(path.join(workDir, LATEST_FILE), `${path.resolve(runDir)}\n`);
}

/**
 * Deletes all but the newest `keep` run folders. Names start with the UTC time, so they sort
 * by age. The run that just finished is never deleted, even if the clock went backwards.
 * @param {string} workDir
 * @param {string} currentRunDir
 * @param {number} [keep]
 * @returns {Promise<string[]>} the deleted folders
 */
async function pruneRuns(workDir, currentRunDir, keep = KEEP_RUNS) {
  const runsDir = path.join(workDir, RUNS_DIR);
  const names = fs.existsSync(runsDir) ? fs.readdirSync(runsDir).filter((name) => RUN_NAME.test(name)) : [];
  const current = path.basename(currentRunDir);
  const kept = new Set([current, ...names.sort().reverse().filter((name) => name !== current).slice(0, keep - 1)]);
  const deleted = names.filter((name) => !kept.has(name)).map((name) => path.join(runsDir, name));
  await Promise.all(deleted.map((dir) => fs.promises.rm(dir, { recursive: true, force: true })));
  return deleted;
}

/**
 * The run folder `<work-dir>/latest` points at, or undefined when there is none yet.
 * A relative path in the file is taken relative to the work dir.
 * @param {string} workDir
 */
function latestRunDir(workDir) {
  const file = path.join(workDir, LATEST_FILE);
  if (!fs.existsSync(file)) return undefined;
  const target = fs.readFileSync(file, 'utf8').trim();
  return target ? path.resolve(workDir, target) : undefined;
}

/**
 * The run folder a directory belongs to: the directory itself when it holds run.json, or its
 * parent when it is a run's `plans/` folder; undefined for a plain folder of plan files.
 * @param {string} dir
 */
function runDirOf(dir) {
  if (fs.existsSync(path.join(dir, RUN_FILE))) return dir;
  if (path.basename(dir) === 'plans' && fs.existsSync(path.join(dir, '..', RUN_FILE))) return path.dirname(dir);
  return undefined;
}

/**
 * @param {string} runDir
 * @returns {RunRecord}
 */
function readRunRecord(runDir) {
  return JSON.parse(fs.readFileSync(path.join(runDir, RUN_FILE), 'utf8'));
}

module.exports = {
  RUN_FILE,
  LATEST_FILE,
  RUNS_DIR,
  KEEP_RUNS,
  gitState,
  compactUtc,
  createRunDir,
  writeRunRecord,
  writeAtomic,
  markLatest,
  pruneRuns,
  latestRunDir,
  runDirOf,
  readRunRecord,
};
