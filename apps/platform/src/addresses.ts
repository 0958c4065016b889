/**
 * Stable addresses (docs/design.md decision 7). The Terraform address of every resource of every
 * stack is pinned in `docs/addresses/<stack>.txt`, one `aws_type.name` per line, sorted. A
 * change that removes or renames an address (Terraform would destroy the resource) or adds
 * one fails `npm test` until the file changes in the same commit: `npm run addresses:update`
 * rewrites the files, and the diff is what reviewers read. docs/refactoring.md explains how to
 * rename constructs without replacing resources (moved blocks).
 */
import { resourceAddresses, type SynthesizedStack } from '@ecs-platform/policy';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ADDRESSES_DIR, formatPinned, pinnedFile, readPinned, UPDATE_COMMAND } from './pinned-addresses';
import { synthesize } from './synthesize';

export { ADDRESSES_DIR, formatPinned, pinnedFile, readPinned, UPDATE_COMMAND } from './pinned-addresses';

export interface StackAddresses {
  readonly addresses: readonly string[];
  /** `moved` blocks of the stack (CDKTF moveTo/moveToId/moveFromId). */
  readonly moved: readonly { readonly from: string; readonly to: string }[];
}

export interface AddressDiff {
  readonly stack: string;
  /** Pinned, not synthesized, no moved block: Terraform would destroy these. */
  readonly removed: readonly string[];
  /** Pinned, not synthesized, with a moved block to the new address: state follows. */
  readonly moved: readonly { readonly from: string; readonly to: string }[];
  readonly added: readonly string[];
}

/** The differences between the pinned addresses of a stack and the synthesized ones. */
export function diffAddresses(stack: string, pinned: readonly string[], actual: StackAddresses): AddressDiff {
  const now = new Set(actual.addresses);
  const before = new Set(pinned);
  const gone = pinned.filter((address) => !now.has(address));
  const moved = actual.moved.filter((move) => gone.includes(move.from) && now.has(move.to));
  return {
    stack,
    removed: gone.filter((address) => !moved.some((move) => move.from === address)),
    moved,
    added: actual.addresses.filter((address) => !before.has(address)),
  };
}

export function hasChanges(diff: AddressDiff): boolean {
  return diff.removed.length + diff.moved.length + diff.added.length > 0;
}

/** The synthesized addresses of a stack's `cdk.tf.json`. */
export function addressesOf(json: SynthesizedStack): StackAddresses {
  return { addresses: resourceAddresses(json), moved: json.moved ?? [] };
}

export interface AddressCheck {
  readonly diffs: readonly AddressDiff[];
  /** Pinned stacks that were not synthesized (deleted, or invalid definitions). */
  readonly missingStacks: readonly string[];
  /** Stacks with no pinned file yet. */
  readonly unpinnedStacks: readonly string[];
  /** Synthesis problems (invalid definitions): addresses of those stacks are unknown. */
  readonly problems: readonly string[];
}

