const JSON_WHITESPACE = new Set([' ', '\t', '\n', '\r']);

function nextToken(text: string, from: number): number {
  let at = from;
  while (at < text.length && JSON_WHITESPACE.has(text[at]!)) at += 1;
  return at;
}

/**
 * Lays out valid JSON text again, keeping every token exactly as written: JSON.parse and
 * JSON.stringify would turn 12345678901234567890 into 12345678901234567000. `indent` '' gives the
 * compact form. The caller has checked that the text parses.
 */
export function layoutJson(text: string, indent = '  '): string {
  let out = '';
  let depth = 0;
  const newline = () => (indent ? `\n${indent.repeat(depth)}` : '');
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at]!;
    if (char === '"') {
      let end = at + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(at, end + 1);
      at = end;
    } else if (JSON_WHITESPACE.has(char)) {
      continue;
    } else if (char === '{' || char === '[') {
      const next = nextToken(text, at + 1);
      if (text[next] === (char === '{' ? '}' : ']')) {
        out += char + text[next];
        at = next;
      } else {
        depth += 1;
        out += char + newline();
      }
    } else if (char === '}' || char === ']') {
      depth -= 1;
      out += newline() + char;
    } else if (char === ',') {
      out += `,${newline()}`;
    } else if (char === ':') {
      out += indent ? ': ' : ':';
    } else {
      out += char;
    }
  }
  return out;
}

export const compactJson = (text: string) => layoutJson(text, '');

/** The members of a JSON object's text, each value as its own text (numbers exactly as written); null for anything else. */
export function objectMembers(text: string): Array<[string, string]> | null {
  const compact = compactJson(text);
  if (!compact.startsWith('{')) return null;
  const members: Array<[string, string]> = [];
  let depth = 0;
  let start = 1;
  for (let at = 1; at < compact.length; at += 1) {
    const char = compact[at]!;
    if (char === '"') {
      at += 1;
      while (at < compact.length && compact[at] !== '"') at += compact[at] === '\\' ? 2 : 1;
    } else if (char === '{' || char === '[') {
      depth += 1;
    } else if ((char === '}' || char === ']') && depth > 0) {
      depth -= 1;
    } else if (depth === 0 && (char === ',' || char === '}')) {
      const member = compact.slice(start, at);
      if (member !== '') {
        const keyEnd = member.indexOf('":') + 1;
        members.push([JSON.parse(member.slice(0, keyEnd)) as string, member.slice(keyEnd + 1)]);
      }
      start = at + 1;
    }
  }
  return members;
}
