'use strict';
/**
 * Small helpers over the `yaml` Document API: the generators change values in place, so the
 * comments, key order and layout of every other part of a definition stay as they were.
 */
const YAML = require('yaml');

/** The hand-written style of the definitions: `[a, b]` flow lists, no line folding. */
const TO_STRING = { flowCollectionPadding: false, lineWidth: 0 };

/**
 * @param {string} text
 * @param {string} file for messages
 * @param {new (message: string) => Error} ErrorType
 * @returns {YAML.Document.Parsed}
 */
function parseDocument(text, file, ErrorType) {
  const doc = YAML.parseDocument(text);
  if (doc.errors.length > 0) throw new ErrorType(`${file} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  if (!YAML.isMap(doc.contents)) throw new ErrorType(`${file} is not a YAML map`);
  return doc;
}

/** @param {unknown} key */
function keyOf(key) {
  return String(YAML.isScalar(key) ? key.value : key);
}

/**
 * @param {unknown} map
 * @param {string} key
 * @returns {YAML.Pair<any, any> | undefined}
 */
function pairOf(map, key) {
  if (!YAML.isMap(map)) return undefined;
  return /** @type {YAML.Pair<any, any> | undefined} */ (map.items.find((pair) => keyOf(pair.key) === key));
}

/**
 * Sets a scalar in place (keeping its quoting) or replaces the node.
 * @param {YAML.Document} doc
 * @param {(string|number)[]} at
 * @param {unknown} value
 */
function setValue(doc, at, value) {
  const node = doc.getIn(at, true);
  if (YAML.isScalar(node) && (value === null || typeof value !== 'object')) node.value = value;
  else doc.setIn(at, value);
}

/**
 * Replaces a list, keeping its flow (`[a, b]`) or block style.
 * @param {YAML.Document} doc
 * @param {(string|number)[]} at
 * @param {unknown[]} values
 */
function setList(doc, at, values) {
  const node = doc.getIn(at, true);
  const flow = YAML.isSeq(node) ? Boolean(node.flow) : true;
  doc.setIn(at, doc.createNode(values, { flow }));
}

/**
 * Inserts `key: value` into `map` right after `afterKeys[0]` (the first that exists), else at the end.
 * @param {YAML.Document} doc
 * @param {YAML.YAMLMap} map
 * @param {string} key
 * @param {unknown} value
 * @param {string[]} afterKeys
 * @returns {YAML.Pair<any, any>}
 */
function insertAfter(doc, map, key, value, afterKeys) {
  const pair = /** @type {YAML.Pair<any, any>} */ (doc.createPair(key, value));
  const anchor = afterKeys.map((name) => map.items.findIndex((p) => keyOf(p.key) === name)).find((i) => i >= 0);
  if (anchor === undefined) map.items.push(pair);
  else map.items.splice(anchor + 1, 0, pair);
  return pair;
}

/**
 * Every comment of the document, for rewriting: `edit` returns the new text or undefined to drop it.
 * @param {YAML.Document} doc
 * @param {(comment: string) => string | undefined} edit
 */
function editComments(doc, edit) {
  /** @param {any} node */
  const apply = (node) => {
    for (const field of ['commentBefore', 'comment']) {
      if (typeof node[field] === 'string') node[field] = edit(node[field]) || undefined;
    }
  };
  apply(doc);
  YAML.visit(doc, {
    Node(_key, node) {
      apply(node);
    },
  });
}

/**
 * Comment text (one `#` line per entry) as the Document API stores it: each line after `#`.
 * @param {string[]} lines
 */
function comment(lines) {
  return lines.map((line) => ` ${line}`).join('\n');
}

/**
 * The document as text, with every line the edit did not touch kept exactly as `original` has
 * it. The `yaml` library re-renders what it parsed in its own style (one space before an
 * inline comment, say), so a plain `doc.toString()` would rewrite lines nobody asked to change.
 * Lines are matched (longest common subsequence) on a form that ignores such differences; a
 * matched line is written as it was, the others as the document renders them.
 * @param {YAML.Document} doc
 * @param {string} original
 * @returns {string}
 */
function toStringKeepingLayout(doc, original) {
  const rendered = doc.toString(TO_STRING).split('\n');
  const before = original.split('\n');
  /** @param {string} line */
  const form = (line) => line.replace(/\s+#/, ' #').replace(/\s+$/, '');
  const a = before.map(form);
  const b = rendered.map(form);
  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (i < a.length && a[i] === b[j]) {
      out.push(before[i]);
      i += 1;
      j += 1;
    } else if (i < a.length && lengths[i + 1][j] >= lengths[i][j + 1]) {
      i += 1; // a line the edit removed
    } else {
      out.push(rendered[j]);
      j += 1;
    }
  }
  return out.join('\n');
}

module.exports = { TO_STRING, toStringKeepingLayout, comment, editComments, insertAfter, keyOf, pairOf, parseDocument, setList, setValue };
