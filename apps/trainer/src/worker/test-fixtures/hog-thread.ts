// Fixture of spawn-thread.test.ts: allocates until the thread's heap limit stops it.
const kept: number[][] = [];
for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i + kept.length));
