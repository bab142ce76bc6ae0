// Just enough HCL to read Terraform resources: blocks with labels, attributes as raw expression text,
// nested blocks; strings, heredocs and comments are skipped correctly so braces inside them do not count.

export interface HclAttribute {
  readonly raw: string;
  readonly line: number;
}

export interface HclBlock {
  readonly type: string;
  readonly labels: string[];
  readonly attrs: Map<string, HclAttribute>;
  readonly blocks: HclBlock[];
  readonly line: number;
  /** Source text of the whole block, for reference searches. */
  text: string;
}

export function parseHcl(source: string): HclBlock[] {
  return parseHclBody(source).blocks;
}

/** A whole file's top-level attributes and blocks (a `.tfvars` file is only attributes). */
export function parseHclBody(source: string): {
  readonly attrs: Map<string, HclAttribute>;
  readonly blocks: HclBlock[];
} {
  let i = 0;
  let line = 1;
  const n = source.length;

  const skipSpace = (newlines: boolean): void => {
    while (i < n) {
      const c = source[i] as string;
      if (c === '\n') {
        if (!newlines) return;
        line++;
        i++;
      } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (c === '#' || (c === '/' && source[i + 1] === '/')) {
        while (i < n && source[i] !== '\n') i++;
      } else if (c === '/' && source[i + 1] === '*') {
        const end = source.indexOf('*/', i + 2);
        const stop = end === -1 ? n : end + 2;
        for (let k = i; k < stop; k++) if (source[k] === '\n') line++;
        i = stop;
      } else return;
    }
  };

  const readString = (): string => {
    // at opening quote
    i++;
    let out = '';
    let depth = 0;
    while (i < n) {
      const c = source[i] as string;
      if (c === '\\') {
        out += source.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '$' && source[i + 1] === '{') {
        depth++;
        out += '${';
        i += 2;
        continue;
      }
      if (c === '}' && depth > 0) depth--;
      if (c === '"' && depth === 0) {
        i++;
        return out;
      }
      if (c === '\n') line++;
      out += c;
      i++;
    }
    return out;
  };

  /** Raw expression up to the end of the line at bracket depth 0. */
  const readExpression = (): string => {
    const start = i;
    let depth = 0;
    while (i < n) {
      const c = source[i] as string;
      if (c === '"') {
        readString();
        continue;
      }
      if (c === '<' && source[i + 1] === '<') {
        const m = /^<<-?([A-Za-z_]+)/.exec(source.slice(i, i + 40));
        if (m) {
          const endRe = new RegExp(`\\n\\s*${m[1]}\\s*(\\n|$)`, 'g');
          endRe.lastIndex = i;
          const end = endRe.exec(source);
          const stop = end === null ? n : end.index + end[0].length - 1;
          for (let k = i; k < stop; k++) if (source[k] === '\n') line++;
          i = stop;
          continue;
        }
      }
      if (c === '#' || (c === '/' && source[i + 1] === '/')) {
        if (depth === 0) break;
        while (i < n && source[i] !== '\n') i++;
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === '\n') {
        if (depth === 0) break;
        line++;
      }
      i++;
    }
    return source.slice(start, i).trim();
  };

  const readBody = (): Omit<HclBlock, 'type' | 'labels' | 'line' | 'text'> => {
    const attrs = new Map<string, HclAttribute>();
    const blocks: HclBlock[] = [];
    for (;;) {
      skipSpace(true);
      if (i >= n) break;
      if (source[i] === '}') {
        i++;
        break;
      }
      const start = i;
      const m = /^[A-Za-z_][\w-]*/.exec(source.slice(i, i + 200));
      if (m === null) {
        // Unknown token: skip the line.
        while (i < n && source[i] !== '\n') i++;
        continue;
      }
      const name = m[0];
      const nameLine = line;
      i += name.length;
      skipSpace(false);
      if (source[i] === '=' && source[i + 1] !== '=') {
        i++;
        skipSpace(false);
        attrs.set(name, { raw: readExpression(), line: nameLine });
        continue;
      }
      const labels: string[] = [];
      while (i < n && source[i] !== '{' && source[i] !== '\n') {
        if (source[i] === '"') labels.push(readString());
        else {
          const l = /^[A-Za-z_][\w-]*/.exec(source.slice(i, i + 200));
          if (l) {
            labels.push(l[0]);
            i += l[0].length;
          } else i++;
        }
        skipSpace(false);
      }
      if (source[i] !== '{') continue;
      i++;
      const body = readBody();
      blocks.push({ type: name, labels, line: nameLine, ...body, text: source.slice(start, i) });
    }
    return { attrs, blocks };
  };

  return readBody();
}

/** A string or number attribute's value, unquoted. */
export function literal(attr: HclAttribute | undefined): string | undefined {
  if (attr === undefined) return undefined;
  const m = /^"([^"]*)"$/.exec(attr.raw);
  if (m) return m[1];
  return /^[\w.-]+$/.test(attr.raw) ? attr.raw : undefined;
}
