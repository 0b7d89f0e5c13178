/**
 * Percent-encodes every code unit outside the unreserved set as its UTF-8
 * bytes, and a lone surrogate as the three bytes it would take (WTF-8), so the
 * server receives exactly the hostile text, not a replacement character.
 */
export function percentEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (/[A-Za-z0-9\-._~]/.test(text[i])) {
      out += text[i];
    } else if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += bytesOf(Buffer.from(text.slice(i, i + 2), 'utf8'));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += bytesOf(Buffer.from([0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]));
    } else {
      out += bytesOf(Buffer.from(text[i], 'utf8'));
    }
  }
  return out;
}

const bytesOf = (bytes: Buffer) => [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
