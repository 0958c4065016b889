/**
 * What an image's Dockerfile says about its filesystem at run time, read without building it
 * (no Docker engine in CI's checks): the final stage's USER, its VOLUMEs, and the owner and
 * mode the Dockerfile gives directories (`chmod`, `chown`, `install -d -o -g -m` in RUN).
 * The task definitions run images read-only as non-root and mount volumes for the paths that
 * must be writable; on Fargate such a mount is writable for a non-root user only where the
 * image declares the path a VOLUME with a fitting owner or mode (image-filesystem.spec.ts).
 */

export interface DirectoryFacts {
  /** Owner uid, when the Dockerfile sets it. */
  readonly uid?: string;
  /** Octal mode, when the Dockerfile sets it (for example `1777`). */
  readonly mode?: string;
}

export interface DockerfileFacts {
  /** `uid[:gid]` of the final stage's last USER; undefined when it runs as root by default. */
  readonly user?: string;
  /** Paths the final stage declares as VOLUME. */
  readonly volumes: readonly string[];
  /** Owner and mode the final stage gives directories. */
  readonly directories: Readonly<Record<string, DirectoryFacts>>;
}

function instructions(text: string): { keyword: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

function jsonOrWords(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as string[];
  return trimmed.split(/\s+/);
}

/** Reads the facts of the final stage of a Dockerfile. */
export function dockerfileFacts(text: string): DockerfileFacts {
  const all = instructions(text);
  const stage = all.slice(all.map((i) => i.keyword).lastIndexOf('FROM') + 1);
  const directories: Record<string, { uid?: string; mode?: string }> = {};
  const set = (paths: string[], facts: DirectoryFacts) => {
    for (const dir of paths) directories[dir] = { ...directories[dir], ...facts };
  };
  for (const { keyword, args } of stage) {
    if (keyword !== 'RUN') continue;
    for (const command of args.split(/&&|;/).map((part) => part.trim().split(/\s+/))) {
      const [program, ...rest] = command;
      if (program === 'chmod' && rest.length >= 2 && /^[0-7]{3,4}$/.test(rest[0])) set(rest.slice(1), { mode: rest[0] });
      else if (program === 'chown' && rest.length >= 2) set(rest.slice(1), { uid: rest[0].split(':')[0] });
      else if (program === 'install' && rest.includes('-d')) {
        const facts: { uid?: string; mode?: string } = {};
        const paths: string[] = [];
        for (let i = 0; i < rest.length; i++) {
          if (rest[i] === '-o') facts.uid = rest[++i];
          else if (rest[i] === '-m') facts.mode = rest[++i];
          else if (rest[i] === '-g') i++;
          else if (!rest[i].startsWith('-')) paths.push(rest[i]);
        }
        set(paths, facts);
      }
    }
  }
  const user = stage.filter((i) => i.keyword === 'USER').at(-1)?.args.trim();
  const volumes = stage.filter((i) => i.keyword === 'VOLUME').flatMap((i) => jsonOrWords(i.args));
  return { user, volumes, directories };
}

/**
 * Why `uid` cannot write to a volume mounted at `path` on Fargate, or undefined when it can:
 * the image declares the path a VOLUME, and the directory is owned by the user or writable by
 * everyone.
 */
export function unwritableReason(facts: DockerfileFacts, path: string, uid: string): string | undefined {
  if (!facts.volumes.includes(path)) {
    return `${path} is not a VOLUME of the image: on Fargate the mount is root-owned with mode 0755`;
  }
  const dir = facts.directories[path];
  if (dir?.uid === uid) return undefined;
  if (dir?.mode && (parseInt(dir.mode, 8) & 0o002) !== 0) return undefined;
  return `${path} is a VOLUME, but the Dockerfile gives it neither owner ${uid} nor a mode everyone may write (it sets ${JSON.stringify(dir ?? {})})`;
}
