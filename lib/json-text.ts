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
