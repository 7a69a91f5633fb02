/**
 * What a resume needs to know about topics the hub no longer holds: the
 * sequence of the last event each forgot (released with its topic, or
 * published while nobody held the topic). Bounded: the oldest entries fold
 * into one floor that then applies to every topic not listed (a resume older
 * than it gets a reset, which only costs the client a refetch).
 */
export class ForgottenTopics {
  private readonly seqs = new Map<string, number>();
  private floor = 0;

  constructor(private readonly capacity = 1024) {}

  /** Events of `topic` up to `seq` are gone. */
  forget(topic: string, seq: number): void {
    const previous = this.seqs.get(topic) ?? 0;
    this.seqs.delete(topic);
    this.seqs.set(topic, Math.max(previous, seq));
    while (this.seqs.size > this.capacity) {
      const [oldest, oldestSeq] = this.seqs.entries().next().value ?? ["", 0];
      this.seqs.delete(oldest);
      this.floor = Math.max(this.floor, oldestSeq);
    }
  }

  /** Highest sequence of a forgotten event of `topic` (0: none). */
  upTo(topic: string): number {
    return this.seqs.get(topic) ?? this.floor;
  }

  /** The topic lives again: hands over its watermark (the caller keeps it). */
  revive(topic: string): number {
    const seq = this.upTo(topic);
    this.seqs.delete(topic);
    return seq;
  }

  get size(): number {
    return this.seqs.size;
  }
}
