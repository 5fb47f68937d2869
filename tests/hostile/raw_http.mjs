// A raw HTTP/1.1 client for hostile requests fetch cannot send (CR/LF and
// NUL in headers, invalid UTF-8 in paths, lying lengths), and the expansion of
// a case's body parts (text, {hex}, {repeat, times}) into bytes.
import { connect } from 'node:net';

/** The bytes of a case's body; sub() fills {{placeholders}} in text parts. */
export function bodyBytes(c, sub = (s) => s) {
  if (c.body_b64) return Buffer.from(c.body_b64, 'base64');
  const parts = c.body_parts || [c.body ?? ''];
  return Buffer.concat(parts.map((p) => {
    if (typeof p === 'string') return Buffer.from(sub(p), 'utf8');
    if (p.hex !== undefined) return Buffer.from(p.hex, 'hex');
    return Buffer.from(p.repeat.repeat(p.times), 'utf8');
  }));
}

/**
 * Sends one request on its own connection and reads the answer to the end.
 * The request line and headers are written byte for byte (latin1), so a
 * header value may hold CR, LF or NUL. Content-Length is added unless
 * rawLength (the case gives its own) or chunkedBytes (a chunked body of that
 * many bytes is streamed).
 * @returns {Promise<{status: number, headers: object, text: string, error?: string}>}
 */
export function rawRequest(port, { method, path, headers = {}, body = Buffer.alloc(0), rawLength, chunkedBytes }) {
  return new Promise((resolve) => {
    const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    if (chunkedBytes) lines.push('Transfer-Encoding: chunked');
    else if (!rawLength) lines.push(`Content-Length: ${body.length}`);
    const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
    const chunks = [];
    let error;
    const sock = connect(port, '127.0.0.1');
    sock.setTimeout(30_000, () => { error = 'timed out'; sock.destroy(); });
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', (e) => { error = e.code || e.message; });
    sock.on('close', () => resolve(parse(Buffer.concat(chunks), error)));
    sock.on('connect', async () => {
      const write = (b) => new Promise((r) => (sock.destroyed ? r() : sock.write(b, () => r())));
      await write(head);
      // A server may refuse a large body from its headers alone and close;
      // give it a moment, so its answer is read rather than lost to a reset.
      if (chunkedBytes || body.length > 65536) await new Promise((r) => setTimeout(r, 50));
      if (chunks.length) return;
      if (chunkedBytes) {
        const piece = Buffer.alloc(65536, 0x20);
        for (let sent = 0; sent < chunkedBytes && !sock.destroyed; sent += piece.length) {
          await write(Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]));
        }
        await write(Buffer.from('0\r\n\r\n'));
      } else if (body.length) {
        await write(body);
      }
    });
  });
}

function parse(buf, error) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, text: buf.toString('latin1'), error };
  const [statusLine, ...hl] = buf.subarray(0, end).toString('latin1').split('\r\n');
  const headers = {};
  for (const l of hl) {
    const i = l.indexOf(':');
    const k = l.slice(0, i).trim().toLowerCase();
    headers[k] = headers[k] ? `${headers[k]}\n${l.slice(i + 1).trim()}` : l.slice(i + 1).trim();
  }
  let body = buf.subarray(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] || '')) body = dechunk(body);
  return { status: Number(statusLine.split(' ')[1]) || 0, headers, text: body.toString('utf8'), error };
}

function dechunk(b) {
  const out = [];
  let i = 0;
  while (i < b.length) {
    const nl = b.indexOf('\r\n', i);
    if (nl < 0) break;
    const n = parseInt(b.subarray(i, nl).toString(), 16);
    if (!n) break;
    out.push(b.subarray(nl + 2, nl + 2 + n));
    i = nl + 2 + n + 2;
  }
  return Buffer.concat(out);
}
