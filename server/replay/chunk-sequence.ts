// Chunk sequence numbers per recording (issue 12 §5), pure: a chunk is stored at the sequence its
// sender gives, once. The state is the highest sequence received + 1 (`next`) and a bit mask of
// which of the REORDER_WINDOW sequences below it arrived, so a chunk overtaken by a later one in
// flight still lands, a repeat is refused, and a jump far ahead (a gap) is refused. The SQL of
// server/store/replay-store.ts computes exactly this in its PostgreSQL UPDATE (appendChunkPg).

/** How far apart chunks of one recording may arrive out of order. */
export const REORDER_WINDOW = 8;
const FULL_MASK = (1 << REORDER_WINDOW) - 1;

export interface SeqState {
  nextSeq: number;
  seqMask: number;
}

/** The state after storing `seq`, or why it cannot be stored. */
export function placeSeq(state: SeqState, seq: number): SeqState | 'repeat' | 'gap' {
  const { nextSeq, seqMask } = state;
  if (seq >= nextSeq) {
    if (seq >= nextSeq + REORDER_WINDOW) return 'gap';
    return { nextSeq: seq + 1, seqMask: ((seqMask << (seq + 1 - nextSeq)) | 1) & FULL_MASK };
  }
  const back = nextSeq - 1 - seq;
  if (back >= REORDER_WINDOW || (seqMask >> back) & 1) return 'repeat';
  return { nextSeq, seqMask: seqMask | (1 << back) };
}
