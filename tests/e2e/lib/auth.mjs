// TOTP (RFC 6238, SHA-1, 6 digits, 30 s) and runtime request signing (DESIGN.md §4.1).
import { createHash, createHmac, randomBytes } from 'node:crypto';

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of s.replace(/=+$/, '').toUpperCase()) {
    const idx = alphabet.indexOf(ch);
    if (idx < 0) continue;
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totp(secret, at = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const h = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  const code = ((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).toString();
  return code.padStart(6, '0');
}

export async function signedRuntimeGet(baseUrl, target, { sdkKey, sdkSecret, bundleId }) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = createHmac('sha256', sdkSecret).update(`GET\n${target}\n${timestamp}\n${nonce}`).digest('hex');
  return fetch(baseUrl + target, {
    headers: {
      'X-Cove-Sdk-Key': sdkKey,
      'X-Cove-Bundle-Id': bundleId,
      'X-Cove-Timestamp': timestamp,
      'X-Cove-Nonce': nonce,
      'X-Cove-Signature': signature,
    },
  });
}

/** A signed runtime POST with a JSON body: the body's SHA-256 is the signature's last line. */
export async function signedRuntimePost(baseUrl, target, { sdkKey, sdkSecret, bundleId }, body) {
  const text = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const bodyHash = createHash('sha256').update(text).digest('hex');
  const signature = createHmac('sha256', sdkSecret)
    .update(`POST\n${target}\n${timestamp}\n${nonce}\n${bodyHash}`)
    .digest('hex');
  return fetch(baseUrl + target, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Cove-Sdk-Key': sdkKey,
      'X-Cove-Bundle-Id': bundleId,
      'X-Cove-Timestamp': timestamp,
      'X-Cove-Nonce': nonce,
      'X-Cove-Signature': signature,
    },
    body: text,
  });
}
