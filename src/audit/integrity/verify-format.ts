import { AnchorFinding } from '../anchor/checkpoint-check';
import { VerifyAllSummary } from './verify-all';

function anchorLine(f: AnchorFinding): string {
  const where = f.streamId !== undefined ? ` ${f.streamId}${f.revision !== undefined ? ` revision ${f.revision}` : ''}` : '';
  const checkpoint = f.checkpoint ? ` (checkpoint of ${f.checkpoint.treeSize} leaves, ${f.checkpoint.source})` : '';
  return `BROKEN LOG${where}${checkpoint}: ${f.reason}: ${f.detail}`;
}

export function formatSummary(summary: VerifyAllSummary): string {
  const lines = [
    `source: ${summary.source}`,
    `streams: ${summary.streams} (intact ${summary.intact}, empty ${summary.empty}, broken ${summary.broken.length})`,
    `events read: ${summary.events}`,
  ];
  for (const b of summary.broken) {
    for (const m of b.findings) {
      lines.push(`BROKEN ${b.streamId}: revision ${m.revision}${m.eventId ? ` (event ${m.eventId})` : ''}: ${m.reason}: ${m.detail}`);
    }
  }
  const anchor = summary.anchor;
  if (anchor) {
    lines.push(
      `checkpoints: ${anchor.checkpoints.length} from ${anchor.witness}${anchor.keyChecked ? ' and tl_checkpoints, signatures checked' : ', signatures NOT checked (no --key)'}` +
        (anchor.checkpoints.length > 0 ? `, largest ${Math.max(...anchor.checkpoints.map((c) => c.treeSize))} leaves` : ''),
    );
    for (const f of anchor.findings) lines.push(anchorLine(f));
  }
  const anchorBroken = anchor?.findings.length ?? 0;
  lines.push(
    summary.broken.length === 0 && anchorBroken === 0
      ? 'verdict: every stream intact'
      : `verdict: ${summary.broken.length} stream(s) broken${anchorBroken > 0 ? `, ${anchorBroken} finding(s) against signed checkpoints` : ''}`,
  );
  return lines.join('\n');
}