/** Synthesizes the stacks (default: every stack) into a scratch directory and reads their addresses. */
export function synthesizeAddresses(
  root: string,
  selection?: readonly string[],
): { stacks: Map<string, StackAddresses>; problems: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-addresses-'));
  try {
    // Addresses do not depend on the policy: report mode, so a violation does not hide them.
    const result = synthesize({ root, outdir, stacks: selection, policy: { mode: 'report' } });
    const stacks = new Map<string, StackAddresses>();
    for (const name of [...result.synthesized].sort()) {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as SynthesizedStack;
      stacks.set(name, addressesOf(json));
    }
    return { stacks, problems: result.invalid.map((name) => `stack "${name}" has invalid definitions (npm run validate-env)`) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The addresses of stacks already synthesized into `outdir` (what the Nx `validate` target
 * checks right after its `synth` dependency, without synthesizing twice).
 */
export function readAddresses(outdir: string, selection?: readonly string[]): { stacks: Map<string, StackAddresses>; problems: string[] } {
  const stacksDir = path.join(outdir, 'stacks');
  const names = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).filter((name) => fs.existsSync(path.join(stacksDir, name, 'cdk.tf.json'))) : [];
  const matches = (name: string): boolean =>
    !selection || selection.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
  const stacks = new Map<string, StackAddresses>();
  const problems: string[] = [];
  for (const name of names.filter(matches).sort()) {
    const json = JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as SynthesizedStack & { '//'?: { metadata?: { blocked?: boolean } } };
    if (json['//']?.metadata?.blocked) problems.push(`stack "${name}" is blocked: its definitions are invalid (npm run validate-env)`);
    else stacks.set(name, addressesOf(json));
  }
  for (const pattern of selection ?? []) {
    if (!pattern.endsWith('*') && !names.includes(pattern)) problems.push(`stack "${pattern}" is not synthesized in ${outdir}`);
  }
  return { stacks, problems };
}

/**
 * Compares the synthesized addresses with the pinned files: of every stack, or of the selected
 * ones (names, or prefixes ending in `*`, as for synth), which is what a stack's Nx `validate`
 * target checks.
 */
export function checkAddresses(root: string, selection?: readonly string[], options: { synthesizedIn?: string } = {}): AddressCheck {
  const { stacks, problems } = options.synthesizedIn ? readAddresses(options.synthesizedIn, selection) : synthesizeAddresses(root, selection);
  const selected = (name: string): boolean =>
    !selection || selection.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
  const pinnedStacks = fs.existsSync(path.join(root, ADDRESSES_DIR))
    ? fs.readdirSync(path.join(root, ADDRESSES_DIR)).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).filter(selected).sort()
    : [];
  const diffs: AddressDiff[] = [];
  const unpinnedStacks: string[] = [];
  for (const [name, actual] of stacks) {
    const pinned = readPinned(root, name);
    if (pinned === undefined) unpinnedStacks.push(name);
    else diffs.push(diffAddresses(name, pinned, actual));
  }
  return { diffs: diffs.filter(hasChanges), missingStacks: pinnedStacks.filter((name) => !stacks.has(name)), unpinnedStacks, problems };
}

export function isClean(check: AddressCheck): boolean {
  return check.diffs.length + check.missingStacks.length + check.unpinnedStacks.length + check.problems.length === 0;
}

/** What changed and how to record it; empty when the pinned files are exact. */
export function formatAddressCheck(check: AddressCheck): string {
  if (isClean(check)) return '';
  const lines = ['Terraform addresses differ from the pinned files (docs/addresses/<stack>.txt):'];
  for (const diff of check.diffs) {
    lines.push(`  ${diff.stack}:`);
    for (const address of diff.removed) lines.push(`    - ${address}   REMOVED or RENAMED: Terraform would destroy it`);
    for (const move of diff.moved) lines.push(`    > ${move.from} -> ${move.to}   moved block: state follows, no replacement`);
    for (const address of diff.added) lines.push(`    + ${address}`);
  }
  for (const name of check.unpinnedStacks) lines.push(`  ${name}: new stack, no ${ADDRESSES_DIR}/${name}.txt yet`);
  // A stack that is no longer synthesized is never planned again: nothing destroys its
  // resources, they are left running (and billed) in AWS and in its state.
  for (const name of check.missingStacks) {
    lines.push(
      `  ${name}: pinned but no longer synthesized. Nothing destroys its resources: they stay in AWS and in its state, and no plan or deploy reaches them again.`,
      `    To retire it, destroy it first from a commit that still synthesizes it (npx cdktf destroy ${name}), then remove it; or restore what it was built from.`,
    );
  }
  for (const problem of check.problems) lines.push(`  ${problem}`);
  lines.push(
    '',
    'A removed or renamed address destroys and recreates that resource. If that is not intended, keep the construct id,',
    'or move the state with resource.moveFromId(...) / moveTo(...) (docs/refactoring.md).',
    `When the change is intended, record it: ${UPDATE_COMMAND}, and commit docs/addresses/ with the change.`,
  );
  return lines.join('\n');
}

/** Rewrites the pinned files from a fresh synthesis; removes the files of stacks that are gone. */
export function updateAddresses(root: string): { written: string[]; removed: string[]; problems: string[] } {
  // Bootstrap stacks derive their CI roles from the pinned addresses of the other stacks, so a
  // new stack is pinned first and its account's bootstrap stack in a second pass.
  let { stacks, problems } = synthesizeAddresses(root);
  const dir = path.join(root, ADDRESSES_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (found: Map<string, StackAddresses>) => {
    for (const [name, actual] of found) {
      const file = pinnedFile(root, name);
      const contents = formatPinned(actual.addresses);
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== contents) {
        fs.writeFileSync(file, contents);
        if (!written.includes(name)) written.push(name);
      }
    }
  };
  if (problems.length > 0) {
    // Only a bootstrap stack waiting for the others' pins is worth a second pass; any other
    // invalid stack means nothing is written.
    if (!problems.every((problem) => problem.startsWith('stack "bootstrap-'))) return { written: [], removed: [], problems };
    const others = new Map([...stacks].filter(([name]) => !name.startsWith('bootstrap-')));
    write(others);
    ({ stacks, problems } = synthesizeAddresses(root));
    if (problems.length > 0) return { written, removed: [], problems };
  }
  write(stacks);
  const removed = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && !stacks.has(f.slice(0, -4)))
    .map((f) => {
      fs.rmSync(path.join(dir, f));
      return f.slice(0, -4);
    });
  return { written, removed, problems };
}
