/**
 * Every relative link in the repository's Markdown resolves to a file inside the repository,
 * and every `#anchor` to a heading of the file it names: a renamed doc or heading breaks the
 * test, not the reader.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const markdownFiles = execFileSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .filter((file) => !file.startsWith('node_modules/'));

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1])));
}

function linksOf(file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z]+:/i.test(target));
}

function brokenLinks(file) {
  const problems = [];
  for (const target of linksOf(file)) {
    const [targetPath, anchor] = target.split('#');
    const resolved = targetPath ? path.normalize(path.join(path.dirname(file), targetPath)) : file;
    if (resolved.startsWith('..')) {
      problems.push(`${file}: ${target} leaves the repository`);
      continue;
    }
    if (!fs.existsSync(path.join(root, resolved))) {
      problems.push(`${file}: ${target} does not exist`);
      continue;
    }
    if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
      problems.push(`${file}: ${target} names no heading of ${resolved}`);
    }
  }
  return problems;
}

describe('Markdown links', () => {
  it('finds the documents', () => {
    expect(markdownFiles).toEqual(expect.arrayContaining(['README.md', 'docs/design.md']));
  });

  it.each(markdownFiles)('%s links only inside the repository, to files and headings that exist', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it('reports a link that leaves the repository, a missing file and a missing heading', () => {
    const scratch = fs.mkdtempSync(path.join(root, 'tmp-docs-links-'));
    const relative = path.relative(root, scratch);
    try {
      fs.writeFileSync(
        path.join(scratch, 'a.md'),
        '# Title\n\n[out](../../x.md) [gone](missing.md) [anchor](a.md#nope) [ok](a.md#title)\n',
      );
      expect(brokenLinks(`${relative}/a.md`)).toEqual([
        `${relative}/a.md: ../../x.md leaves the repository`,
        `${relative}/a.md: missing.md does not exist`,
        `${relative}/a.md: a.md#nope names no heading of ${relative}/a.md`,
      ]);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('design decisions', () => {
  const numbered = [...fs.readFileSync(path.join(root, 'docs/design.md'), 'utf8').matchAll(/^### (\d+)\. /gm)].map(
    (match) => Number(match[1]),
  );
  const sources = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.(ts|js|mjs|md|ya?ml)$/.test(file) && file !== 'docs/design.md');

  it('are numbered 1..n in docs/design.md', () => {
    expect(numbered).toEqual(numbered.map((_, index) => index + 1));
  });

  it('are cited only by numbers docs/design.md has', () => {
    const unknown = [];
    for (const file of sources) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const match of text.matchAll(/\bdecision (\d+)\b/g)) {
        if (!numbered.includes(Number(match[1]))) unknown.push(`${file}: decision ${match[1]}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});
