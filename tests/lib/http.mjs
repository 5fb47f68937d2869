// Raw HTTP/1.1 over node:net for tests that must send exactly what they say
// (no normalising of "..", oversized bodies, early server answers).
import { connect } from 'node:net';

function parseResponse(buf) {
  const text = buf.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...headerLines] = text.slice(0, end).split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!m) throw new Error(`not an HTTP status line: ${JSON.stringify(statusLine)}`);
  const headers = {};
  for (const l of headerLines) {
    const i = l.indexOf(':');
    if (i > 0) {
      const k = l.slice(0, i).trim().toLowerCase();
      const v = l.slice(i + 1).trim();
      headers[k] = k in headers ? `${headers[k]}, ${v}` : v;
    }
  }
  let body = buf.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
  if (/chunked/i.test(headers['transfer-encoding'] || '')) body = dechunk(body);
  return { status: Number(m[1]), statusLine, headers, body: body.toString('utf8') };
}

function dechunk(buf) {
  const parts = [];
  let pos = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', pos);
    if (eol < 0) break;
    const size = parseInt(buf.subarray(pos, eol).toString('latin1'), 16);
    if (!size) break;
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * Sends `GET target` (target exactly as given) with Connection: close and
 * returns { status, headers, body } once the server closes the connection.
 */
export function rawGet(baseUrl, target, { headers = {}, timeoutMs = 10_000 } = {}) {
  const u = new URL(baseUrl);
  const head = [`GET ${target} HTTP/1.1`, `Host: ${u.host}`, 'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  return rawExchange(u, Buffer.from(head, 'latin1'), timeoutMs);
}

function rawExchange(u, bytes, timeoutMs) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const sock = connect({ host: u.hostname, port: Number(u.port) });
    sock.setTimeout(timeoutMs, () => { sock.destroy(new Error(`no complete answer within ${timeoutMs} ms`)); });
    sock.on('connect', () => sock.write(bytes));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', (e) => {
      const r = chunks.length ? parseResponse(Buffer.concat(chunks)) : null;
      if (r) resolve(r); else reject(e);
    });
    sock.on('close', () => {
      try {
        const r = parseResponse(Buffer.concat(chunks));
        if (r) resolve(r); else reject(new Error(`connection closed without a complete response (${Buffer.concat(chunks).length} bytes)`));
      } catch (e) { reject(e); }
    });
  });
}

/**
 * POSTs a body of `size` bytes to `path`, a chunk at a time, and stops sending
 * as soon as the server answers (a server refusing an oversized body answers
 * early and may close the connection). Resolves with the parsed response, or
 * rejects if the connection fails before any status line arrived. It waits
 * up to earlyAnswerMs after the headers for an early refusal.
 * @param {'length'|'chunked'} framing  Content-Length, or Transfer-Encoding: chunked
 */
export function postLargeBody(baseUrl, path, size, { framing = 'length', contentType = 'application/json', timeoutMs = 30_000, earlyAnswerMs = 500 } = {}) {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks = [];
    let answered = false;
    let settled = false;
    const done = (fn, v) => { if (!settled) { settled = true; clearTimeout(timer); sock.destroy(); fn(v); } };
    const tryParse = () => {
      try { return parseResponse(Buffer.concat(chunks)); } catch (e) { done(reject, e); return null; }
    };
    const sock = connect({ host: u.hostname, port: Number(u.port) });
    const timer = setTimeout(() => done(reject, new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    sock.on('data', (d) => {
      chunks.push(d);
      answered = true;
      const r = tryParse();
      // Headers are enough; the body of an error answer is small, wait briefly for it.
      if (r) setTimeout(() => { const r2 = tryParse(); if (r2) done(resolve, r2); }, 200);
    });
    sock.on('error', (e) => {
      const r = answered ? tryParse() : null;
      if (r) done(resolve, r);
      else done(reject, new Error(`connection failed before a status line was read: ${e.code || e.message}`));
    });
    sock.on('close', () => {
      const r = answered ? tryParse() : null;
      if (r) done(resolve, r);
      else done(reject, new Error('connection closed before a status line was read'));
    });
    sock.on('connect', async () => {
      const head = [`POST ${path} HTTP/1.1`, `Host: ${u.host}`, `Content-Type: ${contentType}`,
        framing === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`,
        'Connection: close', '', ''].join('\r\n');
      sock.write(head);
      // Give the server a moment to refuse on the headers alone (as it may
      // for a Content-Length over its limit), the way a client sending
      // "Expect: 100-continue" would: once it has answered and closed, more
      // body bytes only earn a reset that can swallow its answer.
      for (let waited = 0; waited < earlyAnswerMs && !answered && !sock.destroyed; waited += 10) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const piece = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      while (sent < size && !answered && !sock.destroyed) {
        const n = Math.min(piece.length, size - sent);
        const data = framing === 'chunked'
          ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), piece.subarray(0, n), Buffer.from('\r\n')])
          : piece.subarray(0, n);
        sent += n;
        if (!sock.write(data)) {
          await new Promise((r) => { sock.once('drain', r); sock.once('close', r); });
        }
      }
      if (framing === 'chunked' && !answered && !sock.destroyed) sock.write('0\r\n\r\n');
    });
  });
}
