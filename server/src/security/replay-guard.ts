/**
 * Remembers accepted nonces for the signature tolerance window so a captured request
 * cannot be sent again. In memory: one process owns the store (see docs/architecture.md,
 * "Scale beyond one machine" for the multi-instance variant).
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowSeconds: number, private readonly maxEntries = 200_000) {}

  /** Returns false when the nonce was already used; otherwise records it. */
  claim(nonce: string, nowSeconds: number): boolean {
    this.evict(nowSeconds);
    if (this.seen.has(nonce)) return false;
    if (this.seen.size >= this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    this.seen.set(nonce, nowSeconds + this.windowSeconds * 2);
    return true;
  }

  private evict(nowSeconds: number): void {
    // Map iteration is insertion order, and expiry grows with insertion, so stop at the first live one.
    for (const [nonce, expiresAt] of this.seen) {
      if (expiresAt > nowSeconds) break;
      this.seen.delete(nonce);
    }
  }
}
