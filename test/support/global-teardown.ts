import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __EMBEDDED_PG__?: { handle: { stop(): Promise<void> }; root: string } }).__EMBEDDED_PG__;
  if (!embedded) return;
  await embedded.handle.stop();
  await rm(embedded.root, { recursive: true, force: true });
}
