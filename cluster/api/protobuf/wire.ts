// A minimal protobuf wire-format reader (https://protobuf.dev/programming-guides/encoding/).
// Kubernetes messages use varints (wire type 0) and length-delimited fields (2); fixed32/64 are
// handled so that an unexpected field can still be skipped.

export class WireError extends Error {}

export interface WireField {
  num: number;
  wireType: number;
  /** varint (as BigInt, so int64 keeps its bits) or fixed value */
  int?: bigint;
  /** length-delimited payload */
  bytes?: Uint8Array;
}

class WireReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new WireError('unexpected end of data in varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
    throw new WireError('varint is too long');
  }

  private take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.buf.length) throw new WireError('unexpected end of data');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private fixed(n: number): bigint {
    const b = this.take(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
    return v;
  }

  /** Reads the next field (key and value). */
  field(): WireField {
    const key = this.varint();
    const num = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (num <= 0) throw new WireError(`illegal field number ${num}`);
    switch (wireType) {
      case 0:
        return { num, wireType, int: this.varint() };
      case 1:
        return { num, wireType, int: this.fixed(8) };
      case 2: {
        const len = this.varint();
        if (len > BigInt(this.buf.length)) throw new WireError('length exceeds the data');
        return { num, wireType, bytes: this.take(Number(len)) };
      }
      case 5:
        return { num, wireType, int: this.fixed(4) };
      default:
        throw new WireError(`unsupported wire type ${wireType} for field ${num}`);
    }
  }
}

/** All fields of a message, in wire order. */
export function readFields(buf: Uint8Array): WireField[] {
  const r = new WireReader(buf);
  const out: WireField[] = [];
  while (!r.done) out.push(r.field());
  return out;
}

/** Signed 64-bit interpretation of a varint (negative int32/int64 are sign-extended to 64 bits). */
export function toSigned(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function utf8String(b: Uint8Array): string {
  try {
    return utf8.decode(b);
  } catch {
    throw new WireError('string field is not valid UTF-8');
  }
}
