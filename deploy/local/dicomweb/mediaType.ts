/** A media type or media range with its parameters: `multipart/related; type="image/jphc"; transfer-syntax=*`. */
export interface MediaType {
  /** Lower-case `type/subtype`, e.g. `multipart/related`, `*\/*`. */
  essence: string;
  /** Parameters by lower-case name; values unquoted, case kept (UIDs, boundaries). */
  params: Record<string, string>;
}

/**
 * Splits `text` on `separator` outside double quotes (a quoted parameter may contain `,` or `;`).
 * A backslash inside quotes escapes the next character (RFC 9110 quoted-pair).
 */
export function splitOutsideQuotes(text: string, separator: ',' | ';'): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quoted && char === '\\' && index + 1 < text.length) {
      current += char + text[++index];
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === separator && !quoted) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces;
}

const TOKEN_ESSENCE = /^[a-z0-9!#$&^_.+*-]+\/[a-z0-9!#$&^_.+*-]+$/;

/**
 * Parses one media type (a Content-Type value or one Accept range). Quotes around parameter values are optional
 * (OHIF omits them with `omitQuotationForMultipartRequest`). Undefined when the essence is not `type/subtype`.
 */
export function parseMediaType(text: string): MediaType | undefined {
  const [head = '', ...rawParams] = splitOutsideQuotes(text, ';');
  const essence = head.trim().toLowerCase();
  if (!TOKEN_ESSENCE.test(essence)) return undefined;
  const params: Record<string, string> = {};
  for (const rawParam of rawParams) {
    const equals = rawParam.indexOf('=');
    if (equals < 0) continue;
    const name = rawParam.slice(0, equals).trim().toLowerCase();
    if (name === '') continue;
    params[name] = unquote(rawParam.slice(equals + 1).trim());
  }
  return { essence, params };
}

function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value.slice(1, -1).replace(/\\(.)/g, '$1');
}
